package org.nicmanager.host.launcher.scenario;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.nicmanager.kernel.api.nic.NicCounters;
import org.nicmanager.kernel.api.nic.NicInfo;
import org.nicmanager.kernel.api.nic.NicInventory;
import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Records a scenario while a script runs: every NIC's and VM's counters each time {@link #sample()} is called (between
 * the steps of a virtual-clock advance, or periodically on the real clock), and the state-change events
 * ({@code nicmgr/*}) as markers. Sampling adds no timer and no work to the world; it reads the NICs in one world action
 * and the VMs through {@code vnic:list}, so it must not be called on the world thread. Used only by {@code --script}
 * runs.
 */
public final class ScenarioRecorder {

    /** Outside {@code nicmgr/*}, so that no other subscriber sees it. */
    private static final String FLUSH_TOPIC = "org/nicmanager/launcher/RECORDING_FLUSHED";
    private static final long FLUSH_TIMEOUT_MILLIS = 2_000;

    private final NetworkWorld world;
    private final KernelScheduler scheduler;
    private final NicInventory inventory;
    private final EventAdmin events;
    private final VmCounters vms;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final CountDownLatch flushed = new CountDownLatch(1);
    private final ServiceRegistration<EventHandler> handler;
    private final long start;

    public ScenarioRecorder(BundleContext context, NetworkWorld world, KernelScheduler scheduler,
            NicInventory inventory, EventAdmin events, CommandProcessor processor, long sampleNanos) {
        this.world = world;
        this.scheduler = scheduler;
        this.inventory = inventory;
        this.events = events;
        this.vms = new VmCounters(processor, sampleNanos);
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {"nicmgr/*", FLUSH_TOPIC});
        this.handler = context.registerService(EventHandler.class, this::eventSeen, topics);
        this.start = scheduler.nanoTime();
        sample();
    }

    /** Samples every NIC and VM now. Not on the world thread. */
    public void sample() {
        List<Sample> taken = new ArrayList<>(world.call(this::nics));
        taken.addAll(vms.read(taken.isEmpty() ? scheduler.nanoTime() : taken.get(0).time()));
        synchronized (samples) {
            samples.addAll(taken);
        }
    }

    /** Every NIC at one moment; on the world thread. */
    private List<Sample> nics() {
        long now = scheduler.nanoTime();
        List<Sample> taken = new ArrayList<>();
        for (NicInfo info : inventory.nics()) {
            inventory.nic(info.name()).ifPresent(nic -> {
                NicCounters counters = nic.counters();
                taken.add(new Sample(now, Sample.NIC, info.name(), counters.txFrames(), counters.txBytes(),
                        counters.rxFrames(), counters.rxBytes(), Double.NaN));
            });
        }
        return taken;
    }

    private void eventSeen(Event event) {
        if (event.getTopic().equals(FLUSH_TOPIC)) {
            flushed.countDown();
            return;
        }
        Object time = event.getProperty("time");
        Object subject = firstOf(event, "subject", "vm", "bond.name", "nic.name", "target", "name");
        Object nic = event.getProperty("nic.name");
        synchronized (markers) {
            markers.add(new Marker(time instanceof Number number ? number.longValue() : scheduler.nanoTime(),
                    event.getTopic(), subject == null ? "-" : subject.toString(), nic == null ? null : nic.toString()));
        }
    }

    private static Object firstOf(Event event, String... keys) {
        for (String key : keys) {
            if (event.getProperty(key) != null) {
                return event.getProperty(key);
            }
        }
        return null;
    }

    /**
     * Takes a last sample, waits until the events posted so far have arrived (events from one thread arrive in
     * order, so a flush event posted from the world thread comes after them), and stops.
     */
    public Recording finish() throws InterruptedException {
        try {
            sample();
            world.run(() -> events.postEvent(new Event(FLUSH_TOPIC, Map.<String, Object>of())));
            flushed.await(FLUSH_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            handler.unregister();
            vms.close();
        }
        List<Marker> seen;
        synchronized (markers) {
            seen = new ArrayList<>(markers);
        }
        seen.sort((a, b) -> Long.compare(a.time(), b.time()));
        synchronized (samples) {
            return new Recording(start, samples, seen);
        }
    }
}
