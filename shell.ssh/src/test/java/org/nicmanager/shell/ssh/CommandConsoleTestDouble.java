package org.nicmanager.shell.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.kernel.api.shell.CommandConsole;

/**
 * Test double of the host's command console (kernel.core has the real one): {@code nic:list} prints a fixed NIC
 * table, {@code echo WORDS} prints its words, anything else is refused on the error stream with exit status 1. It
 * records every command line it was given.
 */
final class CommandConsoleTestDouble implements CommandConsole {

    static final String NIC_TABLE = "name     driver    mtu\nvmnic0   e1000sim  1500\n";

    final List<String> commandLines = new CopyOnWriteArrayList<>();

    @Override
    public int execute(String commandLine, InputStream in, PrintStream out, PrintStream err) {
        commandLines.add(commandLine);
        if (commandLine.equals("nic:list")) {
            out.print(NIC_TABLE);
            return SUCCESS;
        }
        if (commandLine.startsWith("echo ")) {
            out.println(commandLine.substring("echo ".length()));
            return SUCCESS;
        }
        err.println("unknown command '" + commandLine + "'");
        return FAILURE;
    }

    @Override
    public int interact(InputStream in, PrintStream out, PrintStream err, String prompt) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int status = SUCCESS;
        try {
            while (true) {
                if (prompt != null) {
                    out.print(prompt);
                    out.flush();
                }
                String line = lines.readLine();
                if (line == null || line.trim().equals("exit")) {
                    return status;
                }
                if (!line.isBlank()) {
                    status = execute(line.trim(), in, out, err);
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
