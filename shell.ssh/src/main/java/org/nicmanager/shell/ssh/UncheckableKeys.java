package org.nicmanager.shell.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the lines of an {@code authorized_keys} file whose keys the console cannot check: Ed25519 keys need an EdDSA
 * provider (Bouncy Castle or net.i2p) that MINA SSHD looks for and the host does not carry. Without this warning an
 * operator whose key is Ed25519 (OpenSSH's default) would only see "Permission denied".
 */
final class UncheckableKeys {

    private UncheckableKeys() {
    }

    /**
     * One sentence per uncheckable key, naming its line; empty when every key can be checked. Read as ISO-8859-1,
     * which decodes any bytes: key lines are ASCII, and a comment in another encoding must not stop the check.
     */
    static List<String> in(Path authorizedKeys) throws IOException {
        List<String> lines = Files.readAllLines(authorizedKeys, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("#") && line.contains("ssh-ed25519")) {
                found.add(authorizedKeys + " line " + (i + 1) + " holds an Ed25519 key, which the SSH console cannot"
                        + " check: use an ECDSA or RSA key (ssh-keygen -t ecdsa)");
            }
        }
        return found;
    }
}
