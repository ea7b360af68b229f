package org.nicmanager.drivers.linux.nativeio;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library's system-call wrappers this driver uses, bound by JNA's direct mapping ({@link Native#register}): a
 * call costs about what the Foreign Function API's downcall costs, because the system call dominates, where JNA's
 * interface mapping halves throughput (issue 15's figures). Native methods are static by nature; this class keeps no
 * state of its own. Return values follow C: -1 on failure, with the reason in {@link #errno()}.
 */
public final class LinuxCalls {

    static {
        Native.register(LinuxCalls.class, NativeLibrary.getInstance("c"));
    }

    private LinuxCalls() {
    }

    /** The calling thread's errno after the last failed call (JNA saves it for each native call). */
    public static int errno() {
        return Native.getLastError();
    }

    /** "EPERM (Operation not permitted)" for an errno. */
    public static String describe(int errno) {
        return Errno.name(errno) + " (" + strerror(errno) + ")";
    }

    public static native int socket(int domain, int type, int protocol);

    public static native int bind(int fd, Pointer address, int addressBytes);

    public static native int setsockopt(int fd, int level, int option, Pointer value, int valueBytes);

    public static native int getsockopt(int fd, int level, int option, Pointer value, Pointer valueBytes);

    public static native Pointer mmap(Pointer address, long lengthBytes, int protection, int flags, int fd,
            long offset);

    public static native int munmap(Pointer address, long lengthBytes);

    public static native int poll(Pointer pollFds, long count, int timeoutMillis);

    public static native int eventfd(int initialValue, int flags);

    public static native long read(int fd, Pointer buffer, long count);

    public static native long write(int fd, Pointer buffer, long count);

    public static native long send(int fd, Pointer buffer, long lengthBytes, int flags);

    public static native long sendto(int fd, Pointer buffer, long lengthBytes, int flags, Pointer address,
            int addressBytes);

    public static native long recv(int fd, Pointer buffer, long lengthBytes, int flags);

    public static native int ioctl(int fd, long request, Pointer argument);

    public static native int open(String path, int flags);

    public static native int close(int fd);

    public static native int setns(int fd, int namespaceType);

    public static native int if_nametoindex(String name);

    public static native String strerror(int errno);
}
