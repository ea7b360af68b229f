package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.nicmanager.kernel.api.shell.CommandConsole;

/**
 * The SSH server: Apache MINA SSHD, set up to serve the host's command line and nothing else. Public-key login from
 * an OpenSSH {@code authorized_keys} file (re-read when it changes); password login only when configured; no
 * keyboard-interactive, host-based or GSS login, no port or agent forwarding, no subsystems (SFTP, SCP). The only
 * class that touches MINA, so that a host whose console is off never loads it.
 */
final class MinaConsoleServer implements AutoCloseable {

    static final String PUBLIC_KEY = "publickey";
    static final String PASSWORD = "password";
    private static final String HOST_KEY_ALGORITHM = "EC";
    /** The credentials a connection offered and had refused, and the user name it asked for. */
    private static final AttributeKey<Attempts> ATTEMPTS = new AttributeKey<>();

    private record Attempts(List<String> refused, List<String> users) {
    }

    private final SshServer server;
    private final SimpleGeneratorHostKeyProvider hostKeys;

    private MinaConsoleServer(SshServer server, SimpleGeneratorHostKeyProvider hostKeys) {
        this.server = server;
        this.hostKeys = hostKeys;
    }

    /**
     * Listens with these settings.
     *
     * @throws IOException when the address cannot be bound or the host key cannot be read or written
     */
    static MinaConsoleServer start(SshSettings settings, CommandConsole console, LoginAudit audit)
            throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.host());
        server.setPort(settings.port());
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(settings.hostKey());
        hostKeys.setAlgorithm(HOST_KEY_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        List<UserAuthFactory> logins = new ArrayList<>();
        if (settings.authorizedKeys() != null) {
            logins.add(UserAuthPublicKeyFactory.INSTANCE);
            server.setPublickeyAuthenticator(recorded(new AuthorizedKeysAuthenticator(settings.authorizedKeys())));
        }
        if (settings.passwordLogin()) {
            logins.add(UserAuthPasswordFactory.INSTANCE);
            server.setPasswordAuthenticator(password(settings.password()));
        }
        server.setUserAuthFactories(logins);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setSubsystemFactories(List.of());
        server.setCommandFactory((channel, commandLine) -> new ConsoleCommand(console, commandLine));
        server.setShellFactory(channel -> new ConsoleShell(console));
        server.addSessionListener(reportingRefusals(audit));
        server.start();
        return new MinaConsoleServer(server, hostKeys);
    }

    /** The port listened on. */
    int port() {
        return server.getPort();
    }

    /** The host key's OpenSSH fingerprint ({@code SHA256:...}), for the operator to check a first connection. */
    String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKeys.loadKeys(null).iterator().next().getPublic());
    }

    /** Stops listening and closes every session at once. */
    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static PublickeyAuthenticator recorded(PublickeyAuthenticator keys) {
        return (user, key, session) -> {
            boolean accepted = keys.authenticate(user, key, session);
            if (!accepted) {
                attempts(session, user).refused().add(PUBLIC_KEY + " " + KeyUtils.getKeyType(key) + " "
                        + KeyUtils.getFingerPrint(key));
            }
            return accepted;
        };
    }

    private static PasswordAuthenticator password(String expected) {
        byte[] expectedBytes = expected.getBytes(StandardCharsets.UTF_8);
        return (user, given, session) -> {
            // Constant time: how much of a guess matched must not show in how long the answer took.
            boolean accepted = MessageDigest.isEqual(expectedBytes, given.getBytes(StandardCharsets.UTF_8));
            if (!accepted) {
                attempts(session, user).refused().add(PASSWORD);
            }
            return accepted;
        };
    }

    private static Attempts attempts(ServerSession session, String user) {
        Attempts attempts = session.computeAttributeIfAbsent(ATTEMPTS,
                key -> new Attempts(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()));
        if (!attempts.users().contains(user)) {
            attempts.users().add(user);
        }
        return attempts;
    }

    /**
     * One report for each connection that ends without a login, whatever the reason: refused keys or passwords, a
     * key type this server cannot check, or a client that gave up.
     */
    private static SessionListener reportingRefusals(LoginAudit audit) {
        return new SessionListener() {
            @Override
            public void sessionClosed(Session session) {
                if (session.isAuthenticated()) {
                    return;
                }
                Attempts attempts = session.getAttribute(ATTEMPTS);
                String user = attempts == null ? session.getUsername() : String.join(",", attempts.users());
                audit.refused(new RefusedLogin(user, String.valueOf(session.getRemoteAddress()),
                        attempts == null ? List.of() : attempts.refused()));
            }
        };
    }

}
