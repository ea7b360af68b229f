package org.nicmanager.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.nicmanager.kernel.api.teaming.BondDirectory;
import org.nicmanager.kernel.api.teaming.BondInfo;
import org.nicmanager.kernel.api.teaming.BondMember;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * A running host follows a bond's configuration changed through ConfigAdmin, as another tool or an edited file in
 * conf/ changes it: the live bond takes the new policy, members and order, is re-created for a new failback mode, a
 * refused configuration leaves it running as it was, a new configuration makes a bond and a deleted one deletes it.
 * ConfigAdmin tells the NIC manager asynchronously; the test waits on what the NIC manager logs, within bounds.
 */
public class BondConfigFollowTest extends NicManagerTestSupport {

    private static final String FACTORY_PID = "org.nicmanager.bond";
    /** LogService.LOG_WARNING: the test's class path has the Log Service API before LogLevel. */
    private static final int LOG_WARNING = 2;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    private BondDirectory directory;

    @Inject
    private LogReaderService logReader;

    /** What the NIC manager bundle logs, from the test's start; every entry also wakes a waiting test. */
    private final List<LogEntry> log = new CopyOnWriteArrayList<>();
    private final BlockingQueue<LogEntry> arrivals = new LinkedBlockingQueue<>();
    private final LogListener listener = entry -> {
        if ("kernel.nicmanager".equals(entry.getBundle().getSymbolicName())) {
            log.add(entry);
            arrivals.add(entry);
        }
    };

    @Before
    public void listen() {
        logReader.addLogListener(listener);
    }

    @After
    public void stopListening() {
        logReader.removeLogListener(listener);
    }

    @Test
    public void theLiveBondFollowsItsConfigurationAndARefusedOneChangesNothing() throws Exception {
        shell("hw:switch add swF --ports 8");
        for (String nic : List.of("f0", "f1", "f2")) {
            shell("hw:nic add " + nic + " --model e1000 --switch swF");
        }
        shell("bond:create bondF --policy round-robin");
        shell("bond:add bondF f0 f1");

        configure("bondF", "policy", "failover-order", "nics", new String[] {"f2", "f0"});
        awaitLogged("bond bondF follows its configuration: policy round-robin -> failover-order; NICs leaving [f1];"
                + " NICs joining [f2]; failover order [f2, f0]");
        assertEquals("the commands' own writes came back first and changed nothing", 1,
                log.stream().filter(entry -> entry.getMessage().startsWith("bond bondF")).count());
        String followed = shell("bond:show bondF --json");
        assertTrue(followed, followed.contains("\"policy\":\"failover-order\""));
        assertTrue(followed, followed.contains("\"members\":[{\"name\":\"f2\",\"state\":\"UP\",\"active\":true"));
        assertTrue(followed, followed.contains("\"role\":\"ACTIVE\",\"roleReason\":\"first member in service in the"
                + " failover order\"},{\"name\":\"f0\",\"state\":\"UP\",\"active\":false"));
        assertFalse(followed, followed.contains("\"name\":\"f1\""));

        configure("bondF", "policy", "fastest", "nics", new String[] {"f2", "f0"});
        LogEntry refused = awaitLogged("bond configuration org.nicmanager.bond~bondF not followed; nothing changed:"
                + " unknown policy 'fastest'; allowed: round-robin, ");
        assertNull("a refusal is a message, not a stack trace", refused.getException());
        assertEquals("the bond runs as it was", followed, shell("bond:show bondF --json"));

        // A running bond keeps its failback mode: it is re-created, and the new bond fails back after its hold-down.
        configure("bondF", "policy", "failover-order", "failback", "DELAYED", "failbackHoldDownMs", 2000L, "nics",
                new String[] {"f2", "f0"});
        LogEntry recreated = awaitLogged("bond bondF re-created to follow its configuration (failback IMMEDIATE ->"
                + " DELAYED): a running bond cannot change these");
        assertEquals("a warning: the bond's counters and history start afresh", LOG_WARNING, recreated.getLevel());
        shell("hw:unplug f2");
        shell("hw:plug f2");
        shell("kernel:advance 1999ms");
        String holdingDown = shell("bond:show bondF --json");
        assertTrue(holdingDown, holdingDown.contains("\"failback\":\"delayed\""));
        assertTrue(holdingDown, holdingDown.contains("{\"name\":\"f2\",\"state\":\"UP\",\"active\":false"));
        shell("kernel:advance 1ms");
        String failedBack = shell("bond:show bondF --json");
        assertTrue(failedBack, failedBack.contains("{\"name\":\"f2\",\"state\":\"UP\",\"active\":true"));

        configure("bondG", "policy", "hash-l34", "nics", new String[] {"f1"});
        awaitBond("bondG is created from its new configuration, with f1",
                bond -> bond.map(info -> info.members().stream().map(BondMember::name).toList())
                        .orElse(List.of()).equals(List.of("f1")), "bondG");

        configurations.getFactoryConfiguration(FACTORY_PID, "bondF", "?").delete();
        awaitBond("bondF is deleted with its configuration", Optional::isEmpty, "bondF");
        assertTrue(shell("nic:list --json"), shell("nic:list --json").contains("\"name\":\"f2\",\"driver\":"
                + "\"e1000sim\",\"speedBps\":1000000000,\"state\":\"UP\",\"bond\":null"));
    }

    @Test
    public void aBadStoredConfigurationKeepsNoNicManagerFromStarting() throws Exception {
        shell("hw:switch add swR --ports 4");
        shell("hw:nic add r0 --model e1000 --switch swR");
        shell("bond:create bondR --policy failover-order");
        shell("bond:add bondR r0");
        configure("bondBad", "policy", "fastest");
        awaitLogged("bond configuration org.nicmanager.bond~bondBad not followed");

        Bundle nicManager = java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals("kernel.nicmanager")).findFirst().orElseThrow();
        nicManager.stop();
        nicManager.start();
        LogEntry refused = awaitLogged("bond bondBad (configuration org.nicmanager.bond~bondBad) was not restored:"
                + " unknown policy 'fastest'");
        assertNull("a refusal is a message, not a stack trace", refused.getException());
        awaitMatching("(osgi.command.scope=bond)");
        String bonds = shell("bond:list");
        assertTrue("the good bond came back beside the refused one: " + bonds,
                bonds.contains("bondR  failover-order  1        1"));
        assertFalse(bonds, bonds.contains("bondBad"));
        configurations.getFactoryConfiguration(FACTORY_PID, "bondBad", "?").delete();
    }

    @Test
    public void failoverOnBusyIsStoredAndARunningBondFollowsItsConfigurationLive() throws Exception {
        shell("hw:switch add swB --ports 4");
        shell("hw:nic add k0 --model e1000 --switch swB");
        shell("bond:create bondB --policy failover-order --failover-on-busy 40ms");
        shell("bond:add bondB k0");
        assertEquals(40L, stored("bondB").get("failoverOnBusyMs"));
        shell("bond:busy bondB 8ms");
        assertEquals("bond:busy is stored", 8L, stored("bondB").get("failoverOnBusyMs"));

        configure("bondB", "policy", "failover-order", "nics", new String[] {"k0"}, "failoverOnBusyMs", 20L);
        awaitLogged("bond bondB follows its configuration: failoverOnBusyMs 8 -> 20");
        String followed = shell("bond:show bondB --json");
        assertTrue("changed live, not re-created: " + followed, followed.contains("\"failoverOnBusyNanos\":20000000")
                && followed.contains("\"history\":[]"));

        configure("bondB", "policy", "failover-order", "nics", new String[] {"k0"}, "failoverOnBusyMs", 0.5);
        LogEntry refused = awaitLogged("bond configuration org.nicmanager.bond~bondB not followed; nothing changed:"
                + " bad failoverOnBusyMs '0.5': a whole number expected");
        assertNull(refused.getException());
        configure("bondB", "policy", "failover-order", "nics", new String[] {"k0"}, "failoverOnBusyMs", 4_000_000L);
        awaitLogged("bond configuration org.nicmanager.bond~bondB not followed; nothing changed: bad failoverOnBusyMs"
                + " '4000000': 0 (off) or 1 to 3600000 milliseconds");
        assertTrue(shell("bond:show bondB --json").contains("\"failoverOnBusyNanos\":20000000"));
    }

    /**
     * A configuration naming no policy gets the NIC manager's default (per-vm here, in the kernel-integrated one); the
     * load-based thresholds are read from the configuration, and one outside its range is refused by name.
     */
    @Test
    public void aConfigurationWithoutPolicyIsPerVmAndLoadBasedThresholdsAreChecked() throws Exception {
        shell("hw:switch add swK --ports 4");
        shell("hw:nic add q0 --model e1000 --switch swK");
        configure("bondK", "nics", new String[] {"q0"});
        awaitBond("bondK is created from its configuration", Optional::isPresent, "bondK");
        String created = shell("bond:show bondK --json");
        assertTrue(created, created.contains("\"policy\":\"per-vm\","));

        configure("bondKL", "policy", "load-based", "loadBasedThresholdPercent", 80, "loadBasedWindowSeconds", 45);
        awaitBond("bondKL is created from its configuration", Optional::isPresent, "bondKL");
        String loadBased = shell("bond:show bondKL --json");
        assertTrue(loadBased, loadBased.contains("\"loadBased\":{\"thresholdPercent\":80,\"windowSeconds\":45}"));

        configure("bondKX", "policy", "load-based", "loadBasedThresholdPercent", 100);
        awaitLogged("bond configuration org.nicmanager.bond~bondKX not followed; nothing changed: bad"
                + " loadBasedThresholdPercent '100': a whole percentage from 1 to 99");
        configure("bondKL", "policy", "load-based", "loadBasedThresholdPercent", 80, "loadBasedWindowSeconds", 0);
        awaitLogged("bond configuration org.nicmanager.bond~bondKL not followed; nothing changed: bad"
                + " loadBasedWindowSeconds '0': a whole number of seconds from 1 to 3600");
        assertEquals("the bond runs as it was", loadBased, shell("bond:show bondKL --json"));
        for (String bond : List.of("bondK", "bondKL", "bondKX")) {
            configurations.getFactoryConfiguration(FACTORY_PID, bond, "?").delete();
        }
    }

    /** The stored properties of a bond's configuration. */
    private Dictionary<String, Object> stored(String bond) throws Exception {
        return configurations.getFactoryConfiguration(FACTORY_PID, bond, "?").getProperties();
    }

    /** Writes a bond's configuration through ConfigAdmin, as another tool or FileInstall would. */
    private void configure(String bond, Object... pairs) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", bond);
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        configurations.getFactoryConfiguration(FACTORY_PID, bond, "?").update(properties);
    }

    /** Waits, within bounds, for the NIC manager to log a message starting so; fails naming what it logged. */
    private LogEntry awaitLogged(String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Optional<LogEntry> found = log.stream().filter(entry -> entry.getMessage().startsWith(start)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            awaitNextEntry(deadline, "no log entry \"" + start + "...\" within " + WAIT_SECONDS + " s");
        }
    }

    /** A bounded poll of the bond directory, again at each log entry, until the bond is as described. */
    private void awaitBond(String what, Predicate<Optional<BondInfo>> condition, String bond)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Optional<BondInfo> now = directory.bonds().stream().filter(info -> info.name().equals(bond)).findFirst();
            if (condition.test(now)) {
                return;
            }
            awaitNextEntry(deadline, "not so within " + WAIT_SECONDS + " s: " + what + "; the bond is " + now);
        }
    }

    private void awaitNextEntry(long deadline, String failure) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0 || arrivals.poll(left, TimeUnit.NANOSECONDS) == null) {
            fail(failure + "; the NIC manager logged " + log.stream().map(LogEntry::getMessage).toList());
        }
    }
}
