package org.nicmanager.kernel.api.time;

/** The network world did not run a posted action within the caller's timeout. */
public class WorldTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorldTimeoutException(String message) {
        super(message);
    }
}
