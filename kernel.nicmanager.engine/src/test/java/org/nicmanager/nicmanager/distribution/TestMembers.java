package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;

import org.nicmanager.kernel.api.distribution.MemberTable;

/**
 * Test double: a bond's members with settable activity, pending bytes and transmit counters, in slot order; each
 * runs at 1 Gb/s unless set otherwise.
 */
final class TestMembers implements MemberTable {

    final boolean[] up;
    final long[] pending;
    final long[] speedBps;
    final long[] txFrames;
    final long[] txBytes;

    TestMembers(int count) {
        up = new boolean[count];
        pending = new long[count];
        speedBps = new long[count];
        txFrames = new long[count];
        txBytes = new long[count];
        Arrays.fill(up, true);
        Arrays.fill(speedBps, 1_000_000_000L);
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
        return up[slot];
    }

    @Override
    public long pendingBytes(int slot) {
        return pending[slot];
    }

    @Override
    public long speedBps(int slot) {
        return speedBps[slot];
    }

    @Override
    public long txBytes(int slot) {
        return txBytes[slot];
    }

    @Override
    public long txFrames(int slot) {
        return txFrames[slot];
    }
}
