package org.nicmanager.resource.scheduler;

import java.util.List;

/**
 * One uplink as its scheduler sees it now: capacity, NICs and every VM that ever connected to it, and frames from ports
 * no VM connected (sent when nothing else waited, else dropped).
 *
 * @param capacityBps what it carries now
 * @param admissibleCapacityBps what it carries with every member up and selected; reservations are admitted against it
 */
public record UplinkUsage(String uplink, long nowNanos, long capacityBps, long admissibleCapacityBps, List<String> nics,
        List<VmUsage> vms, long unattributedSent, long unattributedDropped) {
}
