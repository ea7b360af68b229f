package org.nicmanager.host.launcher;

import java.util.List;
import java.util.Locale;

import org.nicmanager.kernel.api.time.ClockMode;
import org.nicmanager.kernel.api.units.TimeSpan;

/**
 * The launcher's command line (COMMANDS.md, "Launcher"): {@code [--script FILE] [--clock real|virtual] [--demo|--bare]
 * [--seed N]}, and the operator's additions (dashboard port, demo script, scenario output). Without {@code --script}
 * the host is interactive, on the real clock, as a demo; with it, bare and virtual.
 *
 * @param httpPort the dashboard's port, 0 for any free one; null for the default (interactive hosts only)
 * @param demoScript the demo's commands, or null for the built-in demo
 * @param outDirectory where a {@code --script} run writes its CSV and chart
 * @param record whether a {@code --script} run writes them
 * @param sampleNanos kernel time between two samples of the scenario's counters
 * @param stateDirectory where the host keeps its configuration across restarts, or null to keep none
 */
record LaunchOptions(String scriptFile, ClockMode clock, boolean demo, long seed, boolean help, Integer httpPort,
        String demoScript, String outDirectory, boolean record, long sampleNanos, String stateDirectory) {

    static final String USAGE = String.join("\n",
            "usage: java -jar nicmgr.jar [--script FILE] [--clock real|virtual] [--demo|--bare] [--seed N]",
            "                            [--http-port PORT] [--demo-script FILE] [--out DIR] [--no-record]"
                    + " [--sample DURATION]",
            "                            [--state DIR]",
            "  (no --script)       interactive Gogo shell; default --clock real --demo, dashboard on port 8080",
            "  --script FILE       run the Gogo commands in FILE, print each result, exit 0 if all succeeded, else 1;",
            "                      default --clock virtual --bare; writes NAME.csv, NAME-events.csv and NAME.png",
            "  --clock MODE        real: the machine's clock; virtual: time moves only with kernel:advance",
            "  --demo / --bare     start with the demo host's switches, NICs, bond, VMs and traffic, or with nothing",
            "  --seed N            seed for reproducible random workloads (default 1)",
            "  --http-port PORT    serve the dashboard and /metrics on localhost:PORT (0: any free port);",
            "                      default 8080 for an interactive host, none for a --script run",
            "  --demo-script FILE  the demo's commands (default: the built-in examples/demo/demo.gogo); implies --demo",
            "  --out DIR           where a --script run writes its CSV and chart (default: the current directory)",
            "  --no-record         a --script run writes no CSV or chart",
            "  --sample DURATION   kernel time between two samples of the CSV (default 100ms)",
            "  --state DIR         keep bonds, VMs, allocations and policies in DIR across restarts (default: none kept)",
            "  --help              this text");

    static final long DEFAULT_SEED = 1;
    static final long DEFAULT_SAMPLE_NANOS = 100 * TimeSpan.NANOS_PER_MILLI;
    static final long MIN_SAMPLE_NANOS = TimeSpan.NANOS_PER_MILLI;
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
                case "--http-port" -> parsed.httpPort = port(value(args, ++i, arg));
                case "--demo-script" -> {
                    parsed.demoScript = value(args, ++i, arg);
                    parsed.demo = true;
                }
                case "--out" -> parsed.out = value(args, ++i, arg);
                case "--no-record" -> parsed.record = false;
                case "--sample" -> parsed.sampleNanos = sample(value(args, ++i, arg));
                case "--state" -> parsed.state = value(args, ++i, arg);
                case "--help", "-h" -> parsed.help = true;
                default -> throw new IllegalArgumentException("unknown launcher option '" + arg
                        + "'; allowed: --script FILE, --clock real|virtual, --demo, --bare, --seed N, --http-port PORT,"
                        + " --demo-script FILE, --out DIR, --no-record, --sample DURATION, --state DIR, --help");
            }
        }
        boolean scripted = parsed.script != null;
        return new LaunchOptions(parsed.script,
                parsed.clock != null ? parsed.clock : scripted ? ClockMode.VIRTUAL : ClockMode.REAL,
                parsed.demo != null ? parsed.demo : !scripted, parsed.seed, parsed.help, parsed.httpPort,
                parsed.demoScript, parsed.out, parsed.record, parsed.sampleNanos, parsed.state);
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
        String out = ".";
        boolean record = true;
        long sampleNanos = DEFAULT_SAMPLE_NANOS;
        String state;
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

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= MAX_PORT) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("bad --http-port '" + text + "': a port number 0.." + MAX_PORT
                + " (0: any free port)");
    }

    private static long sample(String text) {
        long nanos;
        try {
            nanos = TimeSpan.parse(text).nanos();
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("bad --sample '" + text + "': " + bad.getMessage());
        }
        if (nanos < MIN_SAMPLE_NANOS) {
            throw new IllegalArgumentException("bad --sample '" + text + "': at least 1ms");
        }
        return nanos;
    }
}
