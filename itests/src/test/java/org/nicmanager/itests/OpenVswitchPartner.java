package org.nicmanager.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Open vSwitch in a test's namespace, as a real LACP partner (issue 15 point 4): its own ovsdb-server and
 * ovs-vswitchd, on the userspace datapath ({@code datapath_type=netdev}: no kernel module here), with their database,
 * sockets, pid and log files in a temporary folder of their own, so that nothing of a system Open vSwitch is touched.
 * Bridge {@code br0} bonds the namespace's ends of the given veth pairs as {@code bond0}, LACP active and fast.
 * {@link #close} ends the daemons it started, by their pids, and removes the folder, whatever state a test left.
 */
final class OpenVswitchPartner implements AutoCloseable {

    static final String BOND = "bond0";
    private static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final long COMMAND_SECONDS = 60;

    private final TestNamespace namespace;
    private final Path folder;
    private final String database;
    private final List<Long> pids = new ArrayList<>();
    private long vswitchd = -1;

    /** True when the Open vSwitch daemons and tools are installed (scripts/install-test-tools.sh installs them). */
    static boolean installed() {
        return Stream.of("/usr/sbin/ovsdb-server", "/usr/sbin/ovs-vswitchd", "/usr/bin/ovs-vsctl",
                "/usr/bin/ovs-appctl", "/usr/bin/ovsdb-tool", SCHEMA).allMatch(file -> Files.exists(Path.of(file)));
    }

    /** Starts the daemons in {@code namespace} and bonds its interfaces {@code members} with LACP active, fast. */
    OpenVswitchPartner(TestNamespace namespace, List<String> members) throws IOException, InterruptedException {
        this.namespace = namespace;
        this.folder = Files.createTempDirectory("nm-ovs");
        this.database = "unix:" + folder.resolve("db.sock");
        try {
            run("ovsdb-tool", "create", folder.resolve("conf.db").toString(), SCHEMA);
            inNamespace("ovsdb-server", folder.resolve("conf.db").toString(), "--remote=p" + database,
                    "--pidfile=" + folder.resolve("ovsdb-server.pid"), "--log-file=" + folder.resolve("ovsdb.log"),
                    "--detach");
            pids.add(pid("ovsdb-server"));
            vsctl("--no-wait", "init");
            inNamespace("ovs-vswitchd", database, "--pidfile=" + folder.resolve("ovs-vswitchd.pid"),
                    "--log-file=" + folder.resolve("vswitchd.log"), "--detach");
            vswitchd = pid("ovs-vswitchd");
            pids.add(vswitchd);
            vsctl("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev");
            List<String> bond = new ArrayList<>(List.of("add-bond", "br0", BOND));
            bond.addAll(members);
            bond.addAll(List.of("bond_mode=balance-tcp", "lacp=active", "other_config:lacp-time=fast"));
            vsctl(bond.toArray(String[]::new));
        } catch (IOException | InterruptedException | RuntimeException | Error failed) {
            close();
            throw failed;
        }
    }

    /** What {@code ovs-appctl lacp/show bond0} prints. */
    String lacpShow() throws IOException, InterruptedException {
        return appctl("lacp/show", BOND);
    }

    /** What {@code ovs-appctl bond/show bond0} prints. */
    String bondShow() throws IOException, InterruptedException {
        return appctl("bond/show", BOND);
    }

    /** Stops ovs-vswitchd cleanly, as an operator does: {@code ovs-appctl exit}. */
    void exitByAppctl() throws IOException, InterruptedException {
        appctl("exit");
    }

    /**
     * Kills ovs-vswitchd (SIGKILL, by its pid), as a crash does; returns once the signal is sent, which ends it at
     * once (waiting for its exit would add the JDK's polling of a process that is not its child).
     */
    void kill() {
        ProcessHandle handle = ProcessHandle.of(vswitchd).filter(OpenVswitchPartner::isOpenVswitch).orElseThrow(
                () -> new AssertionError("ovs-vswitchd " + vswitchd + " is not running"));
        if (!handle.destroyForcibly()) {
            throw new AssertionError("could not signal ovs-vswitchd " + vswitchd);
        }
    }

    /** The vswitchd log, for a failure's message. */
    String log() {
        try {
            return Files.readString(folder.resolve("vswitchd.log"));
        } catch (IOException unreadable) {
            return "(no vswitchd.log: " + unreadable.getMessage() + ")";
        }
    }

    private String appctl(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("ovs-appctl", "-t",
                folder.resolve("ovs-vswitchd." + vswitchd + ".ctl").toString()));
        words.addAll(List.of(command));
        return run(words.toArray(String[]::new));
    }

    private void vsctl(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("ovs-vsctl", "--db=" + database, "--timeout=" + COMMAND_SECONDS));
        words.addAll(List.of(command));
        run(words.toArray(String[]::new));
    }

    private long pid(String daemon) throws IOException {
        return Long.parseLong(Files.readString(folder.resolve(daemon + ".pid")).trim());
    }

    private void inNamespace(String... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>(List.of("ip", "netns", "exec", namespace.name()));
        words.addAll(List.of(command));
        run(words.toArray(String[]::new));
    }

    /** Runs a command with the Open vSwitch folders pointing into ours; answers its output, or fails naming it. */
    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        for (String variable : List.of("OVS_RUNDIR", "OVS_LOGDIR", "OVS_DBDIR", "OVS_SYSCONFDIR")) {
            environment.put(variable, folder.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_SECONDS
                    + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + output.trim());
        }
        return output;
    }

    /** True when the process is still one of the daemons (a pid of one that ended may be another's now). */
    private static boolean isOpenVswitch(ProcessHandle process) {
        String command = process.info().command().orElse("");
        return command.endsWith("/ovsdb-server") || command.endsWith("/ovs-vswitchd");
    }

    /** Ends the daemons this partner started, by pid (those already gone are skipped), and removes the folder. */
    @Override
    public void close() {
        for (long pid : pids) {
            ProcessHandle.of(pid).filter(OpenVswitchPartner::isOpenVswitch).ifPresent(daemon -> {
                daemon.destroyForcibly();
                try {
                    daemon.onExit().get(COMMAND_SECONDS, TimeUnit.SECONDS);
                } catch (Exception stillThere) {
                    // reported by nothing: the folder goes anyway, and the namespace's removal frees the links
                }
            });
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException alreadyGone) {
            // nothing to remove
        }
    }
}
