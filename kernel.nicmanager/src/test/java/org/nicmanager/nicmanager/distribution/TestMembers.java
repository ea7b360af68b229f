package org.nicmanager.nicmanager.distribution;

import java.util.Arrays;

/** Test double: a bond's members with settable activity and pending bytes, in slot order. */
final class TestMembers implements MemberView {

    final boolean[] up;
    final long[] pending;

    TestMembers(int count) {
        up = new boolean[count];
        pending = new long[count];
        Arrays.fill(up, true);
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
}
