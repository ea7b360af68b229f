package org.nicmanager.drivers.linux.testnet;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Drops a capability from the calling thread's effective set (Linux capabilities are per thread), so that a test can
 * see what a host without it sees, on one thread of its own, while the rest of the JVM keeps running as root.
 */
public final class ThreadCapabilities {

    public static final int CAP_NET_RAW = 13;
    private static final int VERSION_3 = 0x20080522;

    static {
        Native.register(ThreadCapabilities.class, NativeLibrary.getInstance("c"));
    }

    private ThreadCapabilities() {
    }

    private static native int capget(Pointer header, Pointer data);

    private static native int capset(Pointer header, Pointer data);

    /** Removes {@code capability} from this thread's effective set; answers false if the kernel refused. */
    public static boolean dropEffective(int capability) {
        Memory header = new Memory(8);
        header.setInt(0, VERSION_3);
        header.setInt(4, 0);
        Memory data = new Memory(24); // two struct __user_cap_data_struct: effective, permitted, inheritable
        if (capget(header, data) != 0) {
            return false;
        }
        int word = capability / 32;
        int effective = data.getInt(word * 12L);
        data.setInt(word * 12L, effective & ~(1 << (capability % 32)));
        return capset(header, data) == 0;
    }
}
