package org.nicmanager.vmmanager;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.kernel.api.vm.MigrationRequest;
import org.nicmanager.kernel.api.vm.MigrationService;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code vm:} commands of the VM manager's automatic side: the bottleneck policy ([0124]) and migration requests
 * ([0131]-[0132]).
 */
@Component(service = VmReactionCommands.class, property = {"osgi.command.scope=vm",
    "osgi.command.function=bottleneck", "osgi.command.function=migrate", "osgi.command.function=migrations"})
public final class VmReactionCommands {

    /** What {@code vm:bottleneck} prints: the policy, and the VMs each bond's bottleneck holds suspended. */
    public record BottleneckView(String policy, Map<String, List<String>> suspended) {
    }

    /** {@code vm:migrations --json}: {@code {"requests":[{"vm","targetHost","reason","requestedAtNanos"}]}}. */
    public record Migrations(List<MigrationRequest> requests) {
    }

    /** One request as the table shows it. */
    public record MigrationRow(String vm, String targetHost, String requestedAt, String reason) {
    }

    private final BottleneckComponent bottleneck;
    private final MigrationService migrations;
    private final NameDirectory names;

    @Activate
    public VmReactionCommands(@Reference BottleneckComponent bottleneck, @Reference MigrationService migrations,
            @Reference NameDirectory names) {
        this.bottleneck = bottleneck;
        this.migrations = migrations;
        this.names = names;
    }

    @Descriptor("Show, or set, what the VM manager does when a failed bond member leaves too little bandwidth")
    public BottleneckView bottleneck(@Descriptor("never, suspend-by-priority (the lowest-priority running VMs on the"
            + " bond, until failback) or alert-only; omit to show") String... policy) {
        if (policy.length > 1) {
            throw new IllegalArgumentException("vm:bottleneck takes one policy (never, suspend-by-priority,"
                    + " alert-only), not " + List.of(policy));
        }
        if (policy.length == 1) {
            bottleneck.setPolicy(BottleneckPolicy.fromName(policy[0]));
        }
        return new BottleneckView(bottleneck.policy().optionName(), new TreeMap<>(bottleneck.suspended()));
    }

    @Descriptor("Request that a running or suspended VM migrate to another host")
    public MigrationRow migrate(
            @Descriptor("the target host") @Parameter(names = "--to", absentValue = "") String to,
            @Descriptor("why, for the record") @Parameter(names = "--reason", absentValue = "requested by the"
                    + " operator") String reason,
            @Descriptor("the VM") String vm) {
        String source = names.resolve("VM", vm, EnumSet.of(NameKind.VM)).name();
        if (to.isEmpty()) {
            throw new IllegalArgumentException("vm:migrate needs --to HOST; " + names.listing(
                    EnumSet.of(NameKind.REMOTE_HOST)));
        }
        String target = names.resolve("--to", to, EnumSet.of(NameKind.REMOTE_HOST)).name();
        return row(migrations.request(source, target, reason));
    }

    @Descriptor("List the migration requests made, oldest first")
    public Object migrations(@Descriptor("print one JSON document") @Parameter(names = "--json",
            presentValue = "true", absentValue = "false") boolean json) {
        List<MigrationRequest> requests = migrations.requests();
        return json ? new Json(new Migrations(requests))
                : requests.stream().map(VmReactionCommands::row).toList();
    }

    private static MigrationRow row(MigrationRequest request) {
        return new MigrationRow(request.vm(), request.targetHost(), TimeSpan.format(request.requestedAtNanos()),
                request.reason());
    }
}
