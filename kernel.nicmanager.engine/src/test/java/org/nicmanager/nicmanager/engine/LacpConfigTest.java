package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.teaming.FailbackMode;
import org.nicmanager.kernel.api.teaming.LacpMode;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.nicmanager.distribution.Policies;
import org.nicmanager.nicmanager.lacp.LacpSettings;
import org.nicmanager.nicmanager.vms.VmKnowledge;

/** A bond's link aggregation as ConfigAdmin stores it: read back, checked like a command, and restored. */
class LacpConfigTest {

    @Test
    void lacpAttributesAreReadAndABondIsRestoredWithThem() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "bond7");
        properties.put("policy", "hash-l34");
        properties.put("nics", new String[] {"nic0"});
        properties.put("lacp", "active");
        properties.put("lacpRate", "fast");
        properties.put("lacpFallbackMs", 5000L);
        properties.put("lacpMinLinks", 2);
        BondConfig config = BondConfigParser.parse(properties);
        assertEquals(new LacpSettings(LacpMode.ACTIVE, true, 5_000_000_000L, 2), config.lacp());

        try (WorldThread world = new WorldThread(ClockMode.VIRTUAL, 10_000_000_000L, (timer, failure) -> {
            throw new AssertionError(timer + ": " + failure);
        })) {
            BondTable table = world.call(() -> new BondTable(world, VmKnowledge.NONE));
            world.run(() -> table.restore(config));
            assertEquals("active", world.call(() -> table.report("bond7")).stats().lacp().mode());
            assertEquals(new LacpSettings(LacpMode.ACTIVE, true, 5_000_000_000L, 2),
                    world.call(() -> table.report("bond7")).settings().lacp());
        }
    }

    @Test
    void aBondWithoutLacpAttributesHasNoneAndAWriterThatDoesNotKnowThemSaysSo() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "bond8");
        assertEquals(LacpSettings.off(), BondConfigParser.parse(properties).lacp());
        assertNull(new BondConfig("bond8", Policies.ROUND_ROBIN, FailbackMode.IMMEDIATE, 0, List.of()).lacp());
    }

    @Test
    void badLacpAttributesAreRefusedByName() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("name", "bond9");
        properties.put("lacp", "sometimes");
        assertEquals("bad --lacp 'sometimes': allowed off, static, active, passive",
                assertThrows(IllegalArgumentException.class, () -> BondConfigParser.parse(properties))
                        .getMessage());
        properties.put("lacp", "active");
        properties.put("lacpMinLinks", "many");
        assertEquals("bad lacpMinLinks 'many': a whole number expected",
                assertThrows(IllegalArgumentException.class, () -> BondConfigParser.parse(properties))
                        .getMessage());
    }
}
