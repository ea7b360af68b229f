package org.nicmanager.nicmanager.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code --failover-on-busy} and {@code bond:busy}: off, or a duration from 1 ms to 1 h; anything else is refused. */
class BusyOptionTest {

    @Test
    void offAndDurationsInRangeAreTaken() {
        assertEquals(0, BondOptions.failoverOnBusyNanos("off"));
        assertEquals(1_000_000L, BondOptions.failoverOnBusyNanos("1ms"));
        assertEquals(500_000_000L, BondOptions.failoverOnBusyNanos("500ms"));
        assertEquals(3_600_000_000_000L, BondOptions.failoverOnBusyNanos("1h"));
    }

    @Test
    void valuesOutsideTheRangeAreRefusedNamingThemAndWhatIsAllowed() {
        for (String bad : new String[] {"0", "0s", "999us", "61m", "soon", "-5ms", ""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> BondOptions.failoverOnBusyNanos(bad), bad);
            assertEquals("bad failover-on-busy time '" + bad + "': off, or a duration from 1ms to 1h (e.g. 500ms)",
                    refusal(refused));
        }
    }

    private static String refusal(IllegalArgumentException refused) {
        return refused.getMessage();
    }
}
