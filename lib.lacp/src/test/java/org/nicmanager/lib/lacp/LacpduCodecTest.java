package org.nicmanager.lib.lacp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.testsupport.FrameBuilder.with8;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The LACPDU layout of IEEE 802.1AX-2014 6.4.2.3, octet by octet, and the defects the decoder names. */
class LacpduCodecTest {

    static final LacpParticipant ACTOR = new LacpParticipant(32768, 0x0253_4300_0001L, 0x0007, 255, 1,
            LacpState.ACTIVITY | LacpState.TIMEOUT | LacpState.AGGREGATION | LacpState.SYNCHRONIZATION);
    static final LacpParticipant PARTNER = new LacpParticipant(65535, 0x0253_5301_0000L, 0x0105, 128, 3,
            LacpState.ACTIVITY | LacpState.AGGREGATION);
    static final Lacpdu PDU = new Lacpdu(ACTOR, PARTNER, 5);

    static byte[] frame() {
        byte[] frame = new byte[LacpduCodec.FRAME_BYTES];
        LacpduCodec.encode(PDU, 0x0253_4300_0001L, frame);
        return frame;
    }

    @Test
    void encodesEveryOctetWhereTheStandardPutsIt() {
        String expected = "0180c2000002" + "025343000001" + "8809" + "0101"
                + "0114" + "8000" + "025343000001" + "0007" + "00ff" + "0001" + "0f" + "000000"
                + "0214" + "ffff" + "025353010000" + "0105" + "0080" + "0003" + "05" + "000000"
                + "0310" + "0005" + "00".repeat(12)
                + "0000" + "00".repeat(50);
        assertEquals(expected, HexFormat.of().formatHex(frame()));
        assertEquals(124, expected.length() / 2, "14 header octets and a 110-octet LACPDU");
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] frame = frame();
        LacpduCodec.Decoded decoded = LacpduCodec.decode(frame, frame.length);
        assertTrue(decoded.ok(), String.valueOf(decoded.defect()));
        assertEquals(PDU, decoded.pdu());
    }

    @Test
    void recognisesSlowProtocolFramesInPlace() {
        byte[] frame = frame();
        assertTrue(LacpduCodec.isSlowProtocols(frame, frame.length));
        frame[5] = 0x03; // another reserved group address
        assertFalse(LacpduCodec.isSlowProtocols(frame, frame.length));
        assertFalse(LacpduCodec.isSlowProtocols(frame(), 13));
    }

    @Test
    void namesEachDefect() {
        assertDefect(LacpduDefect.TRUNCATED, frame(), 73);
        assertDefect(LacpduDefect.TRUNCATED, frame(), 123);
        assertDefect(LacpduDefect.NOT_SLOW_PROTOCOLS, with8(frame(), 12, 0x08), 124);
        assertDefect(LacpduDefect.OTHER_SUBTYPE, with8(frame(), 14, LacpduCodec.SUBTYPE_MARKER), 124);
        assertDefect(LacpduDefect.BAD_VERSION, with8(frame(), 15, 0), 124);
        assertDefect(LacpduDefect.BAD_ACTOR_TLV, with8(frame(), 16, 2), 124);
        assertDefect(LacpduDefect.BAD_ACTOR_TLV, with8(frame(), 17, 19), 124);
        assertDefect(LacpduDefect.BAD_PARTNER_TLV, with8(frame(), 37, 21), 124);
        assertDefect(LacpduDefect.BAD_COLLECTOR_TLV, with8(frame(), 57, 12), 124);
        assertDefect(LacpduDefect.BAD_TERMINATOR_TLV, with8(frame(), 73, 3), 124);
        assertDefect(LacpduDefect.TRUNCATED, null, 0);
        assertDefect(LacpduDefect.TRUNCATED, frame(), 200);
    }

    @Test
    void aLaterVersionIsReadForWhatVersionOneKnowsAndItsExtraTlvsSkipped() {
        byte[] frame = new byte[140];
        System.arraycopy(frame(), 0, frame, 0, 72);
        frame[15] = 2;
        frame[72] = 4; // a Port Algorithm TLV of 6 octets (802.1AX-2014 6.4.2.4.1)
        frame[73] = 6;
        frame[78] = 0; // then the Terminator
        frame[79] = 0;
        LacpduCodec.Decoded decoded = LacpduCodec.decode(frame, 80);
        assertTrue(decoded.ok(), String.valueOf(decoded.defect()));
        assertEquals(ACTOR, decoded.pdu().actor());
        frame[73] = 1; // a TLV shorter than its header
        assertDefect(LacpduDefect.BAD_TERMINATOR_TLV, frame, 140);
    }

    @Test
    void reservedOctetsAreIgnoredOnReceipt() {
        byte[] frame = frame();
        frame[33] = 0x55;
        frame[100] = 0x77;
        assertEquals(PDU, LacpduCodec.decode(frame, frame.length).pdu());
    }

    @Test
    void encodingRefusesAShortBufferByItsSize() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LacpduCodec.encode(PDU, 1, new byte[60]));
        assertEquals("an LACPDU frame needs 124 bytes, the buffer has 60", refused.getMessage());
    }

    @Test
    void participantsRefuseFieldsOutOfRangeByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new LacpParticipant(70000, 0, 0, 0, 0, 0));
        assertEquals("LACP system priority 70000 is outside 0..65535", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LacpParticipant(0, 1L << 48, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LacpParticipant(0, 0, 0, 0, 0, 256));
    }

    @Test
    void stateBitsHaveTheirNames() {
        assertEquals(java.util.List.of("ACTIVITY", "SHORT_TIMEOUT", "AGGREGATION", "SYNCHRONIZATION", "COLLECTING",
                "DISTRIBUTING", "DEFAULTED", "EXPIRED"), LacpState.names(0xFF));
        assertEquals(java.util.List.of(), LacpState.names(0));
        assertArrayEquals(new byte[] {1}, new byte[] {(byte) LacpState.ACTIVITY});
    }

    static void assertDefect(LacpduDefect expected, byte[] frame, int length) {
        LacpduCodec.Decoded decoded = LacpduCodec.decode(frame, length);
        assertFalse(decoded.ok());
        assertEquals(expected, decoded.defect());
    }
}
