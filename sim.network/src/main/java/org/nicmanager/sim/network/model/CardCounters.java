package org.nicmanager.sim.network.model;

import org.nicmanager.kernel.api.nic.NicCounters;

/** What one simulated card counts, as a real NIC's statistics registers do; world thread only. */
final class CardCounters {

    long txFrames;
    long txBytes;
    long rxFrames;
    long rxBytes;
    long txDropsTooLong;
    long txBusy;
    long txDropsLinkDown;
    long rxDropsTooLong;
    long rxDropsNotForUs;
    long rxDropsNoListener;
    long hardwareErrors;

    NicCounters snapshot() {
        return new NicCounters(txFrames, txBytes, rxFrames, rxBytes, txDropsTooLong, txBusy, txDropsLinkDown,
                rxDropsTooLong, rxDropsNotForUs, rxDropsNoListener, hardwareErrors);
    }
}
