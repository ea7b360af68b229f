package org.nicmanager.drivers.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

/**
 * This bundle's record of its NICs: which interface each one claims, so that no interface serves two NICs, the NICs
 * running now for {@code linux:list} and the link monitor, and why a configured NIC could not start. Used only inside
 * this bundle; any thread.
 */
@Component(service = LinuxNicRegistry.class)
public final class LinuxNicRegistry {

    public static final int MAX_NAME_LENGTH = 32;
    private static final Pattern NAME_FORM = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    /**
     * A NIC claimed by a configuration; {@code nic} is null until it runs, and {@code whenInterfaceGone} takes it down
     * when its interface is deleted.
     */
    public record Claim(String name, String interfaceName, LinuxNic nic, Runnable whenInterfaceGone) {
    }

    private final Map<String, Claim> claims = new TreeMap<>();
    private final Map<String, String> problems = new TreeMap<>();

    /** Returns {@code name} when it is well formed, else refuses it naming the allowed form. */
    public static String checkName(String name) {
        if (name == null || name.length() > MAX_NAME_LENGTH || !NAME_FORM.matcher(name).matches()) {
            throw new IllegalArgumentException("bad NIC name '" + name + "': a letter, then letters, digits, '.', '_'"
                    + " or '-', at most " + MAX_NAME_LENGTH + " characters (e.g. uplink0)");
        }
        return name;
    }

    /**
     * Claims {@code interfaceName} for the NIC {@code name}.
     *
     * @throws IllegalArgumentException when the name or the interface is taken, naming who holds it
     */
    public synchronized void claim(String name, String interfaceName) {
        if (claims.containsKey(name)) {
            throw new IllegalArgumentException("a Linux NIC named '" + name + "' already exists (on interface '"
                    + claims.get(name).interfaceName() + "'); Linux NICs: " + String.join(", ", claims.keySet()));
        }
        Optional<Claim> holder = holderOf(interfaceName);
        if (holder.isPresent()) {
            throw new IllegalArgumentException("interface '" + interfaceName + "' is already used by NIC '"
                    + holder.get().name() + "'; interfaces in use: " + interfacesInUse());
        }
        claims.put(name, new Claim(name, interfaceName, null, null));
        problems.remove(name);
    }

    public synchronized Optional<Claim> holderOf(String interfaceName) {
        return claims.values().stream().filter(claim -> claim.interfaceName().equals(interfaceName)).findFirst();
    }

    public synchronized String interfacesInUse() {
        List<String> used = new ArrayList<>();
        claims.values().forEach(claim -> used.add(claim.interfaceName() + " (" + claim.name() + ")"));
        return used.isEmpty() ? "none" : String.join(", ", used);
    }

    /** The claimed NIC now runs; {@code whenInterfaceGone} is run, on the link monitor's thread, if it is deleted. */
    synchronized void running(String name, LinuxNic nic, Runnable whenInterfaceGone) {
        Claim claim = claims.get(name);
        if (claim != null) {
            claims.put(name, new Claim(name, claim.interfaceName(), nic, whenInterfaceGone));
        }
    }

    /** The interface of index {@code interfaceIndex} was deleted: its NIC, if any, is taken down. */
    void interfaceGone(int interfaceIndex) {
        Runnable takeDown;
        synchronized (this) {
            takeDown = claims.values().stream().filter(claim -> claim.nic() != null
                    && claim.nic().facts().index() == interfaceIndex).map(Claim::whenInterfaceGone).findFirst()
                    .orElse(null);
        }
        if (takeDown != null) {
            takeDown.run(); // outside the lock: it waits for threads and the world, and then releases the claim
        }
    }

    public synchronized void release(String name) {
        claims.remove(name);
        notifyAll();
    }

    /**
     * Waits until the NIC {@code name} has let its interface go (its threads stopped, its socket closed), so that a
     * command that removed it returns only when the interface can be used again. Answers false on a timeout.
     */
    public synchronized boolean awaitReleased(String name, long timeoutMillis) throws InterruptedException {
        long waitedMillis = 0;
        long stepMillis = Math.max(1, timeoutMillis / 100);
        while (claims.containsKey(name) && waitedMillis < timeoutMillis) {
            wait(stepMillis); // woken by release; the step only bounds the total wait without reading a clock
            waitedMillis += stepMillis;
        }
        return !claims.containsKey(name);
    }

    /** Why the configured NIC {@code name} did not start; kept until it starts or is claimed again. */
    synchronized void recordProblem(String name, String problem) {
        problems.put(name, problem);
    }

    public synchronized Optional<String> problem(String name) {
        return Optional.ofNullable(problems.get(name));
    }

    /** The NICs running now, sorted by name. */
    public synchronized List<LinuxNic> running() {
        return claims.values().stream().map(Claim::nic).filter(nic -> nic != null).toList();
    }

    /** The running NIC on the interface of index {@code interfaceIndex}, if any. */
    public synchronized Optional<LinuxNic> onInterface(int interfaceIndex) {
        return running().stream().filter(nic -> nic.facts().index() == interfaceIndex).findFirst();
    }
}
