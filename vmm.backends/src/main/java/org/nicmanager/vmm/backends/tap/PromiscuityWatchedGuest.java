package org.nicmanager.vmm.backends.tap;

import java.util.Map;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.vnic.backend.GuestConnection;
import org.nicmanager.kernel.api.vnic.backend.GuestPort;

/**
 * A TAP guest with a {@link TapPromiscuityWatch} beside its frame path: each change of the device's promiscuity goes to
 * the world as a control event ({@link GuestPort#guestPromiscuousChanged}), where the port's security policy counts
 * what a refused promiscuous guest misses. Frames pass straight through to the guest it wraps.
 */
final class PromiscuityWatchedGuest implements GuestConnection {

    private final GuestConnection guest;
    private final TapPromiscuityWatch watch;

    private PromiscuityWatchedGuest(GuestConnection guest, TapPromiscuityWatch watch) {
        this.guest = guest;
        this.watch = watch;
    }

    /**
     * Watches the device of {@code channel} for {@code guest}, which is closed if the watch cannot start.
     *
     * @throws IllegalArgumentException as {@link TapPromiscuityWatch#start} does
     */
    static PromiscuityWatchedGuest watch(GuestConnection guest, TapGuestChannel channel, GuestPort port) {
        TapPromiscuityWatch watch;
        try {
            watch = TapPromiscuityWatch.start(channel.descriptor(), channel.describe(),
                    promiscuous -> port.world().post(() -> port.guestPromiscuousChanged(promiscuous)));
        } catch (IllegalArgumentException refused) {
            guest.close();
            throw refused;
        }
        return new PromiscuityWatchedGuest(guest, watch);
    }

    @Override
    public void received(FrameBuffer frame) {
        guest.received(frame);
    }

    /** As the guest itself: a TAP guest with offloads takes super-frames whole. */
    @Override
    public boolean takesOffloadedFrames() {
        return guest.takesOffloadedFrames();
    }

    /** Where the guest is, and why its promiscuous mode is not seen when the watch ended on its own. */
    @Override
    public String describe() {
        String problem = watch.problem();
        return problem == null ? guest.describe() : guest.describe() + " (promiscuous mode unseen: " + problem + ")";
    }

    @Override
    public Map<String, Long> fromGuestDropped() {
        return guest.fromGuestDropped();
    }

    @Override
    public Map<String, Long> toGuestDropped() {
        return guest.toGuestDropped();
    }

    /** Ends the watch first, so that it never uses a descriptor the guest closed; then the guest. */
    @Override
    public void close() {
        watch.close();
        guest.close();
    }
}
