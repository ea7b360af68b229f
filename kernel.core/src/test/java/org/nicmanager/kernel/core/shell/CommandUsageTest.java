package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

/** The usage lines and the problems found, derived from commands shaped like the host's. */
class CommandUsageTest {

    /** Shaped like {@code vm:create}, {@code bond:add} and {@code bond:list}. */
    public static final class SampleCommands {

        @Descriptor("Create a VM")
        public String create(
                @Descriptor("priority 0..10") @Parameter(names = "--priority", absentValue = "5") int priority,
                @Descriptor("the VM's name") String name) {
            return name + priority;
        }

        @Descriptor("Add NICs to a bond")
        public String add(@Descriptor("the bond") String bond, @Descriptor("NIC names") String... nics) {
            return bond + nics.length;
        }

        @Descriptor("List")
        public String list(CommandSession session, @Descriptor("print one JSON document") @Parameter(
                names = "--json", presentValue = "true", absentValue = "false") boolean json) {
            return "list" + json;
        }

        public String getShow(String bond) {
            return bond;
        }

        public String show(long sizeBytes, double share) {
            return sizeBytes + "/" + share;
        }
    }

    private static CommandUsage usage(String function) {
        return CommandUsage.of("t:" + function, function, SampleCommands.class);
    }

    private static String problem(String function, String... words) {
        Optional<CommandUsage.Refusal> refusal = usage(function).check(List.of(words));
        assertTrue(refusal.isPresent(), "refused: " + List.of(words));
        return refusal.get().problem();
    }

    private static void fits(String function, String... words) {
        assertEquals(Optional.empty(), usage(function).check(List.of(words)));
    }

    @Test
    void usageNamesOptionsAndArgumentsFromTheSignature() {
        assertEquals(List.of("t:create [--priority PRIORITY] NAME"), usage("create").usages());
        assertEquals(List.of("t:add BOND NIC..."), usage("add").usages());
        assertEquals(List.of("t:list [--json]"), usage("list").usages(), "the session is not an argument");
    }

    @Test
    void everyMethodOfTheFunctionGivesAUsageLine() {
        assertEquals(List.of("t:show BOND", "t:show SIZE-BYTES SHARE"), usage("show").usages());
    }

    @Test
    void wordsThatFitAreNotRefused() {
        fits("create", "vm1");
        fits("create", "--priority", "7", "vm1");
        fits("create", "vm1", "--priority", "-3");
        fits("add", "bond0");
        fits("add", "bond0", "a", "b", "c");
        fits("list", "--json");
        fits("show", "bond0");
        fits("show", "1500", "0.5");
    }

    @Test
    void aMissingArgumentIsNamedWithItsDescription() {
        assertEquals("missing NAME (the VM's name)", problem("create"));
        assertEquals("missing BOND (the bond)", problem("add"));
    }

    @Test
    void extraWordsAreQuoted() {
        assertEquals("unexpected words 'b c': it takes one argument", problem("create", "a", "b", "c"));
        assertEquals("unexpected word 'x': it takes no arguments besides its options", problem("list", "x"));
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        assertEquals("option --priority needs a value (priority 0..10)", problem("create", "vm1", "--priority"));
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        assertEquals("unknown option '--frob'; options: --priority", problem("create", "vm1", "--frob"));
        assertEquals("unknown option '--json'; it takes no options", problem("add", "b", "--json"));
    }

    @Test
    void numbersOutsideTheirTypeAreRefusedWithTheRange() {
        assertEquals("bad --priority '99999999999': a whole number from -2147483648 to 2147483647",
                problem("create", "--priority", "99999999999", "vm1"));
        assertEquals("bad --priority 'abc': a whole number from -2147483648 to 2147483647",
                problem("create", "--priority", "abc", "vm1"));
        assertEquals("bad --priority '1e3': a whole number from -2147483648 to 2147483647",
                problem("create", "--priority", "1e3", "vm1"));
    }

    @Test
    void withSeveralMethodsABadValueSaysMoreThanACount() {
        assertEquals("bad SIZE-BYTES '1.5': a whole number from -9223372036854775808 to 9223372036854775807",
                problem("show", "1.5", "x"));
        assertEquals("bad SHARE 'lots': a decimal number, e.g. 0.5", problem("show", "64", "lots"));
    }

    @Test
    void theRefusalPrintsTheProblemThenTheUsage() {
        CommandUsage.Refusal refusal = usage("create").check(List.of()).orElseThrow();
        assertEquals(List.of("error: t:create: missing NAME (the VM's name)",
                "usage: t:create [--priority PRIORITY] NAME"), refusal.lines());
    }

    @Test
    void aFunctionWithNoMethodRefusesNothing() {
        CommandUsage none = usage("absent");
        assertTrue(none.isEmpty());
        assertEquals(Optional.empty(), none.check(List.of("anything", "--at-all")));
    }
}
