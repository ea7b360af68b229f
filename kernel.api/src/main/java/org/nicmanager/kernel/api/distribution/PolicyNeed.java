package org.nicmanager.kernel.api.distribution;

/** What a policy needs from the NIC manager beyond the members and the frames' headers. */
public enum PolicyNeed {
    /**
     * Which VM sent each frame and its priority ({@link PolicyContext#ports()}): only the kernel-integrated NIC manager
     * knows them (patent [0076]-[0082]); the loadable one refuses such a policy.
     */
    VM_INFORMATION
}
