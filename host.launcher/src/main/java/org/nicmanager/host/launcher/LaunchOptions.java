package org.nicmanager.host.launcher;

import java.util.List;
import java.util.Locale;

import org.nicmanager.kernel.api.time.ClockMode;

/**
 * The launcher's command line (COMMANDS.md, "Launcher"): {@code [--script FILE] [--clock real|virtual] [--demo|--bare]
 * [--seed N]}. Without {@code --script} the host is interactive, on the real clock, as a demo; with it, bare and virtual.
 */
record LaunchOptions(String scriptFile, ClockMode clock, boolean demo, long seed, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: java -jar nicmgr.jar [--script FILE] [--clock real|virtual] [--demo|--bare] [--seed N]",
            "  (no --script)    interactive Gogo shell; default --clock real --demo",
            "  --script FILE    run the Gogo commands in FILE, print each result, exit 0 if all succeeded, else 1;",
            "                   default --clock virtual --bare",
            "  --clock MODE     real: the machine's clock; virtual: time moves only with kernel:advance",
            "  --demo / --bare  start with the demo host's NICs, bond and VMs, or with nothing",
            "  --seed N         seed for reproducible random workloads (default 1)",
            "  --help           this text");

    static final long DEFAULT_SEED = 1;

    boolean scripted() {
        return scriptFile != null;
    }

    /**
     * @throws IllegalArgumentException naming the bad argument and what is allowed
     */
    static LaunchOptions parse(List<String> args) {
        String script = null;
        ClockMode clock = null;
        Boolean demo = null;
        long seed = DEFAULT_SEED;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--script" -> script = value(args, ++i, arg);
                case "--clock" -> clock = clock(value(args, ++i, arg));
                case "--demo" -> demo = true;
                case "--bare" -> demo = false;
                case "--seed" -> seed = seed(value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown launcher option '" + arg
                        + "'; allowed: --script FILE, --clock real|virtual, --demo, --bare, --seed N, --help");
            }
        }
        boolean scripted = script != null;
        return new LaunchOptions(script, clock != null ? clock : scripted ? ClockMode.VIRTUAL : ClockMode.REAL,
                demo != null ? demo : !scripted, seed, help);
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
}
