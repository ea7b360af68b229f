package org.nicmanager.kernel.api.dos;

import java.util.Objects;

/** What a detector watches: one VM (all its virtual NICs) or one uplink (a bond or unbonded NIC, all its VMs). */
public record DosTarget(Kind kind, String name) {

    /** Whether the target is a VM or an uplink. */
    public enum Kind {
        VM, UPLINK
    }

    public DosTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DosTarget vm(String name) {
        return new DosTarget(Kind.VM, name);
    }

    public static DosTarget uplink(String name) {
        return new DosTarget(Kind.UPLINK, name);
    }
}
