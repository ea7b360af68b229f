package org.nicmanager.kernel.api.distribution;

import org.osgi.annotation.versioning.ProviderType;

/** What the NIC manager gives a policy for one bond, at {@link DistributionPolicy#create}. */
@ProviderType
public interface PolicyContext {

    /** The bond's name, for what the policy reports. */
    String bondName();

    /** The bond's members; the same object for the bond's life, its contents change on control events. */
    MemberTable members();

    /**
     * The VM owning each port, when the policy needs {@link PolicyNeed#VM_INFORMATION}; otherwise a table in which no
     * VM owns any port.
     */
    PortOwners ports();

    /**
     * For a policy that moves load off busy members: how busy a member must be, in % of its line rate (1 to 99), as
     * the bond was configured (vSphere's 75 % by default).
     */
    int busyThresholdPercent();

    /** ... for how long, in whole seconds (30 s by default). */
    int busyWindowSeconds();

    /**
     * Tells the bond that the policy moved a VM's port to another member (control path), so that operators see it
     * (history, {@code nicmgr/bond/PORT_MOVED}).
     *
     * @param fromPercent the transmit utilisation of the member it left, in % of its line rate
     * @param toPercent the same for the member it moved to, before the move
     * @param busySeconds for how long the member it left had been busy
     */
    void portMoved(int port, int fromSlot, int toSlot, int fromPercent, int toPercent, int busySeconds);
}
