package org.nicmanager.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * A {@link HostRecord} as the UTF-8 JSON kept in ZooKeeper. A record another version wrote that lacks a field or has
 * one of the wrong type is refused whole, never taken in part.
 */
public final class HostRecordCodec {

    private final Gson gson = new Gson();

    public byte[] encode(HostRecord record) {
        return gson.toJson(record).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws MalformedRecordException saying what is wrong
     */
    public HostRecord decode(String path, byte[] data) {
        HostRecord record;
        try {
            record = gson.fromJson(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8),
                    HostRecord.class);
        } catch (JsonParseException bad) {
            throw new MalformedRecordException(path, "not a host record: " + bad.getMessage());
        } catch (RuntimeException bad) { // Gson builds records through their constructors, which refuse missing lists
            throw new MalformedRecordException(path, "a host record needs hostId, machine, version and uplinks ("
                    + bad.getMessage() + ")");
        }
        if (record == null || record.hostId() == null || record.machine() == null || record.version() == null
                || record.uplinks() == null) {
            throw new MalformedRecordException(path, "a host record needs hostId, machine, version and uplinks");
        }
        for (HostRecord.UplinkRecord uplink : record.uplinks()) {
            if (uplink == null || uplink.name() == null || uplink.nics() == null) {
                throw new MalformedRecordException(path, "an uplink needs a name and its nics");
            }
        }
        // Gson fills records through their canonical constructor: copy the lists so that they are immutable.
        return new HostRecord(record.hostId(), record.machine(), record.pid(), record.startedAtMillis(),
                record.version(), List.copyOf(record.uplinks()), record.headroomBps(), record.runningVms());
    }

    /** A record in ZooKeeper that this version cannot read. */
    public static final class MalformedRecordException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedRecordException(String path, String why) {
            super("cluster record " + path + " skipped: " + why);
        }
    }
}
