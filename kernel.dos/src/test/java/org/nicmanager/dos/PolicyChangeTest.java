package org.nicmanager.dos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.kernel.api.dos.DosResponse;

class PolicyChangeTest {

    private static PolicyChange change(String responses, String alternate, String migrateTo, String assessment,
            String escalateAfter, String restoreAfter) {
        return new PolicyChange(responses, alternate, migrateTo, assessment, escalateAfter, restoreAfter);
    }

    @Test
    void aChangeKeepsWhatItDoesNotName() {
        DosPolicy changed = change("hold,failover", "set2", null, "20ms", "0ms", null).applyTo(DosPolicy.DEFAULT);
        assertEquals(List.of(DosResponse.HOLD_INTERRUPTS, DosResponse.FAIL_OVER), changed.responses());
        assertEquals("set2", changed.alternateUplink());
        assertEquals(20, changed.assessmentWindowMs());
        assertEquals(0, changed.escalateAfterMs());
        assertEquals(DosPolicy.DEFAULT_RESTORE_AFTER_QUIET_MS, changed.restoreAfterQuietMs());
        assertEquals(20_000_000L, changed.holdNanos());
        DosPolicy cleared = change("none", "none", null, null, null, "2s").applyTo(changed);
        assertEquals(List.of(), cleared.responses());
        assertEquals("", cleared.alternateUplink());
        assertEquals(0, cleared.holdNanos(), "no hold without the hold response");
        assertEquals(2_000, cleared.restoreAfterQuietMs());
    }

    @Test
    void badChangesAreRefusedByValue() {
        assertEquals("unknown DoS response 'teleport'; allowed: hold, suspend, failover, migrate", assertThrows(
                IllegalArgumentException.class, () -> change("hold,teleport", null, null, null, null, null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
        assertEquals("the failover response needs an alternate uplink (--alternate BOND|NIC)", assertThrows(
                IllegalArgumentException.class, () -> change("failover", null, null, null, null, null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
        assertEquals("the migrate response needs a target host (--migrate-to HOST)", assertThrows(
                IllegalArgumentException.class, () -> change("migrate", null, null, null, null, null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
        assertEquals("bad responses [hold, hold]: each response at most once", assertThrows(
                IllegalArgumentException.class, () -> change("hold,hold", null, null, null, null, null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
        assertEquals("bad --assessment '0ms': whole milliseconds, at least 1ms", assertThrows(
                IllegalArgumentException.class, () -> change(null, null, null, "0ms", null, null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
        assertEquals("bad --escalate-after '1500us': whole milliseconds, at least 0ms", assertThrows(
                IllegalArgumentException.class, () -> change(null, null, null, null, "1500us", null)
                        .applyTo(DosPolicy.DEFAULT)).getMessage());
    }
}
