package org.nicmanager.drivers.linux.io;

import com.sun.jna.Memory;

import org.nicmanager.drivers.linux.nativeio.Abi;
import org.nicmanager.drivers.linux.nativeio.LinuxCalls;

/**
 * One I/O thread's {@code poll()} over its socket and its {@link org.nicmanager.drivers.linux.nativeio.WakeUp}: two
 * {@code struct pollfd}, made once, so that a wait allocates nothing.
 */
final class Poller {

    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final short POLLERR = 0x8;

    private final Memory fds = new Memory(16);
    private final Memory errorValue = new Memory(4);
    private final Memory errorLength = new Memory(4);
    private final int socketFd;
    private final int wakeFd;

    Poller(int socketFd, int wakeFd) {
        this.socketFd = socketFd;
        this.wakeFd = wakeFd;
    }

    /**
     * Waits until the socket has one of {@code socketEvents}, the wake-up is signalled, or {@code timeoutMillis} pass
     * (-1: no bound). With no socket events the socket is left out (poll skips a negative descriptor), so that an
     * error pending on it cannot keep waking an idle thread. Answers false on a timeout or an interrupted call.
     */
    boolean await(short socketEvents, int timeoutMillis) {
        fds.setInt(0, socketEvents == 0 ? -1 : socketFd);
        fds.setShort(4, socketEvents);
        fds.setShort(6, (short) 0);
        fds.setInt(8, wakeFd);
        fds.setShort(12, Abi.POLLIN);
        fds.setShort(14, (short) 0);
        return LinuxCalls.poll(fds, 2, timeoutMillis) > 0;
    }

    boolean woken() {
        return (fds.getShort(14) & Abi.POLLIN) != 0;
    }

    /** True when the socket reported an error, which this call reads and so clears (it would wake poll forever). */
    boolean clearedSocketError() {
        if ((fds.getShort(6) & POLLERR) == 0) {
            return false;
        }
        errorLength.setInt(0, 4);
        LinuxCalls.getsockopt(socketFd, SOL_SOCKET, SO_ERROR, errorValue, errorLength);
        return true;
    }
}
