package org.nicmanager.lib.lacp;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * LACPDU frames on the wire (IEEE 802.1AX-2014 6.4.2; IEEE 802.3 Annex 57A for the Slow Protocols): destination
 * 01-80-C2-00-00-02, EtherType 0x8809, subtype 1, version 1, then the Actor (type 1, 20 octets), Partner (type 2, 20),
 * Collector (type 3, 16) and Terminator (type 0, 0) TLVs and 50 reserved octets: 110 octets, 124 with the Ethernet
 * header (128 on the wire with the FCS). Reserved octets are sent as zero and ignored on receipt (6.4.2.3).
 *
 * <p>{@link #decode} never throws: every read is bounds-checked first, and bad bytes come back as a
 * {@link LacpduDefect}. Pure functions, no state.
 */
@ProviderType
public final class LacpduCodec {

    /** The Slow_Protocols_Multicast address, 01-80-C2-00-00-02. */
    public static final long SLOW_PROTOCOLS_MULTICAST = 0x0180_C200_0002L;
    public static final int SLOW_PROTOCOLS_ETHERTYPE = 0x8809;
    public static final int SUBTYPE_LACP = 1;
    public static final int SUBTYPE_MARKER = 2;
    public static final int VERSION = 1;
    /** The LACPDU itself, from subtype to the last reserved octet. */
    public static final int PDU_BYTES = 110;
    /** Ethernet header and LACPDU, without the FCS. */
    public static final int FRAME_BYTES = 14 + PDU_BYTES;

    private static final int SUBTYPE = 14;
    private static final int VERSION_AT = 15;
    private static final int ACTOR_TLV = 16;
    private static final int PARTNER_TLV = 36;
    private static final int COLLECTOR_TLV = 56;
    private static final int TERMINATOR_TLV = 72;
    private static final int TYPE_ACTOR = 1;
    private static final int TYPE_PARTNER = 2;
    private static final int TYPE_COLLECTOR = 3;
    private static final int TYPE_TERMINATOR = 0;
    private static final int INFO_LENGTH = 20;
    private static final int COLLECTOR_LENGTH = 16;

    /** What {@link #decode} found: a PDU, or the defect that made the bytes unusable. */
    public record Decoded(Lacpdu pdu, LacpduDefect defect) {

        public boolean ok() {
            return pdu != null;
        }
    }

    private LacpduCodec() {
    }

    /**
     * True when the frame is addressed to the Slow Protocols (destination and EtherType), whatever its subtype. Reads
     * two fields in place, allocates nothing: for the frame path, which hands such frames to LACP and never to VMs.
     */
    public static boolean isSlowProtocols(byte[] data, int length) {
        return length >= 14 && u16(data, 12) == SLOW_PROTOCOLS_ETHERTYPE && u48(data, 0) == SLOW_PROTOCOLS_MULTICAST;
    }

    /**
     * Writes {@code pdu} as a whole frame from {@code sourceMac} at the start of {@code frame}, reserved octets zero.
     *
     * @return the frame length, {@link #FRAME_BYTES}
     * @throws IllegalArgumentException when {@code frame} is shorter than {@link #FRAME_BYTES}
     */
    public static int encode(Lacpdu pdu, long sourceMac, byte[] frame) {
        if (frame.length < FRAME_BYTES) {
            throw new IllegalArgumentException("an LACPDU frame needs " + FRAME_BYTES + " bytes, the buffer has "
                    + frame.length);
        }
        Arrays.fill(frame, 0, FRAME_BYTES, (byte) 0);
        put48(frame, 0, SLOW_PROTOCOLS_MULTICAST);
        put48(frame, 6, sourceMac);
        put16(frame, 12, SLOW_PROTOCOLS_ETHERTYPE);
        frame[SUBTYPE] = SUBTYPE_LACP;
        frame[VERSION_AT] = VERSION;
        putInfo(frame, ACTOR_TLV, TYPE_ACTOR, pdu.actor());
        putInfo(frame, PARTNER_TLV, TYPE_PARTNER, pdu.partner());
        frame[COLLECTOR_TLV] = TYPE_COLLECTOR;
        frame[COLLECTOR_TLV + 1] = COLLECTOR_LENGTH;
        put16(frame, COLLECTOR_TLV + 2, pdu.collectorMaxDelay());
        frame[TERMINATOR_TLV] = TYPE_TERMINATOR;
        frame[TERMINATOR_TLV + 1] = 0;
        return FRAME_BYTES;
    }

    private static void putInfo(byte[] frame, int at, int type, LacpParticipant info) {
        frame[at] = (byte) type;
        frame[at + 1] = INFO_LENGTH;
        put16(frame, at + 2, info.systemPriority());
        put48(frame, at + 4, info.system());
        put16(frame, at + 10, info.key());
        put16(frame, at + 12, info.portPriority());
        put16(frame, at + 14, info.port());
        frame[at + 16] = (byte) info.state();
    }

    /**
     * Reads a frame of {@code length} bytes. Version 1 must have the Terminator where 6.4.2.3 puts it; a later
     * version may carry more TLVs after the Collector TLV, which are skipped up to the Terminator (6.4.2.4: what an
     * implementation does not know it ignores). Never throws.
     */
    public static Decoded decode(byte[] data, int length) {
        if (data == null || length < 0 || length > data.length || length < TERMINATOR_TLV + 2) {
            return defect(LacpduDefect.TRUNCATED);
        }
        if (!isSlowProtocols(data, length)) {
            return defect(LacpduDefect.NOT_SLOW_PROTOCOLS);
        }
        if (data[SUBTYPE] != SUBTYPE_LACP) {
            return defect(LacpduDefect.OTHER_SUBTYPE);
        }
        int version = data[VERSION_AT] & 0xFF;
        if (version == 0) {
            return defect(LacpduDefect.BAD_VERSION);
        }
        if (data[ACTOR_TLV] != TYPE_ACTOR || data[ACTOR_TLV + 1] != INFO_LENGTH) {
            return defect(LacpduDefect.BAD_ACTOR_TLV);
        }
        if (data[PARTNER_TLV] != TYPE_PARTNER || data[PARTNER_TLV + 1] != INFO_LENGTH) {
            return defect(LacpduDefect.BAD_PARTNER_TLV);
        }
        if (data[COLLECTOR_TLV] != TYPE_COLLECTOR || data[COLLECTOR_TLV + 1] != COLLECTOR_LENGTH) {
            return defect(LacpduDefect.BAD_COLLECTOR_TLV);
        }
        if (!terminated(data, length, version)) {
            return defect(LacpduDefect.BAD_TERMINATOR_TLV);
        }
        if (version == VERSION && length < FRAME_BYTES) {
            return defect(LacpduDefect.TRUNCATED); // the 50 reserved octets are part of a version 1 LACPDU
        }
        Lacpdu pdu = new Lacpdu(info(data, ACTOR_TLV), info(data, PARTNER_TLV), u16(data, COLLECTOR_TLV + 2));
        return new Decoded(pdu, null);
    }

    private static boolean terminated(byte[] data, int length, int version) {
        int at = TERMINATOR_TLV;
        if (version == VERSION) {
            return data[at] == TYPE_TERMINATOR && data[at + 1] == 0;
        }
        while (at + 2 <= length) {
            int type = data[at] & 0xFF;
            int tlvLength = data[at + 1] & 0xFF;
            if (type == TYPE_TERMINATOR) {
                return tlvLength == 0;
            }
            if (tlvLength < 2) {
                return false; // a TLV shorter than its own header would never end
            }
            at += tlvLength;
        }
        return false;
    }

    private static LacpParticipant info(byte[] data, int at) {
        return new LacpParticipant(u16(data, at + 2), u48(data, at + 4), u16(data, at + 10), u16(data, at + 12),
                u16(data, at + 14), data[at + 16] & 0xFF);
    }

    private static Decoded defect(LacpduDefect defect) {
        return new Decoded(null, defect);
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static int u32(byte[] data, int at) {
        return u16(data, at) << 16 | u16(data, at + 2);
    }

    private static long u48(byte[] data, int at) {
        return (long) u16(data, at) << 32 | u32(data, at + 2) & 0xFFFF_FFFFL;
    }

    private static void put16(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }

    private static void put48(byte[] data, int at, long value) {
        for (int i = 0; i < 6; i++) {
            data[at + i] = (byte) (value >>> 40 - 8 * i);
        }
    }
}
