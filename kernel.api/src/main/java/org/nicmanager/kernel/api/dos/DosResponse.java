package org.nicmanager.kernel.api.dos;

import java.util.Arrays;
import java.util.Locale;

/** The escalating responses a VM's DoS policy may list (patent [0126]-[0132]). */
public enum DosResponse {

    /** Hold back receive interrupts for suspicious frames during the assessment window ([0130]). */
    HOLD_INTERRUPTS("hold"),
    /** Suspend running VMs of lower priority on the victim's uplinks, so that it keeps its bandwidth ([0126]). */
    SUSPEND_LOWER_PRIORITY("suspend"),
    /** Move the victim's virtual NICs from the attacked uplink to the policy's alternate uplink ([0128]). */
    FAIL_OVER("failover"),
    /** Ask for the victim to be migrated to the policy's target host ([0131]-[0132]). */
    MIGRATE("migrate");

    private final String optionName;

    DosResponse(String optionName) {
        this.optionName = optionName;
    }

    /** The name commands use, e.g. {@code failover}. */
    public String optionName() {
        return optionName;
    }

    /**
     * @throws IllegalArgumentException naming the value and the names allowed
     */
    public static DosResponse fromName(String name) {
        String wanted = name == null ? "" : name.trim();
        return Arrays.stream(values())
                .filter(response -> response.optionName.equals(wanted.toLowerCase(Locale.ROOT))
                        || response.name().equals(wanted.toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown DoS response '" + name
                        + "'; allowed: hold, suspend, failover, migrate"));
    }
}
