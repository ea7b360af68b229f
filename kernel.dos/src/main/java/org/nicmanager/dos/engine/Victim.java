package org.nicmanager.dos.engine;

import java.util.List;

/**
 * A VM under attack, as a response sees it.
 *
 * @param priority its network priority, 0..10
 * @param attackedUplinks the uplinks the attack came through when it began: those of its virtual NICs' uplinks where
 *        the defence saw an attack too, or all of them when none stood out
 * @param attack the attack, for people (kind and figures)
 * @param suspendBelowPriority the engine's bound on the {@code suspend} response: only VMs below this priority
 */
public record Victim(String vm, int priority, List<String> attackedUplinks, DosPolicy policy, String attack,
        int suspendBelowPriority) {

    public Victim {
        attackedUplinks = List.copyOf(attackedUplinks);
    }
}
