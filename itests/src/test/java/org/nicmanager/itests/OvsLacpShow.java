package org.nicmanager.itests;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Open vSwitch's {@code ovs-appctl lacp/show BOND} read back: one entry per member (3.x says {@code member: NAME:
 * STATUS}, 2.x {@code slave:}), with its status ({@code current attached}, {@code expired}, {@code defaulted}...),
 * {@code may_enable}, and the actor's and partner's state words ({@code activity timeout aggregation synchronized
 * collecting distributing}).
 */
record OvsLacpShow(Map<String, Member> members) {

    /** One member as Open vSwitch sees it; the actor is Open vSwitch, the partner is us. */
    record Member(String name, String status, boolean mayEnable, String actorState, String partnerState) {

        /** Negotiated and carrying traffic both ways: current, attached, enabled, and both ends distributing. */
        boolean distributing() {
            return status.contains("current") && status.contains("attached") && mayEnable
                    && actorState.contains("distributing") && partnerState.contains("distributing");
        }
    }

    static OvsLacpShow parse(String text) {
        Map<String, Member> members = new LinkedHashMap<>();
        String name = null;
        String status = "";
        boolean mayEnable = false;
        String actor = "";
        String partner = "";
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("member: ") || line.startsWith("slave: ")) {
                if (name != null) {
                    members.put(name, new Member(name, status, mayEnable, actor, partner));
                }
                String rest = line.substring(line.indexOf(' ') + 1);
                int colon = rest.indexOf(':');
                name = colon < 0 ? rest : rest.substring(0, colon);
                status = colon < 0 ? "" : rest.substring(colon + 1).trim();
                mayEnable = false;
                actor = "";
                partner = "";
            } else if (line.startsWith("may_enable:")) {
                mayEnable = line.endsWith("true");
            } else if (line.startsWith("actor state:")) {
                actor = line.substring("actor state:".length()).trim();
            } else if (line.startsWith("partner state:")) {
                partner = line.substring("partner state:".length()).trim();
            }
        }
        if (name != null) {
            members.put(name, new Member(name, status, mayEnable, actor, partner));
        }
        return new OvsLacpShow(Map.copyOf(members));
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
