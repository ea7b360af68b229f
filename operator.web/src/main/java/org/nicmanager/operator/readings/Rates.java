package org.nicmanager.operator.readings;

import java.util.Map;

/**
 * Throughput over the last window, from counter differences.
 *
 * @param windowNanos the kernel time the rates span; 0 before two readings were taken
 */
public record Rates(long windowNanos, Map<String, NicRate> nics, Map<String, VmRate> vms) {

    public static final Rates NONE = new Rates(0, Map.of(), Map.of());

    public Rates {
        nics = Map.copyOf(nics);
        vms = Map.copyOf(vms);
    }

    /** A NIC's rates: bits (of frame bytes) and frames per second, each way. */
    public record NicRate(double txBps, double rxBps, double txFps, double rxFps) {
    }

    /**
     * A VM's rates: frames per second its virtual NICs sent and received; and, when the resource manager reports them
     * ({@code net:stats}), its throughput and offered load in bits per second (else null).
     */
    public record VmRate(double txFps, double rxFps, Double throughputBps, Double offeredBps) {
    }
}
