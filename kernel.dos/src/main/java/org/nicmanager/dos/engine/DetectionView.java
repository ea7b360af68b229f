package org.nicmanager.dos.engine;

import java.util.List;

/**
 * One attack as {@code dos:status --json} shows it (COMMANDS.md: target, kind, startedAt, endedAt, responses); times
 * in kernel nanoseconds.
 *
 * @param target the VM or uplink attacked
 * @param targetKind {@code VM} or {@code UPLINK}
 * @param kind the detector's kind, e.g. {@code SYN_FLOOD}
 * @param endedAt null while the attack goes on
 * @param details the figures at the start (and at the end, once ended)
 * @param responses what was done to protect the VM while it lasted
 */
public record DetectionView(String target, String targetKind, String kind, long startedAt, Long endedAt,
        String details, List<ResponseView> responses) {
}
