package org.nicmanager.kernel.api.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    @ParameterizedTest
    @ValueSource(ints = {Priority.LOWEST, 1, Priority.DEFAULT, 9, Priority.HIGHEST})
    void levelsFromLowestToHighestAreAccepted(int level) {
        assertEquals(level, new Priority(level).level());
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 11, Integer.MAX_VALUE})
    void levelsOutsideTheRangeAreRefusedNamingTheRange(int level) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Priority(level));

        assertTrue(refused.getMessage().contains(Integer.toString(level)), refused.getMessage());
        assertTrue(refused.getMessage().contains("0..10"), refused.getMessage());
    }

    @Test
    void defaultIsInTheMiddle() {
        assertEquals(5, Priority.DEFAULT);
    }
}
