package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PID {@code org.nicmanager.ssh} read and checked: defaults, and a one-line refusal for each wrong value. */
class SshSettingsTest {

    @TempDir
    Path folder;

    private Path keys;
    private Path defaultHostKey;
    private final Map<String, Object> properties = new HashMap<>();

    @BeforeEach
    void authorizedKeys() throws IOException {
        keys = Files.writeString(folder.resolve("authorized_keys"), "");
        defaultHostKey = folder.resolve("data/ssh-host-key");
        properties.put(SshSettings.PORT, 8101);
        properties.put(SshSettings.AUTHORIZED_KEYS_FILE, keys.toString());
    }

    private String refusal() {
        return assertThrows(IllegalArgumentException.class, () -> SshSettings.from(properties, defaultHostKey))
                .getMessage();
    }

    @Test
    void withNoPortTheConsoleIsOffAndNeedsNoKeys() {
        SshSettings off = SshSettings.from(Map.of(), defaultHostKey);

        assertFalse(off.enabled());
        assertEquals(0, off.port());
        assertNull(off.authorizedKeys());
    }

    @Test
    void defaultsAreLocalhostNoPasswordAndTheHostKeyInTheFrameworksStorage() {
        SshSettings settings = SshSettings.from(properties, defaultHostKey);

        assertTrue(settings.enabled());
        assertEquals("localhost", settings.host());
        assertFalse(settings.passwordLogin());
        assertEquals(keys.toAbsolutePath(), settings.authorizedKeys());
        assertEquals(defaultHostKey, settings.hostKey());
    }

    @Test
    void aPortGivenAsTextIsRead() {
        properties.put(SshSettings.PORT, "2222");

        assertEquals(2222, SshSettings.from(properties, defaultHostKey).port());
    }

    @Test
    void aPortOutOfRangeOrNotANumberIsRefused() {
        properties.put(SshSettings.PORT, 70_000);
        assertEquals("bad port '70000': expected a TCP port 1..65535, or 0 for off", refusal());
        properties.put(SshSettings.PORT, "lots");
        assertEquals("bad port 'lots': expected a TCP port 1..65535, or 0 for off", refusal());
        properties.put(SshSettings.PORT, -1);
        assertEquals("bad port '-1': expected a TCP port 1..65535, or 0 for off", refusal());
    }

    @Test
    void aPortWithoutAuthorizedKeysOrPasswordIsRefused() {
        properties.remove(SshSettings.AUTHORIZED_KEYS_FILE);

        assertEquals("bad authorizedKeysFile '': the SSH console on port 8101 needs an OpenSSH authorized_keys file"
                + " to let anyone in (or passwordLogin = true)", refusal());
    }

    @Test
    void aMissingAuthorizedKeysFileIsRefused() {
        properties.put(SshSettings.AUTHORIZED_KEYS_FILE, folder.resolve("nope").toString());

        assertEquals("bad authorizedKeysFile '" + folder.resolve("nope")
                + "': expected an existing OpenSSH authorized_keys file", refusal());
    }

    @Test
    void aHostKeyInAFolderThatDoesNotExistIsRefused() {
        properties.put(SshSettings.HOST_KEY_FILE, folder.resolve("no/such/key").toString());

        assertTrue(refusal().startsWith("bad hostKeyFile '"));
    }

    @Test
    void aHostWithSpacesOrControlCharactersIsRefusedWithTheControlCharacterEscaped() {
        properties.put(SshSettings.HOST, "local host");
        assertEquals("bad host 'local host': expected a host name or an IP address to listen on, e.g. localhost",
                refusal());
        properties.put(SshSettings.HOST, "localhost\nERROR forged");
        assertEquals("bad host 'localhost\\nERROR forged': expected text without control characters", refusal());
    }

    @Test
    void passwordLoginNeedsALongEnoughPasswordAndThenNeedsNoKeys() {
        properties.remove(SshSettings.AUTHORIZED_KEYS_FILE);
        properties.put(SshSettings.PASSWORD_LOGIN, true);
        properties.put(SshSettings.PASSWORD, "short");
        assertEquals("bad password: passwordLogin is true, so password must hold at least 12 characters (it holds 5)",
                refusal());

        properties.put(SshSettings.PASSWORD, "correct horse battery");
        SshSettings settings = SshSettings.from(properties, defaultHostKey);
        assertTrue(settings.passwordLogin());
        assertNull(settings.authorizedKeys());
        assertFalse(settings.toString().contains("horse"), "the password is never shown: " + settings);
    }

    @Test
    void aPasswordIsIgnoredUnlessPasswordLoginIsOn() {
        properties.put(SshSettings.PASSWORD, "correct horse battery");

        assertFalse(SshSettings.from(properties, defaultHostKey).passwordLogin());
    }

    @Test
    void passwordLoginMustBeTrueOrFalse() {
        properties.put(SshSettings.PASSWORD_LOGIN, "yes");

        assertEquals("bad passwordLogin 'yes': expected true or false", refusal());
    }
}
