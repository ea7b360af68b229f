package org.nicmanager.nicmanager.bond;

import static org.nicmanager.nicmanager.bond.BondWorld.MILLIS;
import static org.nicmanager.nicmanager.bond.BondWorld.SECOND;

import java.util.List;

import org.nicmanager.kernel.api.frame.FrameBuffer;
import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.nic.LinkState;
import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.core.world.WorldThread;
import org.nicmanager.lib.frames.Arp;
import org.nicmanager.lib.frames.FrameWriter;
import org.nicmanager.nicmanager.vms.VmKnowledge;
import org.nicmanager.testsupport.FakeNic;
import org.nicmanager.testsupport.VirtualWorldHarness;

/**
 * A bond of two NICs whose every received frame and carrier change the test writes by hand, on a virtual-time world
 * thread: what the ARP monitor hears is exactly what the test says, so each {@code arp_validate} rule can be shown
 * alone. The NICs ({@link FakeNic}) take every frame handed to them while their carrier is up (probes included).
 */
final class ScriptedBond extends VirtualWorldHarness<WorldThread> {

    static final int TARGET_1 = 0x0A000001;
    static final int TARGET_2 = 0x0A000002;
    private static final long OTHER_HOST_MAC = MacAddress.parse("02:00:00:00:09:09").bits();

    /** What a member receives in one feeding. */
    @FunctionalInterface
    interface Kind {
        /** Writes the frame into {@code data} for {@code to}; returns its length, or 0 for nothing. */
        int write(byte[] data, FakeNic to, ScriptedBond bond);
    }

    /** Nothing at all. */
    static final Kind NOTHING = (data, to, bond) -> 0;
    /** A UDP frame for some other MAC: unknown unicast the switch floods, the congestion case's traffic. */
    static final Kind FLOOD = (data, to, bond) -> FrameWriter.udpFrame(data, 100, OTHER_HOST_MAC, 0x0200_0000_0A0AL,
            0x0A000063, 0x0A000064, 1000, 2000, 1, 0);
    /** An ARP request between two other hosts: any ARP, but not the bond's. */
    static final Kind THIRD_PARTY_ARP = (data, to, bond) -> FrameWriter.arp(data, MacAddress.BROADCAST, Arp.REQUEST,
            OTHER_HOST_MAC, 0x0A000050, 0, 0x0A000051);
    /** Target 1's reply to the member's own probe. */
    static final Kind REPLY_1 = reply(TARGET_1);
    /** Replies from both targets (two frames each feeding: the second is written by {@link #REPLY_2}). */
    static final Kind REPLY_2 = reply(TARGET_2);
    /** The other member's probe for target 1, flooded back to this one (the sender IP 0.0.0.0, as the probes have). */
    static final Kind OTHERS_PROBE = (data, to, bond) -> FrameWriter.arp(data, MacAddress.BROADCAST, Arp.REQUEST,
            bond.other(to).macAddress(), 0, 0, TARGET_1);

    static Kind reply(int target) {
        return (data, to, bond) -> FrameWriter.arp(data, to.macAddress(), Arp.REPLY, 0x0200_0000_0E00L + target,
                target, to.macAddress(), 0);
    }

    final FakeNic nic0 = new FakeNic("s0", 0x0200_0000_0F00L).withDriver("scripted");
    final FakeNic nic1 = new FakeNic("s1", 0x0200_0000_0F01L).withDriver("scripted");
    final Bond bond;

    ScriptedBond(String policy, BondSettings settings) {
        super(timerFailures -> new WorldThread(ClockMode.VIRTUAL, 60 * SECOND, timerFailures));
        bond = world.call(() -> {
            Bond made = new Bond("b", policy, VmKnowledge.NONE, world, settings);
            made.addMember(nic0);
            made.addMember(nic1);
            return made;
        });
    }

    FakeNic other(FakeNic nic) {
        return nic == nic0 ? nic1 : nic0;
    }

    /** Every 50 ms for {@code nanos}: each member receives what its kinds write, in turn. */
    void feed(long nanos, Kind[] toNic0, Kind[] toNic1) {
        for (long fed = 0; fed < nanos; fed += 50 * MILLIS) {
            world.run(() -> {
                deliver(nic0, toNic0);
                deliver(nic1, toNic1);
            });
            world.advance(50 * MILLIS);
        }
    }

    void feed(long nanos, Kind toNic0, Kind toNic1) {
        feed(nanos, new Kind[] {toNic0}, new Kind[] {toNic1});
    }

    private void deliver(FakeNic nic, Kind[] kinds) {
        for (Kind kind : kinds) {
            FrameBuffer frame = FrameBuffer.unpooled(128);
            int length = kind.write(frame.data(), nic, this);
            if (length > 0 && nic.listener() != null) {
                frame.setLength(length);
                nic.deliver(frame);
            }
        }
    }

    /** The NIC's carrier changes now, and its driver says so. */
    void carrier(FakeNic nic, LinkState state) {
        world.run(() -> nic.changeLinkState(state));
    }

    BondStats stats() {
        return world.call(bond::stats);
    }

    List<FailoverEvent> history() {
        return world.call(bond::history);
    }
}
