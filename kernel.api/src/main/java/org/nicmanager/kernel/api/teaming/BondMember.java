package org.nicmanager.kernel.api.teaming;

import org.nicmanager.kernel.api.nic.LinkState;

/** A bond member as shown to the operator. */
public record BondMember(String name, LinkState state, boolean active, long txFrames, long txBytes) {
}
