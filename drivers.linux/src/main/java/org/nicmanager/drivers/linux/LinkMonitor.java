package org.nicmanager.drivers.linux;

import org.nicmanager.drivers.linux.nativeio.LinkNotifications;
import org.nicmanager.drivers.linux.nativeio.WakeUp;
import org.nicmanager.kernel.api.time.NetworkWorld;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Link state from the kernel's rtnetlink notifications, on a thread of its own ("linux link monitor"): when an
 * interface a Linux NIC runs on loses or regains its carrier ({@code ip link set PEER down} on a veth, a pulled
 * cable), the NIC's state changes on the world thread at once, and its listener (a bond) is told. An interface that
 * is deleted takes its NIC away: the kernel sees a NIC removal, and a bond fails over. No polling.
 */
@Component(service = LinkMonitor.class, immediate = true)
public final class LinkMonitor {

    private final NetworkWorld world;
    private final LinuxNicRegistry registry;
    private final LinkNotifications notifications;
    private final WakeUp stop = new WakeUp("the link monitor");
    private final Thread thread;
    private volatile boolean running = true;

    @Activate
    public LinkMonitor(@Reference NetworkWorld world, @Reference LinuxNicRegistry registry) {
        this.world = world;
        this.registry = registry;
        this.notifications = new LinkNotifications();
        this.thread = new Thread(this::watch, "linux link monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            if (!notifications.await(stop)) {
                notifications.read(this::linkChanged);
            }
        }
    }

    private void linkChanged(int interfaceIndex, boolean carrier, boolean removed) {
        registry.onInterface(interfaceIndex).ifPresent(nic -> world.post(() -> nic.carrierChanged(carrier)));
        if (removed) {
            registry.interfaceGone(interfaceIndex);
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        stop.signal();
        thread.join(10_000);
        if (!thread.isAlive()) {
            notifications.close();
            stop.close();
        }
    }
}
