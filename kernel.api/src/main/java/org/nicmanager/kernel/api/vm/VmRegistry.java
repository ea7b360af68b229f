package org.nicmanager.kernel.api.vm;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The VM manager's registry, read by the kernel-integrated NIC manager and the resource manager. */
@ProviderType
public interface VmRegistry {

    List<VmInfo> vms();

    Optional<VmInfo> vm(String name);
}
