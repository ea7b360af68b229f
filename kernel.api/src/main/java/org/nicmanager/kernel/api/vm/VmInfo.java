package org.nicmanager.kernel.api.vm;

import java.util.List;

/** A VM as the network layer sees it. */
public record VmInfo(String name, VmState state, int priority, List<VnicInfo> vnics) {

    public VmInfo {
        vnics = List.copyOf(vnics);
    }
}
