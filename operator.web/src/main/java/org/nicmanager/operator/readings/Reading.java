package org.nicmanager.operator.readings;

import java.util.List;

import com.google.gson.JsonObject;

/**
 * The host's state at one kernel time, as its commands' JSON documents (COMMANDS.md shapes). A document is null when
 * its command is not installed or refused; {@code problems} then says why.
 *
 * @param time kernel-clock time of the reading, in nanoseconds
 * @param clock the kernel's clock mode, REAL or VIRTUAL
 * @param nicsTime kernel time at which {@code nics} was read (the middle of its command), for rates
 * @param vnicsTime kernel time at which {@code vnics} was read, for rates
 */
public record Reading(long time, String clock, JsonObject nics, long nicsTime, JsonObject bonds, JsonObject vms,
        JsonObject vnics, long vnicsTime, JsonObject netStats, JsonObject topology, List<String> problems) {

    public Reading {
        problems = List.copyOf(problems);
    }
}
