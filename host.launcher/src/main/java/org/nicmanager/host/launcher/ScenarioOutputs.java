package org.nicmanager.host.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a recorded {@code --script} run writes: {@code NAME.csv}, {@code NAME-events.csv} and {@code NAME.png} in
 * the {@code --out} folder, NAME being the script's name without its extension. They are checked before the run
 * starts, so that a run never writes over what it reads: {@code --script run.csv --record} would otherwise replace its
 * own script with the CSV.
 */
record ScenarioOutputs(Path csv, Path events, Path png) {

    /** The outputs of a recorded run of {@code options}' script. */
    static ScenarioOutputs of(LaunchOptions options) {
        String name = baseName(Path.of(options.scriptFile()).getFileName().toString());
        Path folder = Path.of(options.outDirectory());
        return new ScenarioOutputs(folder.resolve(name + ".csv"), folder.resolve(name + "-events.csv"),
                folder.resolve(name + ".png"));
    }

    /** {@code failover.gogo} gives {@code failover}. */
    static String baseName(String scriptName) {
        int dot = scriptName.lastIndexOf('.');
        return dot > 0 ? scriptName.substring(0, dot) : scriptName;
    }

    List<Path> all() {
        return List.of(csv, events, png);
    }

    /**
     * @throws IllegalArgumentException when a recorded run would write over its script, its demo script or a file of
     *         its {@code --state} folder, naming both
     */
    static void check(LaunchOptions options) {
        if (!options.scripted() || !options.record()) {
            return;
        }
        List<Path> inputs = new ArrayList<>();
        inputs.add(Path.of(options.scriptFile()));
        if (options.demoScript() != null) {
            inputs.add(Path.of(options.demoScript()));
        }
        for (Path output : of(options).all()) {
            for (Path input : inputs) {
                if (same(output, input)) {
                    throw new IllegalArgumentException("the run would write its output " + output + " over its input "
                            + input + "; give the script another name, or --out another folder");
                }
            }
        }
    }

    /** The same file, by name or, when both exist, by identity (a link, another spelling of the path). */
    private static boolean same(Path output, Path input) {
        if (output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(output) && Files.exists(input) && Files.isSameFile(output, input);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot tell whether the run's output " + output + " is its input "
                    + input + ": " + unreadable.getMessage());
        }
    }
}
