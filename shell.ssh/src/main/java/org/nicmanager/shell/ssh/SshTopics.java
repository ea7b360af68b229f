package org.nicmanager.shell.ssh;

/** EventAdmin topics the SSH console posts (they show in {@code events} and on the dashboard), and their keys. */
final class SshTopics {

    /** The console listens; {@link #HOST} and {@link #PORT} say where. */
    static final String LISTENING = "nicmgr/ssh/LISTENING";
    /** The console stopped listening and closed its sessions. */
    static final String STOPPED = "nicmgr/ssh/STOPPED";
    /** A connection ended without a login: {@link #USER}, {@link #REMOTE}, {@link #ATTEMPTS}. */
    static final String LOGIN_REFUSED = "nicmgr/ssh/LOGIN_REFUSED";
    /** A configuration of the console was refused; {@link #REASON} says why. */
    static final String CONFIGURATION_REFUSED = "nicmgr/ssh/CONFIGURATION_REFUSED";

    static final String SUBJECT = "subject";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String REMOTE = "remote";
    static final String ATTEMPTS = "attempts";
    static final String REASON = "reason";

    private SshTopics() {
    }
}
