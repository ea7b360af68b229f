package org.nicmanager.shell.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncheckableKeysTest {

    @TempDir
    Path folder;

    @Test
    void eachEd25519KeyIsNamedByItsLine() throws IOException {
        Path keys = Files.writeString(folder.resolve("authorized_keys"), String.join("\n",
                "# ssh-ed25519 in a comment is not a key",
                "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= ops@a",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops@b",
                "from=\"10.0.0.1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 ops@c", ""));

        assertEquals(List.of(keys + " line 3 holds an Ed25519 key, which the SSH console cannot check: use an ECDSA or"
                + " RSA key (ssh-keygen -t ecdsa)", keys + " line 4 holds an Ed25519 key, which the SSH console cannot"
                + " check: use an ECDSA or RSA key (ssh-keygen -t ecdsa)"), UncheckableKeys.in(keys));
    }

    @Test
    void rsaAndEcdsaKeysAreAllChecked() throws IOException {
        Path keys = Files.writeString(folder.resolve("authorized_keys"),
                "ssh-rsa AAAAB3NzaC1yc2E= ops@a\necdsa-sha2-nistp384 AAAAE2VjZHNh ops@b\n");

        assertEquals(List.of(), UncheckableKeys.in(keys));
    }
}
