package org.nicmanager.operator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nicmanager.operator.testing.Fakes;

/** A flood of bad requests writes a bounded number of lines, and the next line says how many were left out. */
class RefusalLogTest {

    @Test
    void atMostSoManyLinesAMinuteThenTheCountOfTheRest() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        RefusalLog log = new RefusalLog(Fakes.logger(lines), () -> now[0]);

        for (int i = 0; i < 500; i++) {
            log.refused("refused " + i);
        }
        assertEquals(RefusalLog.LINES_PER_WINDOW, lines.size());
        assertEquals("WARN refused 0", lines.get(0));

        now[0] += RefusalLog.WINDOW_NANOS;
        log.refused("refused again");
        assertEquals("WARN refused again (" + (500 - RefusalLog.LINES_PER_WINDOW)
                + " more left out of the log before this)", lines.get(lines.size() - 1));
        log.failed("failed once", new IllegalStateException("broken"));
        assertEquals("ERROR failed once", lines.get(lines.size() - 1));
    }
}
