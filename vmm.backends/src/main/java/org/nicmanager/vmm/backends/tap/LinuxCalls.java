package org.nicmanager.vmm.backends.tap;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Every native call of this bundle, in one place, so that they can later join the AF_PACKET calls of drivers.linux in
 * one shared library. JNA's direct mapping ({@link Native#register}): its cost per call is that of the system call,
 * where JNA's interface mapping halves throughput (issue 15). Registration is per class, hence the static methods.
 * Buffers passed to {@link #read} and {@link #write} are direct, so nothing is copied or pinned on the way.
 */
final class LinuxCalls {

    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;

    static final int EINTR = 4;
    static final int EAGAIN = 11;

    static {
        Native.register(LinuxCalls.class, NativeLibrary.getInstance("c"));
    }

    private LinuxCalls() {
    }

    static native int open(String path, int flags);

    /** {@code ioctl(fd, request, argument)}: variadic in C, called with one pointer, which the x86-64 ABI allows. */
    static native int ioctl(int fd, long request, Pointer argument);

    static native long read(int fd, ByteBuffer buffer, long count);

    static native long write(int fd, ByteBuffer buffer, long count);

    static native int poll(Pointer descriptors, long count, int timeoutMillis);

    static native int eventfd(int initialValue, int flags);

    static native int close(int fd);

    /** The errno of this thread's last native call. */
    static int errno() {
        return Native.getLastError();
    }
}
