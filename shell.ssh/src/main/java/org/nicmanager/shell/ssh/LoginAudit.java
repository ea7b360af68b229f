package org.nicmanager.shell.ssh;

/** Where the SSH console reports each refused login (the log and the event timeline; a list in tests). */
@FunctionalInterface
interface LoginAudit {

    void refused(RefusedLogin login);
}
