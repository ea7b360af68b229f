package org.nicmanager.kernel.api.teaming;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The host's bonds, as the NIC manager (either variant) publishes them. Callable from any thread. */
@ProviderType
public interface BondDirectory {

    List<BondInfo> bonds();
}
