package org.nicmanager.host.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded run never writes over what it reads. */
class ScenarioOutputsTest {

    @TempDir
    Path folder;

    private static void check(String... args) {
        ScenarioOutputs.check(LaunchOptions.parse(List.of(args)));
    }

    @Test
    void aScriptNamedLikeItsCsvIsNotOverwritten() {
        String script = folder.resolve("run.csv").toString();
        String refusal = assertThrows(IllegalArgumentException.class,
                () -> check("--script", script, "--out", folder.toString())).getMessage();
        assertEquals("the run would write its output " + script + " over its input " + script
                + "; give the script another name, or --out another folder", refusal);
        check("--script", script, "--out", folder.resolve("elsewhere").toString());
        check("--script", script); // records nothing, writes nothing
    }

    @Test
    void anInputReachedThroughALinkOrAnotherSpellingIsFoundToo() throws Exception {
        Path script = Files.writeString(folder.resolve("run.png"), "kernel:info\n");
        Path linked = Files.createDirectories(folder.resolve("out"));
        Files.createSymbolicLink(linked.resolve("run.png"), script);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> check("--script", script.toString(), "--out", linked.toString())).getMessage()
                .startsWith("the run would write its output " + linked.resolve("run.png")));
        Path demo = Files.writeString(folder.resolve("demo-events.csv"), "");
        assertThrows(IllegalArgumentException.class, () -> check("--script", folder.resolve("x/../demo.gogo")
                .toString(), "--demo-script", demo.toString(), "--out", folder.resolve("x/..").toString()));
    }
}
