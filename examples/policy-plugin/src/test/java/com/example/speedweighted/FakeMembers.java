package com.example.speedweighted;

import org.nicmanager.kernel.api.distribution.MemberTable;
import org.nicmanager.kernel.api.distribution.PolicyContext;
import org.nicmanager.kernel.api.distribution.PortOwners;

/** Test double: members in slot order (= failover order) with the given line rates; each can fail and recover. */
final class FakeMembers implements MemberTable {

    private final long[] speedBps;
    private final boolean[] up;

    FakeMembers(long... speedBps) {
        this.speedBps = speedBps;
        this.up = new boolean[speedBps.length];
        java.util.Arrays.fill(up, true);
    }

    void fail(int slot) {
        up[slot] = false;
    }

    void recover(int slot) {
        up[slot] = true;
    }

    PolicyContext context() {
        MemberTable members = this;
        return new PolicyContext() {
            @Override
            public String bondName() {
                return "bond0";
            }

            @Override
            public MemberTable members() {
                return members;
            }

            @Override
            public PortOwners ports() {
                throw new AssertionError("speed-weighted asked for no VM information");
            }

            @Override
            public int busyThresholdPercent() {
                return 75;
            }

            @Override
            public int busyWindowSeconds() {
                return 30;
            }

            @Override
            public void portMoved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent,
                    int busySeconds) {
                throw new AssertionError("speed-weighted moves no ports");
            }
        };
    }

    @Override
    public int activeCount() {
        int count = 0;
        for (boolean active : up) {
            count += active ? 1 : 0;
        }
        return count;
    }

    @Override
    public int active(int index) {
        for (int slot = 0, seen = 0; slot < up.length; slot++) {
            if (up[slot] && seen++ == index) {
                return slot;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public boolean isActive(int slot) {
        return slot >= 0 && slot < up.length && up[slot];
    }

    @Override
    public long pendingBytes(int slot) {
        return 0;
    }

    @Override
    public long speedBps(int slot) {
        return speedBps[slot];
    }

    @Override
    public long txBytes(int slot) {
        return 0;
    }

    @Override
    public long txFrames(int slot) {
        return 0;
    }
}
