package org.nicmanager.kernel.api.nic;

/** One row of the NIC inventory. */
public record NicInfo(String name, String driver, String mac, long speedBps, int mtuBytes, LinkState state) {
}
