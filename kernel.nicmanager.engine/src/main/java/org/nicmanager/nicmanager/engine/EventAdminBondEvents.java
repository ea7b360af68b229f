package org.nicmanager.nicmanager.engine;

import java.util.HashMap;
import java.util.Map;

import org.nicmanager.kernel.api.teaming.BondTopics;
import org.nicmanager.kernel.api.time.KernelClock;
import org.nicmanager.kernel.api.vnic.VnicTopics;
import org.nicmanager.nicmanager.bond.FailoverEvent;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts bond changes on EventAdmin ({@link BondTopics}), asynchronously, so the world thread never waits. */
public final class EventAdminBondEvents implements BondEvents {

    private final EventAdmin events;
    private final KernelClock clock;

    public EventAdminBondEvents(EventAdmin events, KernelClock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void bondChanged(String what, String bond, String policy) {
        Map<String, Object> properties = properties(bond, clock.nanoTime());
        properties.put(BondTopics.POLICY, policy);
        events.postEvent(new Event(BondTopics.PREFIX + what, properties));
    }

    @Override
    public void memberChanged(String what, String bond, String nic) {
        Map<String, Object> properties = properties(bond, clock.nanoTime());
        properties.put(BondTopics.NIC, nic);
        events.postEvent(new Event(BondTopics.PREFIX + what, properties));
    }

    @Override
    public void failover(String bond, FailoverEvent event) {
        Map<String, Object> properties = properties(bond, event.atNanos());
        properties.put(BondTopics.NIC, event.member());
        properties.put(BondTopics.REASON, event.reason().name());
        if (event.details() != null) {
            properties.put(BondTopics.DETAILS, event.details());
        }
        events.postEvent(new Event(switch (event.reason()) {
            case FAILBACK -> BondTopics.FAILBACK;
            case LOAD_MOVED -> BondTopics.PORT_MOVED;
            default -> BondTopics.FAILOVER;
        }, properties));
    }

    @Override
    public void mtuMismatch(String bond, String nic, int nicMtuBytes, int bondMtuBytes, String details) {
        Map<String, Object> properties = properties(bond, clock.nanoTime());
        properties.put(BondTopics.NIC, nic);
        properties.put(BondTopics.NIC_MTU_BYTES, nicMtuBytes);
        properties.put(BondTopics.MTU_BYTES, bondMtuBytes);
        properties.put(BondTopics.DETAILS, details);
        events.postEvent(new Event(BondTopics.MTU_MISMATCH, properties));
    }

    @Override
    public void policyFallback(String bond, String policy, String wanted, String details) {
        Map<String, Object> properties = properties(bond, clock.nanoTime());
        properties.put(BondTopics.POLICY, policy);
        properties.put(BondTopics.WANTED_POLICY, wanted);
        properties.put(BondTopics.DETAILS, details);
        events.postEvent(new Event(BondTopics.POLICY_FALLBACK, properties));
    }

    @Override
    public void policyRestored(String bond, String policy, String details) {
        Map<String, Object> properties = properties(bond, clock.nanoTime());
        properties.put(BondTopics.POLICY, policy);
        properties.put(BondTopics.DETAILS, details);
        events.postEvent(new Event(BondTopics.POLICY_RESTORED, properties));
    }

    private static Map<String, Object> properties(String bond, long atNanos) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(BondTopics.BOND, bond);
        properties.put(BondTopics.TIME, atNanos);
        return properties;
    }

    @Override
    public void securityChanged(String vm, int port, String details) {
        events.postEvent(new Event(VnicTopics.SECURITY_CHANGED, vnicProperties(vm, port, details)));
    }

    @Override
    public void guestMacChanged(String vm, int port, boolean accepted, String details) {
        Map<String, Object> properties = vnicProperties(vm, port, details);
        properties.put(VnicTopics.ACCEPTED, accepted);
        events.postEvent(new Event(VnicTopics.GUEST_MAC_CHANGED, properties));
    }

    @Override
    public void guestPromiscuousChanged(String vm, int port, boolean promiscuous, boolean accepted, String details) {
        Map<String, Object> properties = vnicProperties(vm, port, details);
        properties.put(VnicTopics.PROMISCUOUS, promiscuous);
        properties.put(VnicTopics.ACCEPTED, accepted);
        events.postEvent(new Event(VnicTopics.GUEST_PROMISCUOUS_CHANGED, properties));
    }

    @Override
    public void securityDrops(String vm, int port, String drops) {
        events.postEvent(new Event(VnicTopics.SECURITY_DROPS, vnicProperties(vm, port, drops)));
    }

    private Map<String, Object> vnicProperties(String vm, int port, String details) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(VnicTopics.TIME, clock.nanoTime());
        properties.put(VnicTopics.VM, vm);
        properties.put(VnicTopics.PORT, port);
        properties.put(VnicTopics.DETAILS, details);
        return properties;
    }
}
