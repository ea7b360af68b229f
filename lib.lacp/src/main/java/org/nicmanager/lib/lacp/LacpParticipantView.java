package org.nicmanager.lib.lacp;

import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;

/**
 * An actor's or partner's information as the shell shows it ({@code lacp:show}, {@code hw:switch lacp}): the system
 * MAC as text, the numbers as numbers, the state bits both as upper-case names and as the octet an LACPDU carries.
 */
public record LacpParticipantView(String system, int systemPriority, int key, int port, int portPriority,
        List<String> state, int stateBits) {

    public LacpParticipantView {
        state = List.copyOf(state);
    }

    public static LacpParticipantView of(LacpParticipant info) {
        return new LacpParticipantView(MacAddress.format(info.system()), info.systemPriority(), info.key(), info.port(),
                info.portPriority(), LacpState.names(info.state()), info.state());
    }
}
