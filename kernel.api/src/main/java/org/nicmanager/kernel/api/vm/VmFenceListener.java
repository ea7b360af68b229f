package org.nicmanager.kernel.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when this host stops, or again starts, acting as the owner of a VM (issue 16, fencing): whiteboard, called by a
 * clustered host's cluster bundle on the network world's thread. A fenced VM's frames are dropped with
 * {@link org.nicmanager.kernel.api.frame.DropReason#NOT_OWNER}, never sent, and its queued frames are dropped with it.
 * A standalone host fences nothing. A listener registered late is told of every VM fenced at that moment.
 *
 * @since 1.5
 */
@ConsumerType
public interface VmFenceListener {

    /** {@code fenced}: this host must not send for the VM; false: it is confirmed as the VM's owner again. */
    void fenced(String vm, boolean fenced);
}
