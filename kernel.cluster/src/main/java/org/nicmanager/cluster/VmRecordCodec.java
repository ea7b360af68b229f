package org.nicmanager.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * {@link VmDefinition}s and {@link VmOwner}s as the UTF-8 JSON kept in ZooKeeper, read strictly ({@link StrictJson}):
 * a record another version wrote is refused whole with what is wrong, never taken in part.
 */
public final class VmRecordCodec {

    private static final Set<String> DEFINITION = Set.of("name", "priority", "allocation");
    private static final Set<String> ALLOCATION = Set.of("shares", "reservationBps", "limitBps", "averageBps",
            "peakBps", "burstBytes", "peakPeriodMs", "priority");
    private static final Set<String> OWNER = Set.of("vm", "host", "session");
    private static final Set<String> REQUEST = Set.of("vm", "from", "host", "refusal");
    private static final int MAX_PRIORITY = 10;

    private final Gson gson = new GsonBuilder().create(); // nulls left out: an absent field reads as null

    public byte[] encode(VmDefinition definition) {
        return gson.toJson(definition).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] encode(VmOwner owner) {
        return gson.toJson(owner).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] encode(PlacementRequest request) {
        return gson.toJson(request).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws HostRecordCodec.MalformedRecordException saying what is wrong */
    public PlacementRequest request(String path, byte[] data) {
        try {
            StrictJson json = StrictJson.object(text(data), REQUEST);
            return new PlacementRequest(json.string("vm"), json.string("from"), json.optionalString("host"),
                    json.optionalString("refusal"));
        } catch (IllegalArgumentException bad) {
            throw new HostRecordCodec.MalformedRecordException(path, "not a placement request: " + bad.getMessage());
        }
    }

    /** @throws HostRecordCodec.MalformedRecordException saying what is wrong */
    public VmDefinition definition(String path, byte[] data) {
        try {
            StrictJson json = StrictJson.object(text(data), DEFINITION);
            VmDefinition.Allocation allocation = null;
            StrictJson nested = json.optionalObject("allocation", ALLOCATION);
            if (nested != null) {
                Long priority = nested.optionalWhole("priority", 0, MAX_PRIORITY);
                allocation = new VmDefinition.Allocation((int) nested.whole("shares", 1, Integer.MAX_VALUE),
                        nested.whole("reservationBps", 0, Long.MAX_VALUE), nested.whole("limitBps", 0, Long.MAX_VALUE),
                        nested.whole("averageBps", 0, Long.MAX_VALUE), nested.whole("peakBps", 0, Long.MAX_VALUE),
                        nested.whole("burstBytes", 0, Long.MAX_VALUE), nested.whole("peakPeriodMs", 0, Long.MAX_VALUE),
                        priority == null ? null : priority.intValue());
            }
            VmDefinition definition = new VmDefinition(json.string("name"),
                    (int) json.whole("priority", 0, MAX_PRIORITY), allocation);
            named(path, definition.name());
            return definition;
        } catch (IllegalArgumentException bad) {
            throw new HostRecordCodec.MalformedRecordException(path, "not a VM definition: " + bad.getMessage());
        }
    }

    /** @throws HostRecordCodec.MalformedRecordException saying what is wrong */
    public VmOwner owner(String path, byte[] data) {
        try {
            StrictJson json = StrictJson.object(text(data), OWNER);
            VmOwner owner = new VmOwner(json.string("vm"), json.optionalString("host"),
                    json.whole("session", Long.MIN_VALUE, Long.MAX_VALUE));
            named(path, owner.vm());
            return owner;
        } catch (IllegalArgumentException bad) {
            throw new HostRecordCodec.MalformedRecordException(path, "not a VM owner record: " + bad.getMessage());
        }
    }

    /** A record must name the VM its znode is named after. */
    private static void named(String path, String vm) {
        if (!path.endsWith("/" + vm)) {
            throw new IllegalArgumentException("it names VM '" + vm + "'");
        }
    }

    private static String text(byte[] data) {
        return new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8);
    }
}
