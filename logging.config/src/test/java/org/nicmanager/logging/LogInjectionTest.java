package org.nicmanager.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;

/**
 * The host's logback.xml writes every log line as one line: a value with a newline or another control character (a
 * configured name, say) cannot forge a line of its own (issue 13, log injection). Stack traces still print whole. The
 * lines are made by the encoder that logback.xml configures for standard error.
 */
class LogInjectionTest {

    private LoggerContext context;
    private Encoder<ILoggingEvent> encoder;

    @BeforeEach
    void configure() throws Exception {
        context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogInjectionTest.class.getResource("/logback.xml"));
        OutputStreamAppender<ILoggingEvent> stderr = (OutputStreamAppender<ILoggingEvent>) context
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        encoder = stderr.getEncoder();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String line(String loggerName, Level level, String message, Throwable failure, Object... arguments) {
        Logger logger = context.getLogger(loggerName);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, failure, arguments);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void aNewlineInALoggedValueIsEscapedAndTheLineStaysOne() {
        String forged = "sw1\nERROR [org.nicmanager.kernel.core.Kernel] network world stopped";
        assertEquals("ERROR [org.nicmanager.sim.network.cards.ConfiguredSwitch] switch configuration 'sw1\\nERROR"
                + " [org.nicmanager.kernel.core.Kernel] network world stopped' refused: bad port count"
                + System.lineSeparator(), line("org.nicmanager.sim.network.cards.ConfiguredSwitch", Level.ERROR,
                        "switch configuration '{}' refused: {}", null, forged, "bad port count"));
    }

    @Test
    void otherControlCharactersAreEscapedToo() {
        assertEquals("WARN  [org.nicmanager.test] name a\\rb\\tc\\u001b[31md\\u0000e\\u007ff"
                + System.lineSeparator(), line("org.nicmanager.test", Level.WARN, "name {}", null,
                        "a\rb\tc\u001b[31md\u0000e\u007ff"));
    }

    @Test
    void printableTextIsLeftAlone() {
        assertEquals("WARN  [org.nicmanager.test] VM 'é-vm_1.2' at 50% \\ 3" + System.lineSeparator(),
                line("org.nicmanager.test", Level.WARN, "VM '{}' at 50% \\ 3", null, "é-vm_1.2"));
    }

    @Test
    void aStackTraceStillPrintsWhole() {
        String[] lines = line("org.nicmanager.test", Level.ERROR, "failed", new IllegalStateException("boom"))
                .split(System.lineSeparator());
        assertEquals("ERROR [org.nicmanager.test] failed", lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
        assertTrue(lines[2].startsWith("\tat org.nicmanager.logging.LogInjectionTest."), lines[2]);
    }
}
