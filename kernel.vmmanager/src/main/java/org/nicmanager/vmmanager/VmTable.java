package org.nicmanager.vmmanager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.vm.Priority;
import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VmState;
import org.nicmanager.kernel.api.vm.VnicInfo;

/**
 * The VMs and their lifecycle state machine, owned by the network world's thread. Every refusal names the value and
 * what is allowed, and leaves the table as it was.
 */
final class VmTable {

    /** Who owns the names of VMs and virtual NICs in the name directory. */
    static final String NAME_OWNER = "kernel.vmmanager";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    private final Map<String, VmInfo> vms = new TreeMap<>();
    /**
     * Why each VM is suspended by automatic reactions, oldest first. A suspended VM without an entry was suspended by
     * the operator, and automatic reactions leave it alone.
     */
    private final Map<String, LinkedHashSet<String>> suspensionCauses = new HashMap<>();
    /**
     * Each VM's name entries (its virtual NICs', then its own), changed on the world thread for that VM alone when it
     * or a virtual NIC comes or goes, and read by any thread: rebuilding every VM's entries on each change made a
     * host's life quadratic in its VMs (issue 17).
     */
    private final ConcurrentSkipListMap<String, List<NameEntry>> namesByVm = new ConcurrentSkipListMap<>();
    /** Bumped after each change of {@link #namesByVm}. */
    private final AtomicLong namesVersion = new AtomicLong();
    /** The last snapshot and the version it was built from, built on demand by the reader who found it stale. */
    private volatile Snapshot names = new Snapshot(0, List.of());

    private record Snapshot(long version, List<NameEntry> entries) {
    }

    VmInfo create(String name, int priority) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad VM name '" + name + "': use 1-32 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        if (vms.containsKey(name)) {
            throw new IllegalArgumentException("a VM named '" + name + "' already exists");
        }
        new Priority(priority); // refuses a priority outside 0..10, naming it
        VmInfo vm = new VmInfo(name, VmState.CREATED, priority, List.of());
        put(vm);
        return vm;
    }

    VmInfo start(String name) {
        return move(name, VmState.RUNNING, "start", VmState.CREATED, VmState.STOPPED);
    }

    VmInfo stop(String name) {
        VmInfo stopped = move(name, VmState.STOPPED, "stop", VmState.RUNNING, VmState.SUSPENDED);
        suspensionCauses.remove(name);
        return stopped;
    }

    VmInfo suspend(String name) {
        return move(name, VmState.SUSPENDED, "suspend", VmState.RUNNING);
    }

    /** The operator's resume: whatever suspended the VM, it runs again. */
    VmInfo resume(String name) {
        VmInfo resumed = move(name, VmState.RUNNING, "resume", VmState.SUSPENDED);
        suspensionCauses.remove(name);
        return resumed;
    }

    /**
     * Suspends a running VM for {@code cause}, or adds the cause to a VM already suspended by others. A VM suspended by
     * the operator stays as it is, without the cause: the operator's word wins.
     */
    VmInfo suspendFor(String name, String cause) {
        VmInfo vm = require(name);
        requireCause(cause);
        if (vm.state() == VmState.SUSPENDED) {
            LinkedHashSet<String> causes = suspensionCauses.get(name);
            if (causes != null) {
                causes.add(cause);
            }
            return vm;
        }
        VmInfo suspended = move(name, VmState.SUSPENDED, "suspend", VmState.RUNNING);
        suspensionCauses.computeIfAbsent(name, key -> new LinkedHashSet<>()).add(cause);
        return suspended;
    }

    /** Withdraws {@code cause}; the VM resumes when it was the last one. A cause not held changes nothing. */
    VmInfo resumeFor(String name, String cause) {
        VmInfo vm = require(name);
        LinkedHashSet<String> causes = suspensionCauses.get(name);
        if (causes == null || !causes.remove(cause) || !causes.isEmpty()) {
            return vm;
        }
        suspensionCauses.remove(name);
        return move(name, VmState.RUNNING, "resume", VmState.SUSPENDED);
    }

    List<String> suspensionCauses(String name) {
        require(name);
        LinkedHashSet<String> causes = suspensionCauses.get(name);
        return causes == null ? List.of() : List.copyOf(causes);
    }

    private static void requireCause(String cause) {
        if (cause == null || cause.isBlank()) {
            throw new IllegalArgumentException("an automatic suspension needs a cause, e.g. 'bottleneck on bond0'");
        }
    }

    /** Puts back a stored VM, powered off (a VM manager that starts again finds its VMs as a rebooted host does). */
    VmInfo restore(String name, int priority, List<VnicInfo> vnics) {
        VmInfo vm = create(name, priority);
        VmInfo restored = new VmInfo(vm.name(), VmState.STOPPED, priority, vnics);
        put(restored);
        return restored;
    }

    VmInfo updateVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
        int at = -1;
        for (int i = 0; i < vnics.size(); i++) {
            if (vnics.get(i).name().equals(vnic.name())) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("VM " + vmName + " has no virtual NIC named " + vnic.name() + "; it has "
                    + vm.vnics().stream().map(VnicInfo::name).toList());
        }
        vnics.set(at, vnic);
        VmInfo updated = new VmInfo(vm.name(), vm.state(), vm.priority(), vnics);
        put(updated);
        return updated;
    }

    VmInfo delete(String name) {
        VmInfo vm = require(name);
        if (vm.state() == VmState.RUNNING || vm.state() == VmState.SUSPENDED) {
            throw new IllegalArgumentException("VM " + name + " is " + vm.state() + "; stop it before deleting it");
        }
        vms.remove(name);
        namesByVm.remove(name);
        namesVersion.incrementAndGet();
        suspensionCauses.remove(name);
        return vm;
    }

    VmInfo attachVnic(String vmName, VnicInfo vnic) {
        VmInfo vm = require(vmName);
        if (vm.vnics().stream().anyMatch(present -> present.name().equals(vnic.name()))) {
            throw new IllegalArgumentException("VM " + vmName + " already has a virtual NIC named " + vnic.name());
        }
        List<VnicInfo> vnics = new ArrayList<>(vm.vnics());
        vnics.add(vnic);
        VmInfo updated = new VmInfo(vm.name(), vm.state(), vm.priority(), vnics);
        put(updated);
        return updated;
    }

    private void put(VmInfo vm) {
        VmInfo before = vms.put(vm.name(), vm);
        if (before == null || !before.vnics().equals(vm.vnics())) {
            publishNames(vm);
        }
    }

    /**
     * The VMs and their virtual NICs, with MACs, for the name directory; readable from any thread. The same list while
     * nothing changed, so the directory keeps its index; after changes, the first reader builds a new one (a change
     * that races with the build makes the next reader build again).
     */
    List<NameEntry> names() {
        long version = namesVersion.get();
        Snapshot last = names;
        if (last.version() == version) {
            return last.entries();
        }
        List<NameEntry> now = new ArrayList<>();
        for (List<NameEntry> entries : namesByVm.values()) {
            now.addAll(entries);
        }
        Snapshot fresh = new Snapshot(version, List.copyOf(now));
        names = fresh;
        return fresh.entries();
    }

    /** That VM's entries; a state change alone keeps the old ones, so the directory keeps its index. */
    private void publishNames(VmInfo vm) {
        List<NameEntry> entries = new ArrayList<>();
        List<MacAddress> macs = new ArrayList<>();
        for (VnicInfo vnic : vm.vnics()) {
            List<MacAddress> mac = vnic.mac() == null || vnic.mac().isBlank() ? List.of()
                    : List.of(MacAddress.parse(vnic.mac()));
            macs.addAll(mac);
            entries.add(new NameEntry(vnic.name(), NameKind.VNIC, mac, NAME_OWNER, vm.name()));
        }
        entries.add(new NameEntry(vm.name(), NameKind.VM, macs, NAME_OWNER));
        namesByVm.put(vm.name(), List.copyOf(entries));
        namesVersion.incrementAndGet();
    }

    List<VmInfo> all() {
        return List.copyOf(vms.values());
    }

    Optional<VmInfo> find(String name) {
        return Optional.ofNullable(vms.get(name));
    }

    private VmInfo move(String name, VmState to, String step, VmState... from) {
        VmInfo vm = require(name);
        if (!List.of(from).contains(vm.state())) {
            throw new IllegalArgumentException("cannot " + step + " VM " + name + ": it is " + vm.state() + ", and "
                    + step + " needs " + String.join(" or ", List.of(from).stream().map(Enum::name).toList()));
        }
        VmInfo moved = new VmInfo(vm.name(), to, vm.priority(), vm.vnics());
        put(moved);
        return moved;
    }

    private VmInfo require(String name) {
        VmInfo vm = vms.get(name);
        if (vm == null) {
            throw new IllegalArgumentException("no VM named '" + name + "'; VMs: "
                    + (vms.isEmpty() ? "(none)" : String.join(", ", vms.keySet())));
        }
        return vm;
    }
}
