package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.nicmanager.cluster.HostRecord;
import org.nicmanager.cluster.LocalVms;
import org.nicmanager.cluster.VmDefinition;

/**
 * One host's VM services as a test sees them: VMs defined, running and fenced, each change stamped with
 * System.nanoTime(), and a shared {@link OwnerLedger} told whenever the host starts or stops acting as a VM's owner
 * (running and not fenced: the moment its frames would go out).
 */
final class FakeVms implements LocalVms {

    /** A change: DEFINED, REMOVED, STARTED, STOPPED, FENCED, UNFENCED. */
    record Change(String vm, String what, long nanos) {
    }

    private final String host;
    private final long capacityBps;
    private final OwnerLedger ledger;
    private final Map<String, VmDefinition> defined = new TreeMap<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> fenced = new HashSet<>();
    private final List<Change> changes = new ArrayList<>();

    FakeVms(String host, long capacityBps, OwnerLedger ledger) {
        this.host = host;
        this.capacityBps = capacityBps;
        this.ledger = ledger;
    }

    /** {@code vm:create} and {@code net:alloc} here. */
    synchronized void createHere(VmDefinition definition) {
        defined.put(definition.name(), definition);
        fenced.add(definition.name()); // a new VM's frames go nowhere until the cluster confirms an owner
        changed(definition.name(), "DEFINED");
    }

    /** {@code vm:stop} here. */
    synchronized void stopHere(String vm) {
        stop(vm);
    }

    synchronized HostRecord record() {
        long reserved = running.stream().mapToLong(vm -> defined.get(vm).reservationBps()).sum();
        return new HostRecord(host, "machine-" + host, ProcessHandle.current().pid(), 1_700_000_000_000L, "0.1.0",
                List.of(new HostRecord.UplinkRecord("bond0", List.of("vmnic0"), capacityBps, reserved)),
                Math.max(0, capacityBps - reserved), running.size());
    }

    synchronized boolean acting(String vm) {
        return running.contains(vm) && !fenced.contains(vm);
    }

    synchronized boolean isFenced(String vm) {
        return fenced.contains(vm);
    }

    synchronized Optional<VmDefinition> definition(String vm) {
        return Optional.ofNullable(defined.get(vm));
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /**
     * Waits up to {@code seconds} until the condition holds: woken by each change here, and every 20 ms for conditions
     * on what other hosts or the cluster's records say.
     */
    synchronized boolean await(Predicate<FakeVms> condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
        return true;
    }

    /** The first change of that kind to that VM at or after {@code sinceNanos}. */
    synchronized Optional<Change> first(String vm, String what, long sinceNanos) {
        return changes.stream().filter(change -> change.vm().equals(vm) && change.what().equals(what)
                && change.nanos() >= sinceNanos).findFirst();
    }

    @Override
    public synchronized List<VmDefinition> definitions() {
        return List.copyOf(defined.values());
    }

    @Override
    public synchronized boolean running(String vm) {
        return running.contains(vm);
    }

    @Override
    public synchronized void define(VmDefinition definition) {
        if (!defined.containsKey(definition.name())) {
            fenced.add(definition.name());
        }
        defined.put(definition.name(), definition);
        changed(definition.name(), "DEFINED");
    }

    @Override
    public synchronized void remove(String vm) {
        stop(vm);
        defined.remove(vm);
        changed(vm, "REMOVED");
    }

    @Override
    public synchronized void start(String vm) {
        if (!defined.containsKey(vm)) {
            throw new IllegalArgumentException("no VM named '" + vm + "' on " + host);
        }
        if (running.add(vm)) {
            changed(vm, "STARTED");
        }
    }

    @Override
    public synchronized void stop(String vm) {
        if (running.remove(vm)) {
            changed(vm, "STOPPED");
        }
    }

    @Override
    public synchronized void fence(String vm, boolean fence) {
        if (fence ? fenced.add(vm) : fenced.remove(vm)) {
            changed(vm, fence ? "FENCED" : "UNFENCED");
        }
    }

    private void changed(String vm, String what) {
        changes.add(new Change(vm, what, System.nanoTime()));
        ledger.acting(host, vm, running.contains(vm) && !fenced.contains(vm));
        notifyAll();
    }
}
