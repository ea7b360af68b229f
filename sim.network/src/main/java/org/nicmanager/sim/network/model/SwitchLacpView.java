package org.nicmanager.sim.network.model;

import java.util.List;

import org.nicmanager.lib.lacp.LacpParticipantView;

/**
 * What {@code hw:switch lacp} shows: how the switch aggregates, and for each port in use whether it is on its own or
 * a link of an aggregator, with its LACP machines' view of both ends when the switch speaks LACP.
 *
 * @param rate fast or slow; null when the switch does not speak LACP
 * @param system the switch's LACP system ID (priority and MAC); null when it does not speak LACP
 */
public record SwitchLacpView(String name, String mode, String rate, String system, List<PortView> ports) {

    public SwitchLacpView {
        ports = List.copyOf(ports);
    }

    /**
     * One port. {@code aggregator} is the logical port's label (a static group or a LAG identifier), null for a
     * port on its own; {@code rx} and {@code mux} are the LACP machines' states, null without LACP (the text form
     * prints "-").
     *
     * @param malformedLacpdus LACPDUs received here that were not valid, ignored
     */
    public record PortView(int port, String device, String aggregator, boolean collecting, boolean distributing,
            String rx, String mux, LacpParticipantView actor, LacpParticipantView partner, long lacpdusReceived,
            long lacpdusSent, long malformedLacpdus) {
    }
}
