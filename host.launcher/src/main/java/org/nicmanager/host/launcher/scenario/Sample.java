package org.nicmanager.host.launcher.scenario;

/**
 * One series' counters at one kernel time, as read (cumulative). A VM's byte counters are -1: the host publishes its
 * virtual NICs' frames, not their bytes; its {@code throughputBps} comes from {@code net:stats} when that is installed,
 * else it is NaN.
 *
 * @param kind {@code vm} or {@code nic}
 */
public record Sample(long time, String kind, String name, long txFrames, long txBytes, long rxFrames, long rxBytes,
        double throughputBps) {

    public static final String VM = "vm";
    public static final String NIC = "nic";
}
