package org.nicmanager.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH client ({@code ssh}, {@code ssh-keygen}), run as an operator would, with no user configuration and
 * a known-hosts file of its own in a test folder.
 */
final class OpenSshClient {

    /** A generous bound for an external process on a busy machine; the test fails instead of hanging. */
    private static final long PROCESS_TIMEOUT_SECONDS = Patience.SECONDS;

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

    private Result run(List<String> command, String input) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + PROCESS_TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
