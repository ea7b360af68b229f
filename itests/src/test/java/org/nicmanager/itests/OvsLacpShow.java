package org.nicmanager.itests;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open vSwitch's {@code ovs-appctl lacp/show BOND} read back: one entry per member (3.x says {@code member: NAME:
 * STATUS}, 2.x {@code slave:}), with its status ({@code current attached}, {@code expired}, {@code defaulted}...)
 * and the lines under it as {@code key: value} ({@code may_enable}, {@code actor sys_id}, {@code partner key},
 * {@code actor state}: {@code activity timeout aggregation synchronized collecting distributing}...).
 */
record OvsLacpShow(Map<String, Member> members) {

    /** One member as Open vSwitch sees it; the actor is Open vSwitch, the partner is us. */
    record Member(String name, String status, Map<String, String> fields) {

        String field(String key) {
            return fields.getOrDefault(key, "");
        }

        /** Negotiated and carrying traffic both ways: current, attached, enabled, and both ends distributing. */
        boolean distributing() {
            return status.contains("current") && status.contains("attached") && "true".equals(field("may_enable"))
                    && field("actor state").contains("distributing")
                    && field("partner state").contains("distributing");
        }
    }

    static OvsLacpShow parse(String text) {
        Map<String, Member> members = new LinkedHashMap<>();
        Member current = null;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            int colon = line.indexOf(':');
            if (line.startsWith("member: ") || line.startsWith("slave: ")) {
                String rest = line.substring(line.indexOf(' ') + 1);
                int end = rest.indexOf(':');
                String name = end < 0 ? rest : rest.substring(0, end);
                current = new Member(name, end < 0 ? "" : rest.substring(end + 1).trim(), new LinkedHashMap<>());
                members.put(name, current);
            } else if (current != null && colon > 0) {
                current.fields().put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new OvsLacpShow(members);
    }

    /** True when every one of {@code names} is a member that {@link Member#distributing distributes}. */
    boolean allDistributing(Iterable<String> names) {
        for (String member : names) {
            Member seen = members.get(member);
            if (seen == null || !seen.distributing()) {
                return false;
            }
        }
        return true;
    }
}
