package org.nicmanager.shell.ssh;

import java.util.List;

/**
 * An SSH connection that ended without a login, as the client gave it: nothing here is trusted or escaped yet.
 *
 * @param user the user name the client asked for, or null when it sent none this server could check
 * @param remote the client's address
 * @param attempts each credential refused, e.g. {@code publickey ecdsa-sha2-nistp256 SHA256:...} or
 *        {@code password}; empty when the client offered nothing this server can check (e.g. only an Ed25519 key)
 */
record RefusedLogin(String user, String remote, List<String> attempts) {

    RefusedLogin {
        attempts = List.copyOf(attempts);
    }
}
