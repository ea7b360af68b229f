package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH client ({@code ssh}, {@code ssh-keygen}), run as an operator would, with no user configuration and
 * a known-hosts file of its own in a test folder.
 */
final class OpenSshClient {

    /** A generous bound for an external process on a busy machine; the test fails instead of hanging. */
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    /** What a run of {@code ssh} printed and how it ended. */
    record Result(int status, String out, String err) {
    }

    private final Path folder;

    OpenSshClient(Path folder) {
        this.folder = folder;
    }

    /** Makes a key pair {@code NAME} and {@code NAME.pub} in the folder; returns the private key's path. */
    Path newKey(String name, String type) throws IOException, InterruptedException {
        Path key = folder.resolve(name);
        Result made = run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name + "@test", "-f",
                key.toString()), "");
        if (made.status() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + made.err());
        }
        return key;
    }

    /** Runs {@code ssh} with this key against localhost:port; extra options (e.g. {@code -tt}) come first. */
    Result ssh(Path key, int port, String input, List<String> options, String... command)
            throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(port), "-i",
                key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o",
                "PasswordAuthentication=no", "-o", "StrictHostKeyChecking=accept-new", "-o",
                "UserKnownHostsFile=" + folder.resolve("known_hosts"), "-o", "LogLevel=ERROR"));
        line.addAll(options);
        line.add("localhost");
        line.addAll(List.of(command));
        return run(line, input);
    }

    /**
     * Runs {@code ssh} with password login only, the password given through {@code SSH_ASKPASS} as a person would
     * type it.
     */
    Result sshWithPassword(String password, int port, String... command) throws IOException, InterruptedException {
        Path askPass = folder.resolve("askpass.sh");
        Files.writeString(askPass, "#!/bin/sh\nprintf '%s\\n' '" + password.replace("'", "'\\''") + "'\n");
        askPass.toFile().setExecutable(true, true);
        List<String> line = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-p", String.valueOf(port), "-o",
                "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "-o",
                "NumberOfPasswordPrompts=1", "-o", "StrictHostKeyChecking=accept-new", "-o",
                "UserKnownHostsFile=" + folder.resolve("known_hosts"), "-o", "LogLevel=ERROR", "localhost"));
        line.addAll(List.of(command));
        return run(line, "", Map.of("SSH_ASKPASS", askPass.toString(), "SSH_ASKPASS_REQUIRE", "force", "DISPLAY",
                ":0"));
    }

    private Result run(List<String> command, String input) throws IOException, InterruptedException {
        return run(command, input, Map.of());
    }

    private Result run(List<String> command, String input, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
