package org.nicmanager.vmmanager;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.names.NameSource;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.vm.Alerter;
import org.nicmanager.kernel.api.vm.MigrationRequest;
import org.nicmanager.kernel.api.vm.MigrationService;
import org.nicmanager.kernel.api.vm.MigrationTarget;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmRegistry;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VmTopics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Migration requests ([0131]-[0132]): checks the VM and the target host, hands the request to the host's
 * {@link MigrationTarget} and records it, with an alert. Moving the VM's state between hosts is a later issue; here the
 * decision and the request are complete, and the VM keeps running on this host until the target takes it.
 */
@Component(service = {MigrationService.class, NameSource.class})
public final class MigrationComponent implements MigrationService, NameSource {

    private final VmRegistry vms;
    private final KernelClock clock;
    private final Alerter alerter;
    private final List<MigrationRequest> requests = new CopyOnWriteArrayList<>();

    private final List<MigrationTarget> targets = new CopyOnWriteArrayList<>();
    /** The target hosts for the name directory, replaced when a target comes or goes. */
    private volatile List<NameEntry> names = List.of();

    @Activate
    public MigrationComponent(@Reference VmRegistry vms, @Reference KernelClock clock, @Reference Alerter alerter) {
        this.vms = vms;
        this.clock = clock;
        this.alerter = alerter;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTarget(MigrationTarget target) {
        targets.add(target);
        publishNames();
    }

    void removeTarget(MigrationTarget target) {
        targets.remove(target);
        publishNames();
    }

    private synchronized void publishNames() {
        names = targets().stream().map(host -> new NameEntry(host, NameKind.REMOTE_HOST, List.of(),
                VmTable.NAME_OWNER)).toList();
    }

    @Override
    public List<NameEntry> names() {
        return names;
    }

    @Override
    public MigrationRequest request(String vm, String targetHost, String reason) {
        VmInfo info = vms.vm(vm).orElseThrow(() -> new IllegalArgumentException("no VM named '" + vm + "'; VMs: "
                + names(vms.vms())));
        if (info.state() != VmState.RUNNING && info.state() != VmState.SUSPENDED) {
            throw new IllegalArgumentException("cannot migrate VM " + vm + ": it is " + info.state()
                    + ", and migration needs RUNNING or SUSPENDED");
        }
        MigrationTarget target = targets.stream().filter(host -> host.host().equals(targetHost)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no migration target host named '" + targetHost
                        + "'; hosts: " + (targets().isEmpty() ? "(none)" : String.join(", ", targets()))));
        MigrationRequest request = new MigrationRequest(vm, targetHost, reason, clock.nanoTime());
        target.receive(request); // a refusal is thrown before anything is recorded
        requests.add(request);
        alerter.raise(VmTopics.MIGRATION_REQUESTED, vm, "migration of VM " + vm + " to host " + targetHost
                + " requested: " + reason);
        return request;
    }

    @Override
    public List<String> targets() {
        return targets.stream().map(MigrationTarget::host).sorted().toList();
    }

    @Override
    public List<MigrationRequest> requests() {
        return List.copyOf(requests);
    }

    private static String names(List<VmInfo> vms) {
        return vms.isEmpty() ? "(none)" : String.join(", ", vms.stream().map(VmInfo::name).toList());
    }
}
