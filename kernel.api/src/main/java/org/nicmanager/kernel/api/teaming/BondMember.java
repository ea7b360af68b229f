package org.nicmanager.kernel.api.teaming;

import java.util.Objects;

import org.nicmanager.kernel.api.nic.LinkState;

/**
 * A bond member as shown to the operator.
 *
 * @param active true exactly when the member carries the bond's traffic now ({@code role} is {@link MemberRole#ACTIVE})
 * @param role what the member does for the bond now, by the bond's policy (since 1.4)
 * @param roleReason why it has that role, for people, or {@code null} where none was given (since 1.4)
 */
public record BondMember(String name, LinkState state, boolean active, long txFrames, long txBytes, MemberRole role,
        String roleReason) {

    /**
     * @throws IllegalArgumentException when {@code active} and {@code role} disagree
     */
    public BondMember {
        Objects.requireNonNull(role, "role");
        if (active != (role == MemberRole.ACTIVE)) {
            throw new IllegalArgumentException("member " + name + " is " + role + " but active=" + active
                    + "; active is true exactly for ACTIVE");
        }
    }

    /** The form before roles (1.3): an active member is ACTIVE, another UP one STANDBY, the rest UNUSED. */
    public BondMember(String name, LinkState state, boolean active, long txFrames, long txBytes) {
        this(name, state, active, txFrames, txBytes, active ? MemberRole.ACTIVE
                : state == LinkState.UP ? MemberRole.STANDBY : MemberRole.UNUSED, null);
    }
}
