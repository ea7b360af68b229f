package org.nicmanager.nicmanager.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;

/** Which bond a configuration is: named after it, or known by its name property, and never renamed. */
class BondConfigNamesTest {

    private final BondConfigNames names = new BondConfigNames();

    private static Hashtable<String, Object> named(String name) {
        Hashtable<String, Object> properties = new Hashtable<>();
        if (name != null) {
            properties.put("name", name);
        }
        return properties;
    }

    @Test
    void aNamedConfigurationIsItsBondsEvenWithoutANameProperty() {
        assertEquals("bond0", names.named("org.nicmanager.bond~bond0", named(null)));
        assertEquals("bond0", names.named("org.nicmanager.bond~bond0", named("bond0")));
        assertEquals("bad name 'bond1': configuration org.nicmanager.bond~bond0 is bond bond0's, and a bond's"
                + " configuration is named after the bond", assertThrows(IllegalArgumentException.class,
                        () -> names.named("org.nicmanager.bond~bond0", named("bond1"))).getMessage());
        assertEquals("bond0", names.forget("org.nicmanager.bond~bond0"));
    }

    @Test
    void aConfigurationWithAGeneratedPidIsKnownByItsNameAndKeepsIt() {
        String pid = "org.nicmanager.bond.1f2e";
        assertEquals("no name in configuration " + pid + ": set name to the bond's name", assertThrows(
                IllegalArgumentException.class, () -> names.named(pid, named(null))).getMessage());
        assertEquals("bond7", names.named(pid, named("bond7")));
        assertEquals("bad name 'bond8': configuration " + pid + " is bond bond7's, and a bond keeps its name; delete"
                + " this configuration and make one for bond8", assertThrows(IllegalArgumentException.class,
                        () -> names.named(pid, named("bond8"))).getMessage());
        assertEquals("bond7", names.forget(pid), "deleted, it still names its bond");
        assertNull(names.forget(pid));
    }

    @Test
    void configurationsThatExistedBeforeAreRememberedForTheirDeletion() {
        names.remember("org.nicmanager.bond.9a", named("bond9"));
        assertEquals("bond9", names.forget("org.nicmanager.bond.9a"));
    }
}
