package org.nicmanager.dos.engine;

import java.util.List;

/**
 * A VM under attack, as a response sees it.
 *
 * @param priority its network priority, 0..10
 * @param attackedUplinks the uplinks its virtual NICs used when the attack began
 * @param attack the attack, for people (kind and figures)
 */
public record Victim(String vm, int priority, List<String> attackedUplinks, DosPolicy policy, String attack) {

    public Victim {
        attackedUplinks = List.copyOf(attackedUplinks);
    }
}
