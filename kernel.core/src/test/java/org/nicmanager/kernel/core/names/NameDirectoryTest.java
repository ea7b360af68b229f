package org.nicmanager.kernel.core.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.names.NameSource;

class NameDirectoryTest {

    private static final Set<NameKind> DESTINATIONS = EnumSet.of(NameKind.VM, NameKind.VNIC, NameKind.HOST,
            NameKind.NIC, NameKind.ADDRESS);
    private static final MacAddress VM1_ETH0 = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress VM1_ETH1 = MacAddress.parse("02:00:00:00:01:02");
    private static final MacAddress H1 = MacAddress.parse("02:50:00:00:00:01");
    private static final MacAddress VMNIC0 = MacAddress.parse("00:50:56:00:00:01");

    /** A source whose snapshot a test replaces, as a world thread would. */
    private static final class Snapshots implements NameSource {
        private List<NameEntry> names = List.of();
        private int reads;

        @Override
        public List<NameEntry> names() {
            reads++;
            return names;
        }
    }

    private final Snapshots vms = new Snapshots();
    private final Snapshots world = new Snapshots();
    private final Snapshots kernel = new Snapshots();
    private final NameDirectoryComponent directory = new NameDirectoryComponent();

    @BeforeEach
    void sources() {
        vms.names = List.of(new NameEntry("vm1", NameKind.VM, List.of(VM1_ETH0, VM1_ETH1), "kernel.vmmanager"),
                new NameEntry("vm1-eth0", NameKind.VNIC, List.of(VM1_ETH0), "kernel.vmmanager", "vm1"),
                new NameEntry("vm1-eth1", NameKind.VNIC, List.of(VM1_ETH1), "kernel.vmmanager", "vm1"),
                new NameEntry("empty", NameKind.VM, List.of(), "kernel.vmmanager"));
        world.names = List.of(new NameEntry("h1", NameKind.HOST, List.of(H1), "sim.network"),
                new NameEntry("sw1", NameKind.SWITCH, List.of(), "sim.network"),
                new NameEntry("vmnic0", NameKind.NIC, List.of(VMNIC0), "sim.network"));
        kernel.names = List.of(new NameEntry("vmnic0", NameKind.NIC, List.of(VMNIC0), "kernel.core"));
        directory.addSource(vms);
        directory.addSource(world);
        directory.addSource(kernel);
    }

    @Test
    void resolvesEachKindByNameAndAVmToItsFirstVnicsMac() {
        assertEquals(NameKind.HOST, directory.resolve("--to", "h1", DESTINATIONS).kind());
        NameEntry vm = directory.resolve("--to", "vm1", DESTINATIONS);
        assertEquals(NameKind.VM, vm.kind());
        assertEquals(VM1_ETH0, vm.mac());
        assertEquals(VM1_ETH1, directory.resolve("--to", "vm1-eth1", DESTINATIONS).mac());
        assertEquals("vm1", directory.resolve("--to", "vm1-eth1", DESTINATIONS).within());
    }

    @Test
    void aMacResolvesToItsOwnerTheVnicBeforeItsVm() {
        NameEntry owner = directory.resolve("--to", "02:00:00:00:01:02", DESTINATIONS);
        assertEquals("vm1-eth1", owner.name());
        assertEquals(NameKind.VNIC, owner.kind());
        assertEquals("h1", directory.owning(H1).orElseThrow().name());
        assertEquals("h1", directory.resolve("--to", "02-50-00-00-00-01", DESTINATIONS).name());
    }

    @Test
    void anUnclaimedMacIsAnAddressWhereAddressesAreAccepted() {
        NameEntry address = directory.resolve("--to", "02:aa:bb:cc:dd:ee", DESTINATIONS);
        assertEquals(NameKind.ADDRESS, address.kind());
        assertEquals(MacAddress.parse("02:aa:bb:cc:dd:ee"), address.mac());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("PORT", "02:aa:bb:cc:dd:ee", EnumSet.of(NameKind.NIC, NameKind.HOST)));
        assertTrue(refused.getMessage().startsWith("no one here has MAC 02:aa:bb:cc:dd:ee (PORT)"),
                refused.getMessage());
    }

    @Test
    void theSameNameFromTwoSourcesIsOneEntryWithBothOwners() {
        List<NameEntry> vmnic0 = directory.named("vmnic0");
        assertEquals(1, vmnic0.size());
        assertEquals("sim.network, kernel.core", vmnic0.get(0).owner());
        assertTrue(vmnic0.get(0).ownedBy("kernel.core") && vmnic0.get(0).ownedBy("sim.network"));
        assertEquals(List.of(VMNIC0), vmnic0.get(0).macs());
    }

    @Test
    void anUnknownNameIsRefusedListingTheNamesThatExistByKind() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("--to", "h9", DESTINATIONS));
        assertEquals("unknown --to 'h9': the name of a VM, a vNIC, a host or a NIC, or a MAC like"
                + " 02:00:00:00:00:01; VMs: empty, vm1; vNICs: vm1-eth0, vm1-eth1; hosts: h1; NICs: vmnic0",
                refused.getMessage());
    }

    @Test
    void aMalformedMacIsRefusedAsAMac() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("--to", "02:00:00:zz:00:01", DESTINATIONS));
        assertEquals("bad MAC '02:00:00:zz:00:01' for --to: expected six hex octets like 02:00:00:00:00:01, or the"
                + " name of a VM, a vNIC, a host or a NIC; VMs: empty, vm1; vNICs: vm1-eth0, vm1-eth1; hosts: h1;"
                + " NICs: vmnic0", refused.getMessage());
    }

    @Test
    void aNameOfAKindNotTakenIsRefusedSayingWhatItIs() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("--to", "sw1", DESTINATIONS));
        assertTrue(refused.getMessage().startsWith("--to 'sw1' is a switch, but --to takes the name of a VM"),
                refused.getMessage());
        IllegalArgumentException vnicMac = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("VM", "02:00:00:00:01:01", EnumSet.of(NameKind.VM)));
        assertTrue(vnicMac.getMessage().startsWith("VM '02:00:00:00:01:01' is the MAC of a vNIC of vm1"),
                vnicMac.getMessage());
    }

    @Test
    void aNameTakenByTwoKindsAsksForTheMac() {
        world.names = List.of(new NameEntry("vm1", NameKind.HOST, List.of(H1), "sim.network"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("TARGET", "vm1", DESTINATIONS));
        assertEquals("TARGET 'vm1' names 2 things: VM vm1 (02:00:00:00:01:01), host vm1 (02:50:00:00:00:01);"
                + " give the MAC of the one you mean", refused.getMessage());
        assertEquals(NameKind.HOST, directory.resolve("TARGET", "vm1", EnumSet.of(NameKind.HOST)).kind());
    }

    @Test
    void aVmWithoutVnicsHasNoMacToSendTo() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> directory.resolve("--to", "empty", DESTINATIONS).mac());
        assertEquals("vm 'empty' has no MAC to send to; add a virtual NIC with vnic:add empty", refused.getMessage());
    }

    @Test
    void aListingShowsAtMostEightPerKindThenHowManyMore() {
        List<NameEntry> hosts = new ArrayList<>();
        for (int i = 10; i < 30; i++) {
            hosts.add(new NameEntry("h" + i, NameKind.HOST, List.of(new MacAddress(0x0250_0000_0100L + i)),
                    "sim.network"));
        }
        world.names = hosts;
        assertEquals("hosts: h10, h11, h12, h13, h14, h15, h16, h17 and 12 more",
                directory.listing(EnumSet.of(NameKind.HOST)));
        assertEquals("there are no remote hosts yet", directory.listing(EnumSet.of(NameKind.REMOTE_HOST)));
    }

    @Test
    void entriesComeByKindThenName() {
        assertEquals(List.of("empty", "vm1", "vm1-eth0", "vm1-eth1", "h1", "vmnic0", "sw1"),
                directory.entries().stream().map(NameEntry::name).toList());
    }

    @Test
    void theIndexIsRebuiltOnlyWhenASourcePublishesANewSnapshot() {
        List<NameEntry> first = directory.entries();
        assertSame(first, directory.entries(), "unchanged snapshots reuse the index");
        vms.names = List.of(new NameEntry("vm2", NameKind.VM, List.of(), "kernel.vmmanager"));
        assertEquals(List.of("vm2", "h1", "vmnic0", "sw1"),
                directory.entries().stream().map(NameEntry::name).toList());
        directory.removeSource(world);
        assertEquals(List.of("vm2", "vmnic0"), directory.entries().stream().map(NameEntry::name).toList());
        assertTrue(vms.reads > 0);
    }
}
