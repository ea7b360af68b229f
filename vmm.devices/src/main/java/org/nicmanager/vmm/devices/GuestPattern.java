package org.nicmanager.vmm.devices;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** What a guest workload sends ({@code guest:traffic --pattern}): how its frames are spaced and what they are. */
enum GuestPattern {
    /** Constant bit rate: equal gaps, stamped UDP. */
    CBR,
    /** Back-to-back bursts at the virtual NIC's line rate, idle between them, averaging the rate; stamped UDP. */
    BURST,
    /** Exponential gaps (Poisson arrivals) with the rate as their mean, from a seeded stream; stamped UDP. */
    POISSON,
    /** TCP-like sessions, one per flow: SYN, stamped data segments with real sequence numbers, FIN; constant rate. */
    TCP;

    /** The option's spelling: lower case. */
    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the patterns there are */
    static GuestPattern fromName(String name) {
        for (GuestPattern pattern : values()) {
            if (pattern.optionName().equals(name)) {
                return pattern;
            }
        }
        throw new IllegalArgumentException("unknown --pattern '" + name + "'; allowed: "
                + Arrays.stream(values()).map(GuestPattern::optionName).collect(Collectors.joining(", ")));
    }

    /** The spacing of a workload's frames from a virtual NIC of {@code lineRateBps}. */
    Pacing pacing(WorkloadSpec spec, long lineRateBps, SplittableRandom random) {
        long frameBits = spec.frameBytes() * (long) Byte.SIZE;
        return switch (this) {
            case CBR, TCP -> new ConstantPacing(frameBits, spec.rateBps());
            case BURST -> new BurstPacing(frameBits, spec.rateBps(), lineRateBps, spec.burstFrames());
            case POISSON -> new PoissonPacing(frameBits, spec.rateBps(), random);
        };
    }

    /** The frames of a workload, written into {@code nic}. */
    GuestStream stream(EmulatedNic nic, WorkloadSpec spec) {
        return this == TCP ? new TcpSessions(nic, spec.destinationMac(), spec.frameBytes(), spec.flows())
                : new UdpStream(nic, spec.destinationMac(), spec.frameBytes(), spec.flows());
    }
}
