package org.nicmanager.dos.engine;

import org.nicmanager.kernel.api.dos.ReceiveTap;
import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.FrameHeaders;

/**
 * One virtual NIC's receive path: each frame counts for its VM and for the uplink it came through, and a frame either
 * finds suspicious is held for the VM's assessment window ([0130]). Frame path: no allocation, no locks.
 */
final class VnicTap implements ReceiveTap {

    private final Target vm;
    /** Null while the virtual NIC has no uplink. */
    private final Target uplink;

    VnicTap(Target vm, Target uplink) {
        this.vm = vm;
        this.uplink = uplink;
    }

    @Override
    public long inspect(FrameHeaders headers, FrameBuffer frame) {
        boolean suspicious = vm.count(headers, frame);
        if (uplink != null) {
            suspicious |= uplink.count(headers, frame);
        }
        return suspicious ? vm.holdNanos() : 0;
    }
}
