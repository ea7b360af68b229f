package org.nicmanager.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.TransmitStatus;

class FakeNicTest {

    @Test
    void itTakesFramesWhileUpAndItsCountersSayWhatTheTestReports() {
        FakeNic nic = new FakeNic("n0", 0x02_00_00_00_00_01L);
        assertEquals(TransmitStatus.ACCEPTED, nic.transmit(FrameBuffer.unpooled(64)));
        assertEquals(1, nic.transmitted());
        assertEquals(NicCounters.ZERO, nic.counters(), "the transmit path does not count into them");
        nic.reportTransmitted(10, 15_000);
        assertEquals(10, nic.counters().txFrames());
        assertEquals(15_000, nic.counters().txBytes());
        nic.setLinkStateSilently(LinkState.DOWN);
        assertEquals(TransmitStatus.LINK_DOWN, nic.transmit(FrameBuffer.unpooled(64)));
    }
}
