package org.nicmanager.sim.network.model;

import java.util.ArrayList;
import java.util.List;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.lib.lacp.LacpParticipantView;
import org.nicmanager.lib.lacp.LacpPortStatus;

/** The link-aggregation snapshot of one switch, for the shell. Control path only. */
final class SwitchReport {

    private SwitchReport() {
    }

    static SwitchLacpView lacp(SimSwitch switchBox) {
        SwitchAggregation aggregation = switchBox.aggregation();
        PartnerLacp settings = aggregation.settings();
        List<SwitchLacpView.PortView> ports = new ArrayList<>();
        for (SwitchPort port : switchBox.ports()) {
            String aggregator = port.aggregator == null ? null : port.aggregator.label;
            if (port.lacp == null) {
                ports.add(new SwitchLacpView.PortView(port.number(), port.device(), aggregator, port.collecting,
                        port.distributing, null, null, null, null, 0, 0, port.lacpdusMalformed));
            } else {
                LacpPortStatus status = port.lacp.status();
                ports.add(new SwitchLacpView.PortView(port.number(), port.device(), aggregator, port.collecting,
                        port.distributing, status.rx().name(), status.mux().name(),
                        LacpParticipantView.of(status.actor()), LacpParticipantView.of(status.partner()),
                        status.pdusReceived(), status.pdusSent(), port.lacpdusMalformed));
            }
        }
        String system = settings.speaksLacp()
                ? SwitchAggregation.SYSTEM_PRIORITY + "," + MacAddress.format(aggregation.system()) : null;
        return new SwitchLacpView(switchBox.name(), settings.modeName(),
                settings.speaksLacp() ? settings.rateName() : null, system, ports);
    }
}
