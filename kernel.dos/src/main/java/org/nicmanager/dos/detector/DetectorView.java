package org.nicmanager.dos.detector;

import java.util.Map;

/**
 * A detector as {@code dos:detector} shows it.
 *
 * @param kind the attack kind it detects
 * @param pid its ConfigAdmin PID
 * @param settings its settings in force, by configuration name (units in the names)
 */
public record DetectorView(String kind, String pid, Map<String, Object> settings) {
}
