package org.nicmanager.sim.network.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;
import org.nicmanager.sim.network.Names;
import org.nicmanager.sim.network.model.TrafficPattern;

class WordsTest {

    private static String refusal(Runnable parse) {
        return assertThrows(IllegalArgumentException.class, parse::run).getMessage();
    }

    @Test
    void aWrongWordCountQuotesTheWordsTheUsageAndAnUnknownOption() {
        String message = refusal(() -> Words.expectCount(new String[] {"add", "s1", "--speed", "9"}, 2, "hw:x add SW"));
        assertEquals("expected: hw:x add SW; got 'add s1 --speed 9' (unknown option --speed)", message);
    }

    @Test
    void subcommandsAreNamedWhenMissingOrWrong() {
        assertEquals("add", Words.subcommand("hw:nic", new String[] {"add", "x"}, "U", "add", "remove"));
        assertEquals("hw:nic needs a subcommand: add, remove; usage: U", refusal(() -> Words.subcommand("hw:nic",
                new String[0], "U", "add", "remove")));
        assertTrue(refusal(() -> Words.subcommand("hw:nic", new String[] {"plus"}, "U", "add", "remove"))
                .endsWith("got 'plus'; usage: U"));
    }

    @Test
    void countsAreWholeNumbersInRange() {
        assertEquals(24, Words.count("--ports", "24", 1, 1024));
        assertEquals("bad --ports '0': a whole number from 1 to 1024", refusal(() -> Words.count("--ports", "0", 1,
                1024)));
        assertEquals("bad --ports '2.5': a whole number from 1 to 1024", refusal(() -> Words.count("--ports", "2.5",
                1, 1024)));
    }

    @Test
    void choicesAreTypedInLowerCaseAndListedWhenWrong() {
        assertEquals(TrafficPattern.POISSON, Words.choice("--pattern", "poisson", TrafficPattern.class));
        assertEquals("bad --pattern 'CBR': allowed cbr, burst, poisson",
                refusal(() -> Words.choice("--pattern", "CBR", TrafficPattern.class)));
    }

    @Test
    void ratesAndDurationsMustBeAboveZeroWhereZeroMeansNothing() {
        assertEquals(new Rate(150_000, Rate.Unit.FRAMES_PER_SECOND), Words.positiveRate("--rate", "150kpps"));
        assertTrue(refusal(() -> Words.positiveRate("--rate", "0bps")).contains("'0bps'"));
        assertEquals(0, Words.durationNanos("--for", "0s", true));
        assertTrue(refusal(() -> Words.durationNanos("--for", "0s", false)).contains("'0s'"));
        assertTrue(refusal(() -> Words.durationNanos("--for", "soon", false)).contains("'soon'"));
    }

    @Test
    void namesStartWithALetterAndKeepToSafeCharacters() {
        assertEquals("swA-1.b_2", Names.check("switch", "swA-1.b_2"));
        for (String bad : new String[] {"1sw", "sw/1", "sw 1", "(sw)", "a".repeat(Names.MAX_LENGTH + 1)}) {
            assertTrue(refusal(() -> Names.check("switch", bad)).contains("'" + bad + "'"), bad);
        }
        assertEquals("a switch needs a name, not '': a letter, then letters, digits, '.', '_' or '-', at most 32"
                + " characters (e.g. swA, eth0)", refusal(() -> Names.check("switch", "")));
    }
}
