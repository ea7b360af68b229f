package org.nicmanager.host.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.nicmanager.kernel.api.shell.CommandConsole;
import org.osgi.framework.BundleContext;

/**
 * Builds the demo host by running its Gogo script: the built-in copy of {@code examples/demo/demo.gogo}, or a file
 * given with {@code --demo-script}. Its results are not printed; a failing line is, with its message.
 */
final class DemoHost {

    static final String BUILT_IN = "demo/demo.gogo";

    private DemoHost() {
    }

    /** @return true when every line of the demo succeeded */
    static boolean build(BundleContext context, CommandConsole console, CommandSession session, String demoScript,
            PrintStream err) {
        String name;
        List<String> lines;
        try {
            if (demoScript == null) {
                name = "demo.gogo (built in)";
                lines = builtIn(context);
            } else {
                name = Path.of(demoScript).getFileName().toString();
                lines = Files.readAllLines(Path.of(demoScript), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException missing) {
            err.println("error: demo script '" + demoScript + "' does not exist");
            return false;
        } catch (IOException unreadable) {
            err.println("error: cannot read the demo script: " + unreadable.getMessage());
            return false;
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new ScriptRunner(console, session, quiet, err).run(name, lines) == ScriptRunner.SUCCESS;
    }

    private static List<String> builtIn(BundleContext context) throws IOException {
        URL entry = context.getBundle().getEntry(BUILT_IN);
        if (entry == null) {
            throw new IOException("the launcher bundle has no " + BUILT_IN);
        }
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
