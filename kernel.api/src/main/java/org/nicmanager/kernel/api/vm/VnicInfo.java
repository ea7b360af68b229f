package org.nicmanager.kernel.api.vm;

/** A VM's virtual NIC: its name, MAC, emulated model and uplink (a bond or an unbonded NIC, or empty). */
public record VnicInfo(String name, String mac, String model, String uplink) {
}
