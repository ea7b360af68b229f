package org.nicmanager.dos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.nicmanager.dos.detector.DetectorOptions;
import org.nicmanager.dos.detector.DetectorView;
import org.nicmanager.dos.detector.TunableDetector;
import org.nicmanager.dos.engine.DetectionView;
import org.nicmanager.dos.engine.DosPolicy;
import org.nicmanager.dos.engine.ResponseView;
import org.nicmanager.kernel.api.shell.Json;
import org.nicmanager.lib.units.TimeSpan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The {@code dos:} commands (COMMANDS.md): attacks seen and responses taken, the VMs' policies, the detectors. */
@Component(service = DosCommands.class, property = {"osgi.command.scope=dos", "osgi.command.function=status",
    "osgi.command.function=policy", "osgi.command.function=detector"})
public final class DosCommands {

    /**
     * {@code dos:status --json}: {@code {"detections":[{"target","kind","startedAt","endedAt","responses"}],
     * "suspendBelowPriority"}}; the suspend response touches only VMs below that priority (and the victim's).
     */
    public record DosStatus(List<DetectionView> detections, int suspendBelowPriority) {
    }

    /** {@code dos:status}: the detectors running, the suspend response's bound, and each attack, oldest first. */
    public record StatusTable(List<String> detectors, int suspendBelowPriority, List<DetectionRow> detections) {
    }

    public record DetectionRow(String target, String kind, String started, String ended, String responses) {
    }

    /** One VM's policy as the commands show it; no alternate uplink or migration host is null. */
    public record PolicyView(String vm, List<String> responses, long assessmentWindowMs, long escalateAfterMs,
            long restoreAfterQuietMs, String alternateUplink, String migrationHost) {

        static PolicyView of(String vm, DosPolicy policy) {
            return new PolicyView(vm, DosPolicy.names(policy.responses()), policy.assessmentWindowMs(),
                    policy.escalateAfterMs(), policy.restoreAfterQuietMs(), noneAsNull(policy.alternateUplink()),
                    noneAsNull(policy.migrationHost()));
        }

        private static String noneAsNull(String name) {
            return name.isEmpty() ? null : name;
        }
    }

    /** {@code dos:policy} without a VM: every configured policy, and what the others get. */
    public record Policies(PolicyView otherVms, List<PolicyView> policies) {
    }

    public record Detectors(List<DetectorView> detectors) {
    }

    private final DosDefenceComponent defence;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<TunableDetector> detectors = new CopyOnWriteArrayList<>();

    @Activate
    public DosCommands(@Reference DosDefenceComponent defence) {
        this.defence = defence;
    }

    @Descriptor("The attacks detected on VMs and uplinks, when each started and ended, and the responses taken")
    public Object status(@Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
            absentValue = "false") boolean json) {
        List<DetectionView> detections = defence.detections();
        int suspendBelow = defence.settings().suspendBelowPriority();
        if (json) {
            return new Json(new DosStatus(detections, suspendBelow));
        }
        List<DetectionRow> rows = new ArrayList<>();
        for (DetectionView detection : detections) {
            rows.add(new DetectionRow(detection.targetKind().toLowerCase() + " " + detection.target(),
                    detection.kind(), TimeSpan.format(detection.startedAt()),
                    detection.endedAt() == null ? "-" : TimeSpan.format(detection.endedAt()),
                    detection.responses().isEmpty() ? "-" : String.join(", ", detection.responses().stream()
                            .map(DosCommands::responseCell).toList())));
        }
        return new StatusTable(defence.detectorKinds(), suspendBelow, rows);
    }

    private static String responseCell(ResponseView response) {
        return response.response() + (response.undoneAt() == null ? "" : " (undone "
                + TimeSpan.format(response.undoneAt()) + ")");
    }

    @Descriptor("Show or change a VM's escalating responses to a DoS attack; without a VM, list the policies")
    public Object policy(
            @Descriptor("in escalation order, comma-separated: hold (hold back interrupts of suspicious frames),"
                    + " suspend (lower-priority VMs on its uplinks), failover (to --alternate), migrate (to"
                    + " --migrate-to); or none") @Parameter(names = "--responses", absentValue = "") String responses,
            @Descriptor("the bond or NIC failover moves the VM's virtual NICs to, or none") @Parameter(
                    names = "--alternate", absentValue = "") String alternate,
            @Descriptor("the host migrate asks to take the VM, or none") @Parameter(names = "--migrate-to",
                    absentValue = "") String migrateTo,
            @Descriptor("how long a suspicious frame's interrupt is held, e.g. 50ms") @Parameter(
                    names = "--assessment", absentValue = "") String assessment,
            @Descriptor("attack time between one response and the next, e.g. 100ms; 0ms: all at once") @Parameter(
                    names = "--escalate-after", absentValue = "") String escalateAfter,
            @Descriptor("quiet time after the attack before the responses are undone, e.g. 1s") @Parameter(
                    names = "--restore-after", absentValue = "") String restoreAfter,
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the VM (omit to list the policies)") String... vm) {
        if (vm.length > 1) {
            throw new IllegalArgumentException("dos:policy takes one VM, not " + List.of(vm));
        }
        Object result;
        if (vm.length == 0) {
            PolicyChange change = change(responses, alternate, migrateTo, assessment, escalateAfter, restoreAfter);
            if (change != null) {
                throw new IllegalArgumentException("dos:policy needs the VM whose policy to change");
            }
            List<PolicyView> views = new ArrayList<>();
            for (Map.Entry<String, DosPolicy> policy : defence.policies().entrySet()) {
                views.add(PolicyView.of(policy.getKey(), policy.getValue()));
            }
            result = new Policies(PolicyView.of("(others)", DosPolicy.DEFAULT), views);
        } else {
            PolicyChange change = change(responses, alternate, migrateTo, assessment, escalateAfter, restoreAfter);
            DosPolicy policy = change == null ? defence.policy(vm[0]) : defence.setPolicy(vm[0], change);
            result = PolicyView.of(vm[0], policy);
        }
        return json ? new Json(result) : result;
    }

    private static PolicyChange change(String responses, String alternate, String migrateTo, String assessment,
            String escalateAfter, String restoreAfter) {
        PolicyChange change = new PolicyChange(given(responses), given(alternate), given(migrateTo), given(assessment),
                given(escalateAfter), given(restoreAfter));
        return change.equals(new PolicyChange(null, null, null, null, null, null)) ? null : change;
    }

    @Descriptor("Show the detectors, or tune one: rate, syn, broadcast or signature")
    public Object detector(
            @Descriptor("rate: frames (e.g. 200kpps) or bits (e.g. 800Mbps) per second that are an attack; syn,"
                    + " broadcast: frames per second (e.g. 2kpps); above 0") @Parameter(names = "--threshold",
                    absentValue = "") String threshold,
            @Descriptor("rate: how many times the learned baseline is an anomaly, above 1") @Parameter(
                    names = "--multiple", absentValue = "") String multiple,
            @Descriptor("rate: no anomaly below this many frames (pps) or bits (bps) per second") @Parameter(
                    names = "--floor", absentValue = "") String floor,
            @Descriptor("the sliding window rates are measured over (signature: how long a match counts), e.g."
                    + " 50ms") @Parameter(names = "--window", absentValue = "") String window,
            @Descriptor("rate: learning time of the baseline, e.g. 1s") @Parameter(names = "--learning",
                    absentValue = "") String learning,
            @Descriptor("signature: destination ports, comma-separated, or none") @Parameter(names = "--ports",
                    absentValue = "") String ports,
            @Descriptor("signature: byte patterns in hex, comma-separated (e.g. 4E494353), or none") @Parameter(
                    names = "--patterns", absentValue = "") String patterns,
            @Descriptor("print one JSON document") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("the detector to tune (omit to list them)") String... kind) {
        DetectorOptions options = new DetectorOptions(given(threshold), given(multiple), given(floor), given(window),
                given(learning), given(ports), given(patterns));
        boolean changing = !options.equals(new DetectorOptions(null, null, null, null, null, null, null));
        if (kind.length > 1) {
            throw new IllegalArgumentException("dos:detector takes one detector, not " + List.of(kind));
        }
        Object result;
        if (kind.length == 0) {
            if (changing) {
                throw new IllegalArgumentException("dos:detector needs the detector to tune: " + optionNames());
            }
            result = new Detectors(detectors.stream().map(TunableDetector::view).toList());
        } else {
            TunableDetector detector = detectors.stream().filter(each -> each.optionName().equals(kind[0]))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown detector '" + kind[0]
                            + "'; detectors: " + optionNames()));
            result = changing ? detector.tune(options) : detector.view();
        }
        return json ? new Json(result) : result;
    }

    private String optionNames() {
        List<String> names = detectors.stream().map(TunableDetector::optionName).sorted().toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String given(String option) {
        return option.isEmpty() ? null : option;
    }
}
