package org.nicmanager.sim.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nicmanager.sim.network.model.SimHarness.MICROS;
import static org.nicmanager.sim.network.model.SimHarness.MILLIS;

import org.junit.jupiter.api.Test;
import org.nicmanager.lib.units.Rate;

/**
 * Every frame is accounted for: in a run with tail drops, a pulled cable and flooding, the frames hosts put on the
 * wire equal the frames hosts received (or filtered) plus every counted drop plus what is still queued or in flight.
 */
class AccountingTest {

    /** Totals over the whole world at one instant. */
    private record Ledger(long sent, long received, long dropped, long queued) {
        static Ledger of(SimulatedNetwork net) {
            long sent = 0;
            long received = 0;
            long dropped = 0;
            long queued = 0;
            for (String host : new String[] {"h1", "h2", "h3"}) {
                HostStats stats = net.hostStats(host);
                sent += stats.txFrames();
                received += stats.rxFrames() + stats.rxDropsNotForUs();
            }
            for (PortStats port : net.switchPorts("sw")) {
                dropped += port.dropsQueueFull() + port.dropsLinkDown() + port.dropsNoBuffer() + port.dropsFiltered();
                queued += port.queuedFrames();
            }
            for (TopologyView.LinkView link : net.topology().links()) {
                dropped += link.lostFrames();
                queued += link.inFlightFrames();
            }
            return new Ledger(sent, received, dropped, queued);
        }

        Ledger minus(Ledger base) {
            return new Ledger(sent - base.sent, received - base.received, dropped - base.dropped, queued - base.queued);
        }
    }

    @Test
    void offeredEqualsDeliveredPlusDropsPlusQueued() {
        try (SimHarness sim = new SimHarness(SimHarness.TEST_SETTINGS.withSwitchEgressQueueFrames(16), 3)) {
            sim.run(() -> {
                sim.net.addSwitch("sw", 4);
                for (String host : new String[] {"h1", "h2", "h3"}) {
                    sim.net.addHost(host, "sw", -1, 0, 1_000_000_000L);
                }
            });
            SwitchTest.send(sim, "h3", "h1", 1); // learn h3, so that what follows is not flooded in copies
            Ledger base = sim.call(() -> Ledger.of(sim.net));
            sim.run(() -> {
                for (String sender : new String[] {"h1", "h2"}) {
                    sim.net.startTraffic(sender, new TrafficSpec("h3", Rate.parse("1Gbps"), 300, 3,
                            TrafficPattern.POISSON, 1, 0));
                }
            });
            sim.advance(3 * MILLIS);
            sim.run(() -> sim.net.unplug("h3"));
            sim.advance(MILLIS + 777); // an odd instant: frames are queued and on the wire
            Ledger ledger = sim.call(() -> Ledger.of(sim.net)).minus(base);

            assertTrue(ledger.queued() > 0, "frames are still queued: " + ledger);
            assertTrue(sim.port("sw", 3).dropsQueueFull() > 0, "tail drops happened");
            assertTrue(sim.port("sw", 3).dropsLinkDown() > 0, "the pull flushed the egress queue");
            assertEquals(ledger.sent(), ledger.received() + ledger.dropped() + ledger.queued(), ledger.toString());

            sim.run(() -> {
                sim.net.stopTraffic("h1");
                sim.net.stopTraffic("h2");
            });
            sim.advance(10 * MICROS * ExternalHost.SEND_QUEUE_FRAMES);
            Ledger drained = sim.call(() -> Ledger.of(sim.net)).minus(base);
            assertEquals(0, drained.queued());
            assertEquals(drained.sent(), drained.received() + drained.dropped(), drained.toString());
            assertEquals(0, sim.call(() -> sim.net.buffersInUse()), "every pool buffer came back");
        }
    }
}
