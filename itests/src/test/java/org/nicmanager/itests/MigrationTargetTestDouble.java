package org.nicmanager.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.kernel.api.vm.MigrationRequest;
import org.nicmanager.kernel.api.vm.MigrationTarget;

/**
 * Test double of another host that can take VMs ([0131]-[0132]): it records every migration request and takes none of
 * the VM's state, which real migration (a later issue) will move.
 */
final class MigrationTargetTestDouble implements MigrationTarget {

    private final String host;
    final List<MigrationRequest> requests = new CopyOnWriteArrayList<>();

    MigrationTargetTestDouble(String host) {
        this.host = host;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public void receive(MigrationRequest request) {
        requests.add(request);
    }
}
