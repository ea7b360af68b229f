package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

/** Issue 17: a script's lines share one Gogo session; a busy session or other streams get a new one, closed after. */
class SessionKeeperTest {

    private final List<CommandSession> made = new ArrayList<>();
    private final Set<CommandSession> closed = new java.util.HashSet<>();
    private final CommandProcessor processor = (CommandProcessor) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {CommandProcessor.class}, (proxy, method, args) -> {
                if (!method.getName().equals("createSession")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                CommandSession[] self = new CommandSession[1];
                self[0] = (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {CommandSession.class}, (session, call, callArgs) -> {
                            if (call.getName().equals("close")) {
                                closed.add(self[0]);
                                return null;
                            }
                            if (call.getName().equals("hashCode")) {
                                return System.identityHashCode(session);
                            }
                            if (call.getName().equals("equals")) {
                                return session == callArgs[0];
                            }
                            throw new UnsupportedOperationException(call.getName());
                        });
                made.add(self[0]);
                return self[0];
            });
    private final SessionKeeper keeper = new SessionKeeper(processor, line -> (name, message) -> List.of());
    private final InputStream in = InputStream.nullInputStream();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());
    private final PrintStream err = new PrintStream(new ByteArrayOutputStream());

    @Test
    void linesWithTheSameStreamsShareOneSession() {
        SessionKeeper.Kept first = keeper.acquire(in, out, err, "vm:create a");
        keeper.release(first);
        SessionKeeper.Kept second = keeper.acquire(in, out, err, "vm:start a");
        assertSame(first.session, second.session);
        assertEquals("vm:start a", second.line.get());
        keeper.release(second);
        assertEquals(1, made.size());
        assertEquals(Set.of(), closed);
    }

    @Test
    void otherStreamsGetANewSessionAndTheOldOneIsClosed() {
        SessionKeeper.Kept first = keeper.acquire(in, out, err, "a");
        keeper.release(first);
        SessionKeeper.Kept other = keeper.acquire(in, out, new PrintStream(new ByteArrayOutputStream()), "b");
        assertNotSame(first.session, other.session);
        assertEquals(Set.of(first.session), closed);
        keeper.release(other);
        keeper.retire();
        assertEquals(Set.of(first.session, other.session), closed);
    }

    @Test
    void aBusySessionIsNeverSharedAndItsLastUserClosesIt() {
        SessionKeeper.Kept busy = keeper.acquire(in, out, err, "a");
        SessionKeeper.Kept meanwhile = keeper.acquire(in, out, err, "b");
        assertNotSame(busy.session, meanwhile.session);
        assertEquals(Set.of(), closed, "still in use");
        keeper.release(busy);
        assertEquals(Set.of(busy.session), closed);
        keeper.release(meanwhile);
        assertEquals(1, closed.size(), "the kept one stays open for the next line");
    }
}
