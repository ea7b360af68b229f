package org.nicmanager.vmm.backends.tap;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Drops a capability from the calling thread's effective set: Linux keeps capabilities per thread, so one thread of
 * the test's JVM can lack CAP_NET_ADMIN while the others keep it.
 */
final class ThreadCapabilities {

    static final int CAP_NET_ADMIN = 12;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** Two {@code __user_cap_data_struct}s of three 32-bit sets: effective, permitted, inheritable. */
    private static final int DATA_BYTES = 24;
    private static final int SET_BYTES = 12;

    static {
        Native.register(ThreadCapabilities.class, NativeLibrary.getInstance("c"));
    }

    private ThreadCapabilities() {
    }

    private static native int capget(Pointer header, Pointer data);

    private static native int capset(Pointer header, Pointer data);

    static void dropEffective(int capability) {
        Memory header = new Memory(8);
        header.setInt(0, LINUX_CAPABILITY_VERSION_3);
        header.setInt(4, 0); // this thread
        Memory data = new Memory(DATA_BYTES);
        if (capget(header, data) != 0) {
            throw new IllegalStateException("capget failed: errno " + Native.getLastError());
        }
        int offset = capability / 32 * SET_BYTES;
        data.setInt(offset, data.getInt(offset) & ~(1 << capability % 32));
        if (capset(header, data) != 0) {
            throw new IllegalStateException("capset failed: errno " + Native.getLastError());
        }
    }
}
