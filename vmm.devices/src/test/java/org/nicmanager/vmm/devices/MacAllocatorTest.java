package org.nicmanager.vmm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nicmanager.kernel.api.frame.MacAddress;

class MacAllocatorTest {

    private final MacAllocator macs = new MacAllocator();

    @Test
    void generatedMacsAreLocallyAdministeredUnicastAndSkipTakenOnes() {
        macs.claim(0x02_00_00_00_00_02L);
        assertEquals("02:00:00:00:00:01", MacAddress.format(macs.generate()));
        assertEquals("02:00:00:00:00:03", MacAddress.format(macs.generate()));
        long generated = macs.generate();
        assertTrue(MacAddress.isLocallyAdministered(generated) && !MacAddress.isMulticast(generated));
    }

    @Test
    void givenMacsMustBeUnusedUnicastAddresses() {
        macs.claim(0x00_50_56_00_00_01L);
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> macs.claim(0x00_50_56_00_00_01L));
        assertTrue(taken.getMessage().contains("00:50:56:00:00:01 is already used"), taken.getMessage());
        IllegalArgumentException group = assertThrows(IllegalArgumentException.class,
                () -> macs.claim(0x01_00_5E_00_00_01L));
        assertTrue(group.getMessage().contains("multicast"), group.getMessage());
        macs.release(0x00_50_56_00_00_01L);
        assertEquals(0x00_50_56_00_00_01L, macs.claim(0x00_50_56_00_00_01L));
    }
}
