package org.nicmanager.host.launcher;

import java.util.List;
import java.util.Locale;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.lib.config.EnsembleAddress;
import org.nicmanager.lib.units.TimeSpan;

/**
 * The launcher's command line (COMMANDS.md, "Launcher"): {@code [--script FILE] [--clock real|virtual] [--demo|--bare]
 * [--seed N]}, and the operator's additions (dashboard port, demo script, scenario output, a host without a console,
 * the SSH console). Without {@code --script} the host is interactive, on the real clock, as a demo; with it, bare and
 * virtual.
 *
 * @param httpPort the dashboard's port, 0 for any free one; null for the default (interactive hosts only)
 * @param demoScript the demo's commands, or null for the built-in demo
 * @param outDirectory where a {@code --script} run writes its CSV and chart
 * @param record whether a {@code --script} run writes them: only when asked, by {@code --record} or {@code --out}
 * @param sampleNanos kernel time between two samples of the scenario's counters
 * @param stateDirectory where the host keeps its configuration across restarts, or null to keep none
 * @param noConsole a host that reads no commands and runs until it is stopped (SIGTERM), as a service does
 * @param ssh the SSH console's settings, or null when the SSH port stays off
 * @param cluster the cluster to join ({@code --cluster}, {@code --host-id}), or null for a standalone host
 */
record LaunchOptions(String scriptFile, ClockMode clock, boolean demo, long seed, boolean help, Integer httpPort,
        String demoScript, String outDirectory, boolean record, long sampleNanos, String stateDirectory,
        boolean noConsole, SshOptions ssh, ClusterOptions cluster) {

    /**
     * {@code --cluster CONNECT|embedded[:PORT] [--host-id NAME]}.
     *
     * @param ensemble the ensemble as given, checked
     * @param hostId the host's id, or null for the machine's host name
     */
    record ClusterOptions(EnsembleAddress ensemble, String ensembleText, String hostId) {
    }

    /** {@code --ssh-port PORT [--ssh-authorized-keys FILE]}; the keys file defaults to the user's own. */
    record SshOptions(int port, String authorizedKeysFile) {
    }

    static final String USAGE = String.join("\n",
            "usage: java -jar nicmgr.jar [--script FILE] [--clock real|virtual] [--demo|--bare] [--seed N]",
            "                            [--http-port PORT] [--demo-script FILE] [--no-console] [--state DIR]",
            "                            [--record] [--out DIR] [--sample DURATION]",
            "                            [--ssh-port PORT] [--ssh-authorized-keys FILE]",
            "                            [--cluster HOST:PORT[,HOST:PORT...]|embedded[:PORT]] [--host-id NAME]",
            "  (no --script)       interactive Gogo shell; default --clock real --demo, dashboard on port 8080",
            "  --script FILE       run the Gogo commands in FILE, print each result, exit 0 if all succeeded, else 1;",
            "                      default --clock virtual --bare; writes no file unless --record or --out is given",
            "  --clock MODE        real: the machine's clock; virtual: time moves only with kernel:advance",
            "  --demo / --bare     start with the demo host's switches, NICs, bond, VMs and traffic, or with nothing",
            "  --seed N            seed for reproducible random workloads (default 1)",
            "  --http-port PORT    serve the dashboard and /metrics on localhost:PORT (0: any free port);",
            "                      default 8080 for an interactive host, none for a --script run",
            "  --demo-script FILE  the demo's commands (default: the built-in examples/demo/demo.gogo); implies --demo",
            "  --no-console        read no commands: run as a service until SIGTERM (or Ctrl-C), then stop cleanly",
            "                      and exit 0; also chosen when standard input is /dev/null",
            "  --state DIR         keep bonds, VMs, allocations and policies in DIR across restarts (default: none",
            "                      kept); DIR must not be writable by group or others",
            "  --record            a --script run writes NAME.csv, NAME-events.csv and NAME.png (in the current",
            "                      directory unless --out)",
            "  --out DIR           where a --script run writes them; implies --record",
            "  --no-record         a --script run writes no file (the default now; wins over --record and --out)",
            "  --sample DURATION   kernel time between two samples of the recording, 10ms..64s (default 100ms)",
            "  --ssh-port PORT     serve the Gogo shell over SSH on localhost:PORT, public keys only (default: off)",
            "  --ssh-authorized-keys FILE  the keys --ssh-port accepts (default: ~/.ssh/authorized_keys)",
            "  --cluster ENSEMBLE  join a cluster of hosts kept in ZooKeeper: HOST:PORT[,HOST:PORT...][/CHROOT];",
            "                      or embedded[:PORT]: run a standalone ZooKeeper server in this host (port 2181",
            "                      unless given, 0: any free one; data under --state DIR, else a temporary folder)",
            "                      and join it. Without --cluster the host stands alone and starts no ZooKeeper code",
            "  --host-id NAME      this host's name in the cluster (default: the machine's host name)",
            "  --help              this text");

    static final long DEFAULT_SEED = 1;
    static final long DEFAULT_SAMPLE_NANOS = 100 * TimeSpan.NANOS_PER_MILLI;
    /**
     * The bounds of {@code net:stats --window}, which the recording reads at each sample (the resource manager keeps
     * 10 ms buckets, and 64 s of history): a sample outside would make the run fail at its first VM.
     */
    static final long MIN_SAMPLE_NANOS = 10 * TimeSpan.NANOS_PER_MILLI;
    static final long MAX_SAMPLE_NANOS = 64 * TimeSpan.NANOS_PER_SECOND;
    static final String DEFAULT_AUTHORIZED_KEYS = "~/.ssh/authorized_keys";
    private static final int MAX_PORT = 65_535;

    boolean scripted() {
        return scriptFile != null;
    }

    /**
     * @throws IllegalArgumentException naming the bad argument and what is allowed
     */
    static LaunchOptions parse(List<String> args) {
        Parsed parsed = new Parsed();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--script" -> parsed.script = value(args, ++i, arg);
                case "--clock" -> parsed.clock = clock(value(args, ++i, arg));
                case "--demo" -> parsed.demo = true;
                case "--bare" -> parsed.demo = false;
                case "--seed" -> parsed.seed = seed(value(args, ++i, arg));
                case "--http-port" -> parsed.httpPort = port(arg, value(args, ++i, arg));
                case "--demo-script" -> {
                    parsed.demoScript = value(args, ++i, arg);
                    parsed.demo = true;
                }
                case "--no-console" -> parsed.noConsole = true;
                case "--record" -> parsed.record = true;
                case "--out" -> {
                    parsed.out = value(args, ++i, arg);
                    parsed.record = true;
                }
                case "--no-record" -> parsed.noRecord = true;
                case "--sample" -> parsed.sampleNanos = sample(value(args, ++i, arg));
                case "--state" -> parsed.state = value(args, ++i, arg);
                case "--ssh-port" -> parsed.sshPort = port(arg, value(args, ++i, arg));
                case "--ssh-authorized-keys" -> parsed.sshKeys = value(args, ++i, arg);
                case "--cluster" -> {
                    parsed.clusterText = value(args, ++i, arg);
                    parsed.cluster = EnsembleAddress.parse(parsed.clusterText);
                }
                case "--host-id" -> parsed.hostId = EnsembleAddress.checkHostId(value(args, ++i, arg));
                case "--help", "-h" -> parsed.help = true;
                default -> throw new IllegalArgumentException("unknown launcher option '" + arg
                        + "'; allowed: --script FILE, --clock real|virtual, --demo, --bare, --seed N, --http-port PORT,"
                        + " --demo-script FILE, --no-console, --state DIR, --record, --out DIR, --no-record,"
                        + " --sample DURATION, --ssh-port PORT, --ssh-authorized-keys FILE, --cluster ENSEMBLE,"
                        + " --host-id NAME, --help");
            }
        }
        return parsed.options();
    }

    /** The options as they are being read. */
    private static final class Parsed {
        String script;
        ClockMode clock;
        Boolean demo;
        long seed = DEFAULT_SEED;
        boolean help;
        Integer httpPort;
        String demoScript;
        boolean noConsole;
        String out = ".";
        boolean record;
        boolean noRecord;
        long sampleNanos = DEFAULT_SAMPLE_NANOS;
        String state;
        Integer sshPort;
        String sshKeys;
        EnsembleAddress cluster;
        String clusterText;
        String hostId;

        LaunchOptions options() {
            boolean scripted = script != null;
            if (noConsole && scripted) {
                throw new IllegalArgumentException("--no-console is for a host that runs until stopped; a --script"
                        + " run reads its commands from the file and ends with it");
            }
            if (sshKeys != null && sshPort == null) {
                throw new IllegalArgumentException("--ssh-authorized-keys needs --ssh-port PORT: the SSH port is off"
                        + " unless a port is given");
            }
            if (hostId != null && cluster == null) {
                throw new IllegalArgumentException("--host-id names this host in a cluster; it needs --cluster"
                        + " HOST:PORT or --cluster embedded[:PORT]");
            }
            ClusterOptions clustered = cluster == null ? null : new ClusterOptions(cluster, clusterText, hostId);
            SshOptions ssh = sshPort == null ? null
                    : new SshOptions(sshPort, sshKeys != null ? sshKeys : DEFAULT_AUTHORIZED_KEYS);
            return new LaunchOptions(script, clock != null ? clock : scripted ? ClockMode.VIRTUAL : ClockMode.REAL,
                    demo != null ? demo : !scripted, seed, help, httpPort, demoScript, out, record && !noRecord,
                    sampleNanos, state, noConsole, ssh, clustered);
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException("launcher option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static ClockMode clock(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "real" -> ClockMode.REAL;
            case "virtual" -> ClockMode.VIRTUAL;
            default -> throw new IllegalArgumentException(
                    "unknown clock '" + text + "'; allowed: real, virtual");
        };
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("bad seed '" + text + "': expected a whole number");
        }
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("bad " + option + " '" + text + "': a port number 0.." + MAX_PORT
                + " (0: any free port)");
    }

    private static long sample(String text) {
        long nanos;
        try {
            nanos = TimeSpan.parse(text).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad --sample '" + text + "': " + bad.getMessage());
        }
        if (nanos < MIN_SAMPLE_NANOS || nanos > MAX_SAMPLE_NANOS) {
            throw new IllegalArgumentException("bad --sample '" + text + "': " + TimeSpan.format(MIN_SAMPLE_NANOS)
                    + ".." + TimeSpan.format(MAX_SAMPLE_NANOS) + " (the windows net:stats measures over)");
        }
        return nanos;
    }
}
