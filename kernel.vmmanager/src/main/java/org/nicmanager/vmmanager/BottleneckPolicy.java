package org.nicmanager.vmmanager;

import java.util.Arrays;
import java.util.Locale;

/** What the VM manager does when a failure leaves a bond short of bandwidth (steps 820 and 824, [0124]). */
public enum BottleneckPolicy {

    /** Nothing, not even an alert. */
    NEVER,
    /** Suspend the lowest-priority running VMs on the bond, and resume them after failback. */
    SUSPEND_BY_PRIORITY,
    /** Only tell the administrator which VMs the other policy would suspend. */
    ALERT_ONLY;

    /** The name commands use, e.g. {@code suspend-by-priority}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the value and the names allowed */
    public static BottleneckPolicy fromName(String name) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(policy -> policy.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown bottleneck policy '" + name
                        + "'; allowed: never, suspend-by-priority, alert-only"));
    }
}
