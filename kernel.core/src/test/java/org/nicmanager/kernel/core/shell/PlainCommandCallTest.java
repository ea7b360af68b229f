package org.nicmanager.kernel.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Only a line whose every word means nothing else to Gogo is called without Gogo's job. */
class PlainCommandCallTest {

    @Test
    void aScopedCommandWithPlainWordsIsPlain() {
        assertEquals(Optional.of(List.of("vnic:add", "vm7", "--uplink", "bond0", "--mac", "02:00:00:00:00:11")),
                PlainCommandCall.plainWords("  vnic:add vm7\t--uplink bond0  --mac 02:00:00:00:00:11 "));
        assertEquals(Optional.of(List.of("net:limit", "web-1", "1.5Gbps", "a/b", "x+y", "u@h", "1,2")),
                PlainCommandCall.plainWords("net:limit web-1 1.5Gbps a/b x+y u@h 1,2"));
    }

    @Test
    void anyOtherLineIsLeftToGogo() {
        for (String line : List.of("vm:create 'my vm'", "vm:create \"a\"", "echo $x", "vm:list | grep x", "a:b ; c:d",
                "vm:create {x}", "vm:create (x)", "vm:create [1 2]", "ls *", "vm:create a?", "cd ~", "x = 5",
                "vm:create a=b", "vm:create a # note", "vm:create a\\ b", "vm:create é", "vm:create a &",
                "vm:create a > f", "list", "echo a", ":list", "vm:", "a:b:c", "gogo:echo a", "", "   ")) {
            assertEquals(Optional.empty(), PlainCommandCall.plainWords(line), line);
        }
    }
}
