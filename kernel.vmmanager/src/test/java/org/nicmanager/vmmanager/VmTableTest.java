package org.nicmanager.vmmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

class VmTableTest {

    private final VmTable table = new VmTable();

    private void assertRefused(String expectedText, Runnable step) {
        List<?> before = table.all();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, step::run);
        assertTrue(refused.getMessage().contains(expectedText), refused.getMessage());
        assertEquals(before, table.all(), "a refused step changed the table");
    }

    @Test
    void theNamesSnapshotHoldsEachVmWithItsVnicsMacsAndIsReplacedOnlyWhenTheyChange() {
        table.create("web1", 7);
        table.attachVnic("web1", new VnicInfo("web1-0", "02:00:00:00:00:01", "e1000", "bond0"));
        table.attachVnic("web1", new VnicInfo("web1-1", "02:00:00:00:00:02", "e1000", ""));
        List<NameEntry> names = table.names();
        assertEquals(List.of("web1-0 VNIC [02:00:00:00:00:01] in web1", "web1-1 VNIC [02:00:00:00:00:02] in web1",
                "web1 VM [02:00:00:00:00:01, 02:00:00:00:00:02] in "), names.stream().map(entry -> entry.name() + " "
                        + entry.kind() + " " + entry.macs() + " in " + entry.within()).toList());
        table.start("web1");
        assertSame(names, table.names(), "a state change leaves the names as they were");
        table.stop("web1");
        table.delete("web1");
        assertEquals(List.of(), table.names());
    }

    @Test
    void aVmGoesThroughItsLifecycle() {
        assertEquals(VmState.CREATED, table.create("web1", 7).state());
        assertEquals(VmState.RUNNING, table.start("web1").state());
        assertEquals(VmState.STOPPED, table.stop("web1").state());
        assertEquals(VmState.RUNNING, table.start("web1").state());
        table.stop("web1");
        table.delete("web1");
        assertTrue(table.all().isEmpty());
    }

    @Test
    void forbiddenStepsNameTheStateAndChangeNothing() {
        table.create("db", 9);
        assertRefused("cannot stop VM db: it is CREATED, and stop needs RUNNING or SUSPENDED", () -> table.stop("db"));
        table.start("db");
        assertRefused("cannot start VM db: it is RUNNING", () -> table.start("db"));
        assertRefused("VM db is RUNNING; stop it before deleting it", () -> table.delete("db"));
    }

    @Test
    void aRunningVmSuspendsAndResumesAndOnlyThen() {
        table.create("app", 3);
        assertRefused("cannot suspend VM app: it is CREATED, and suspend needs RUNNING", () -> table.suspend("app"));
        table.start("app");
        assertRefused("cannot resume VM app: it is RUNNING, and resume needs SUSPENDED", () -> table.resume("app"));
        assertEquals(VmState.SUSPENDED, table.suspend("app").state());
        assertRefused("cannot suspend VM app: it is SUSPENDED", () -> table.suspend("app"));
        assertRefused("cannot start VM app: it is SUSPENDED", () -> table.start("app"));
        assertRefused("VM app is SUSPENDED; stop it before deleting it", () -> table.delete("app"));
        assertEquals(VmState.RUNNING, table.resume("app").state());
        table.suspend("app");
        assertEquals(VmState.STOPPED, table.stop("app").state(), "a suspended VM may be powered off");
    }

    @Test
    void automaticSuspensionsAreHeldByTheirCausesAndTheVmResumesWhenTheLastIsWithdrawn() {
        table.create("low", 1);
        table.start("low");
        assertEquals(VmState.SUSPENDED, table.suspendFor("low", "bottleneck on bond bond0").state());
        assertEquals(VmState.SUSPENDED, table.suspendFor("low", "DoS attack on VM web").state());
        assertEquals(List.of("bottleneck on bond bond0", "DoS attack on VM web"), table.suspensionCauses("low"));
        assertEquals(VmState.SUSPENDED, table.resumeFor("low", "bottleneck on bond bond0").state());
        assertEquals(VmState.SUSPENDED, table.resumeFor("low", "a cause it never had").state());
        assertEquals(VmState.RUNNING, table.resumeFor("low", "DoS attack on VM web").state());
        assertEquals(List.of(), table.suspensionCauses("low"));
    }

    @Test
    void theOperatorsWordWinsOverAutomaticSuspensions() {
        table.create("low", 1);
        table.start("low");
        table.suspend("low"); // by hand
        assertEquals(VmState.SUSPENDED, table.suspendFor("low", "bottleneck on bond bond0").state());
        assertEquals(List.of(), table.suspensionCauses("low"), "an operator's suspension is not taken over");
        assertEquals(VmState.SUSPENDED, table.resumeFor("low", "bottleneck on bond bond0").state());
        table.resume("low");
        table.suspendFor("low", "bottleneck on bond bond0");
        assertEquals(VmState.RUNNING, table.resume("low").state(), "the operator resumes whatever suspended it");
        assertEquals(List.of(), table.suspensionCauses("low"));
        table.stop("low");
        assertRefused("cannot suspend VM low: it is STOPPED, and suspend needs RUNNING",
                () -> table.suspendFor("low", "bottleneck on bond bond0"));
        assertRefused("no VM named 'ghost'", () -> table.resumeFor("ghost", "x"));
    }

    @Test
    void aStoredVmComesBackPoweredOffWithItsVirtualNics() {
        VnicInfo vnic = new VnicInfo("db-0", "02:00:00:00:01:07", "pcnet", "vmnic2");
        assertEquals(VmState.STOPPED, table.restore("db", 9, List.of(vnic)).state());
        assertEquals(List.of(vnic), table.find("db").orElseThrow().vnics());
        VnicInfo moved = new VnicInfo("db-0", "02:00:00:00:01:07", "pcnet", "bond0");
        assertEquals(List.of(moved), table.updateVnic("db", moved).vnics());
        assertRefused("VM db has no virtual NIC named db-9", () -> table.updateVnic("db",
                new VnicInfo("db-9", "02:00:00:00:01:08", "pcnet", "bond0")));
    }

    @Test
    void badNamesPrioritiesAndDuplicatesAreRefused() {
        table.create("a", 0);
        assertRefused("already exists", () -> table.create("a", 5));
        assertRefused("bad VM name 'no spaces'", () -> table.create("no spaces", 5));
        assertRefused("priority 11 is outside 0..10", () -> table.create("b", 11));
        assertRefused("priority -1 is outside 0..10", () -> table.create("b", -1));
        assertRefused("no VM named 'ghost'; VMs: a", () -> table.start("ghost"));
    }

    @Test
    void virtualNicsAreAttachedOnceByName() {
        table.create("web1", 5);
        VnicInfo vnic = new VnicInfo("web1-0", "02:00:00:00:01:00", "e1000", "bond0");
        assertEquals(List.of(vnic), table.attachVnic("web1", vnic).vnics());
        assertRefused("already has a virtual NIC named web1-0", () -> table.attachVnic("web1", vnic));
    }

    @Test
    void vmsAreListedByName() {
        table.create("zeta", 1);
        table.create("alpha", 2);
        assertEquals(List.of("alpha", "zeta"), table.all().stream().map(vm -> vm.name()).toList());
    }
}
