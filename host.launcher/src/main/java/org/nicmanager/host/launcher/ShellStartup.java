package org.nicmanager.host.launcher;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.framework.BundleContext;

/**
 * Gogo's shell bundle, once started, runs {@code gosh --login} with the framework's {@code gosh.args} on a thread of
 * its own. A framework that stops while that job is under way (after {@code --help}, a bad option, a short script)
 * unregisters the {@code gosh} command under it, and Gogo prints "Command not found: gosh" with its stack trace. This
 * listener sees the job end, so the launcher can wait for it before it returns and the framework stops.
 */
final class ShellStartup implements CommandSessionListener {

    static final String SHELL_BUNDLE = "org.apache.felix.gogo.shell";
    private static final String JOB = "gosh --login";

    private final CountDownLatch done = new CountDownLatch(1);
    private final boolean shellInstalled;

    /** Registered before the shell bundle starts (the launcher starts at a lower start level), so the job is seen. */
    ShellStartup(BundleContext context) {
        shellInstalled = Arrays.stream(context.getBundles())
                .anyMatch(bundle -> SHELL_BUNDLE.equals(bundle.getSymbolicName()));
    }

    /** @return true once the shell's start-up job has ended (or there is no shell), false if the timeout came first */
    boolean awaitDone(long timeoutMillis) throws InterruptedException {
        return !shellInstalled || done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        // only the end matters
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        ended(command);
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        ended(command);
    }

    private void ended(CharSequence command) {
        if (command.toString().startsWith(JOB)) {
            done.countDown();
        }
    }
}
