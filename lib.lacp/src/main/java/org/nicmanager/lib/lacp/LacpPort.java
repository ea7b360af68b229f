package org.nicmanager.lib.lacp;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One aggregation port's LACP (IEEE 802.1AX-2014 6.4): the receive machine (6.4.12), periodic transmission (6.4.13,
 * {@link PeriodicTransmission}), the mux machine with independent control of collecting and distributing (6.4.15,
 * Figure 6-21) and the transmit machine with its limit of three LACPDUs per Fast_Periodic_Time (6.4.16,
 * {@link TransmitLimit}). Selection (6.4.14) belongs to the {@link LacpPortOwner}: it sets {@link #setSelected} and
 * answers {@link LacpPortOwner#aggregatorReady}.
 *
 * <p>Time comes only from the kernel's timers, made once here and re-armed, so a virtual clock tests every timeout.
 * Call every method on the network world's thread. Events are applied at once and the machines then run until
 * nothing changes ({@link #settle}); a callback that reaches back into this port only makes it run once more.
 */
@ProviderType
public final class LacpPort {

    private static final int DYNAMIC_BITS = LacpState.SYNCHRONIZATION | LacpState.COLLECTING
            | LacpState.DISTRIBUTING | LacpState.DEFAULTED | LacpState.EXPIRED;

    private final KernelScheduler scheduler;
    private final String name;
    private final LacpPortConfig config;
    private final LacpPortOwner owner;
    private final Timer currentWhile;
    private final PeriodicTransmission periodic;
    private final Timer waitWhile;
    private final TransmitLimit transmitter;
    private boolean enabled;
    private LacpRxState rx = LacpRxState.INITIALIZE;
    private LacpMuxState mux = LacpMuxState.DETACHED;
    private LacpSelection selected = LacpSelection.UNSELECTED;
    /** Actor_Oper_Port_State's dynamic bits; the administrative ones come from the configuration. */
    private int actorState;
    private LacpParticipant partner = LacpParticipant.NONE;
    private boolean ntt;
    private boolean readyN;
    private boolean settling;
    private boolean settleAgain;
    private int reportedBits;
    private long pdusReceived;
    private long pdusSent;
    private long transmitFailures;
    private long lastReceivedNanos = -1;

    /** A port whose link is down, with default partner information; {@link #setEnabled} brings it up. */
    public LacpPort(KernelScheduler scheduler, String name, LacpPortConfig config, LacpPortOwner owner) {
        this.scheduler = scheduler;
        this.name = name;
        this.config = config;
        this.owner = owner;
        this.currentWhile = scheduler.newTimer("LACP " + name + " current_while", this::currentWhileExpired);
        this.periodic = new PeriodicTransmission(scheduler, name, this::periodicExpired);
        this.waitWhile = scheduler.newTimer("LACP " + name + " wait_while", this::waitWhileExpired);
        this.transmitter = new TransmitLimit(scheduler, name, this::transmitNow);
        // INITIALIZE, then PORT_DISABLED; the mux machine begins DETACHED with NTT set.
        recordDefault();
        rx = LacpRxState.PORT_DISABLED;
        ntt = true;
    }

    // --- events ------------------------------------------------------------------------------------------------

    /**
     * The link came up or went down (port_enabled). A port whose link is down belongs to no aggregator: it becomes
     * UNSELECTED, so its mux machine detaches (6.4.14, 6.4.15) rather than staying ATTACHED on a dead link, as Linux
     * bonding's does too. When the link returns, the owner's selection logic places it again, and it waits
     * Aggregate_Wait_Time before it attaches.
     */
    public void setEnabled(boolean up) {
        if (up == enabled) {
            return;
        }
        enabled = up;
        if (up) {
            enterExpired(); // PORT_DISABLED -> EXPIRED: the partner gets one short timeout to speak
        } else {
            rx = LacpRxState.PORT_DISABLED;
            partner = partner.withState(partner.state() & ~LacpState.SYNCHRONIZATION);
            selected = LacpSelection.UNSELECTED;
            currentWhile.cancel();
            transmitter.cancel();
        }
        settle();
        if (up) {
            owner.selectionNeeded(this);
            settle();
        }
    }

    /** A valid LACPDU arrived on this port's link (the receive machine's CURRENT state, 6.4.12). */
    public void received(Lacpdu pdu) {
        if (!enabled) {
            return;
        }
        pdusReceived++;
        lastReceivedNanos = scheduler.nanoTime();
        boolean partnerChanged = !pdu.actor().sameLink(partner); // update_Selected
        if (partnerChanged) {
            selected = LacpSelection.UNSELECTED;
        }
        updateNtt(pdu);
        recordPdu(pdu);
        currentWhile.armAfter(config.shortTimeout() ? LacpTimes.SHORT_TIMEOUT_NANOS : LacpTimes.LONG_TIMEOUT_NANOS);
        actorState &= ~LacpState.EXPIRED;
        rx = LacpRxState.CURRENT;
        if (partnerChanged) {
            settle(); // detach from the old aggregator before the owner picks a new one
            owner.selectionNeeded(this);
        }
        settle();
    }

    /** The owner's selection logic placed this port (6.4.14); the mux machine follows. */
    public void setSelected(LacpSelection selection) {
        selected = selection;
        settle();
    }

    /** Runs the machines again, e.g. when the aggregator became Ready or a transmit may succeed now. */
    public void runMachines() {
        settle();
    }

    /** The port goes away: every timer stops. */
    public void close() {
        enabled = false;
        currentWhile.cancel();
        periodic.cancel();
        waitWhile.cancel();
        transmitter.cancel();
    }

    // --- the receive machine (6.4.12) ----------------------------------------------------------------------------

    private void enterExpired() {
        partner = partner.withState((partner.state() & ~LacpState.SYNCHRONIZATION) | LacpState.TIMEOUT);
        currentWhile.armAfter(LacpTimes.SHORT_TIMEOUT_NANOS);
        actorState |= LacpState.EXPIRED;
        rx = LacpRxState.EXPIRED;
    }

    private void currentWhileExpired() {
        if (rx == LacpRxState.CURRENT) {
            enterExpired();
            settle();
        } else if (rx == LacpRxState.EXPIRED) {
            boolean partnerChanged = !partner.sameLink(LacpParticipant.NONE); // update_Default_Selected
            if (partnerChanged) {
                selected = LacpSelection.UNSELECTED;
            }
            recordDefault();
            actorState &= ~LacpState.EXPIRED;
            rx = LacpRxState.DEFAULTED;
            settle();
            if (partnerChanged) {
                owner.selectionNeeded(this);
                settle();
            }
        }
    }

    /** recordPDU (6.4.9): the PDU's actor becomes our partner; it is in sync only if it has us right. */
    private void recordPdu(Lacpdu pdu) {
        LacpParticipant sender = pdu.actor();
        boolean matched = pdu.partner().sameLink(actorInfo()) || !sender.has(LacpState.AGGREGATION);
        boolean someoneActive = sender.has(LacpState.ACTIVITY)
                || config.active() && pdu.partner().has(LacpState.ACTIVITY);
        boolean inSync = matched && someoneActive && sender.has(LacpState.SYNCHRONIZATION);
        partner = sender.withState(LacpState.with(sender.state(), LacpState.SYNCHRONIZATION, inSync));
        actorState &= ~LacpState.DEFAULTED;
    }

    /** recordDefault (6.4.9): the partner is the administrative default, which nothing can aggregate with. */
    private void recordDefault() {
        partner = LacpParticipant.NONE;
        actorState |= LacpState.DEFAULTED;
    }

    /** update_NTT (6.4.9): the partner has us wrong, so tell it now rather than at the next period. */
    private void updateNtt(Lacpdu pdu) {
        LacpParticipant seen = pdu.partner();
        LacpParticipant actor = actorInfo();
        int compared = LacpState.ACTIVITY | LacpState.TIMEOUT | LacpState.SYNCHRONIZATION | LacpState.AGGREGATION;
        if (!seen.sameLink(actor) || (seen.state() & compared) != (actor.state() & compared)) {
            ntt = true;
        }
    }

    // --- periodic transmission (6.4.13) ----------------------------------------------------------------------------

    private void runPeriodic() {
        boolean on = enabled && (config.active() || partner.has(LacpState.ACTIVITY));
        if (periodic.run(on, partner.has(LacpState.TIMEOUT))) {
            ntt = true; // PERIODIC_TX: a partner that wants the short timeout hears from us now
        }
    }

    private void periodicExpired() {
        ntt = true; // PERIODIC_TX
        periodic.expired(partner.has(LacpState.TIMEOUT));
        settle();
    }

    // --- the mux machine, independent control (6.4.15) ---------------------------------------------------------------

    /** One transition, if any applies; true when the state changed. */
    private boolean muxStep() {
        boolean partnerSync = partner.has(LacpState.SYNCHRONIZATION);
        switch (mux) {
            case DETACHED:
                if (selected != LacpSelection.UNSELECTED) {
                    readyN = false;
                    waitWhile.armAfter(LacpTimes.AGGREGATE_WAIT_NANOS);
                    return enterMux(LacpMuxState.WAITING);
                }
                return false;
            case WAITING:
                if (selected == LacpSelection.UNSELECTED) {
                    return enterDetached();
                }
                if (selected == LacpSelection.SELECTED && readyN && owner.aggregatorReady(this)) {
                    actorState = (actorState | LacpState.SYNCHRONIZATION) & ~LacpState.COLLECTING;
                    ntt = true;
                    return enterMux(LacpMuxState.ATTACHED);
                }
                return false;
            case ATTACHED:
                if (selected != LacpSelection.SELECTED) {
                    return enterDetached();
                }
                if (partnerSync) {
                    return enterCollecting();
                }
                return false;
            case COLLECTING:
                if (selected != LacpSelection.SELECTED || !partnerSync) {
                    actorState = (actorState | LacpState.SYNCHRONIZATION) & ~LacpState.COLLECTING;
                    ntt = true;
                    return enterMux(LacpMuxState.ATTACHED);
                }
                if (partner.has(LacpState.COLLECTING)) {
                    actorState |= LacpState.DISTRIBUTING;
                    ntt = true; // not required by 6.4.15, but the partner then sees it at once, as Linux does
                    return enterMux(LacpMuxState.DISTRIBUTING);
                }
                return false;
            case DISTRIBUTING:
                if (selected != LacpSelection.SELECTED || !partnerSync || !partner.has(LacpState.COLLECTING)) {
                    return enterCollecting();
                }
                return false;
            default:
                throw new IllegalStateException("unknown mux state " + mux);
        }
    }

    private boolean enterDetached() {
        actorState &= ~(LacpState.SYNCHRONIZATION | LacpState.COLLECTING | LacpState.DISTRIBUTING);
        ntt = true;
        waitWhile.cancel();
        readyN = false;
        return enterMux(LacpMuxState.DETACHED);
    }

    private boolean enterCollecting() {
        actorState = (actorState | LacpState.COLLECTING) & ~LacpState.DISTRIBUTING;
        ntt = true;
        return enterMux(LacpMuxState.COLLECTING);
    }

    private boolean enterMux(LacpMuxState next) {
        mux = next;
        return true;
    }

    private void waitWhileExpired() {
        readyN = true;
        owner.waitEnded(this);
        settle();
    }

    // --- running the machines and the transmit machine (6.4.16) ------------------------------------------------------

    private void settle() {
        if (settling) {
            settleAgain = true;
            return;
        }
        settling = true;
        try {
            do {
                settleAgain = false;
                runPeriodic();
                while (muxStep()) {
                    // each step may enable the next
                }
                int bits = actorState & (LacpState.SYNCHRONIZATION | LacpState.COLLECTING | LacpState.DISTRIBUTING);
                if (bits != reportedBits) {
                    reportedBits = bits;
                    owner.muxChanged(this);
                }
                transmitIfNeeded();
            } while (settleAgain);
        } finally {
            settling = false;
        }
    }

    /** The transmit machine (6.4.16): NTT is served by {@link TransmitLimit}, within the rate limit. */
    private void transmitIfNeeded() {
        if (ntt && enabled && periodic.sending()) {
            transmitter.request(); // passive towards a passive (or unheard) partner says nothing
        }
    }

    private void transmitNow() {
        if (!ntt || !enabled || !periodic.sending()) {
            return;
        }
        ntt = false; // before the owner sends: a reply that arrives during the call may set it again
        if (owner.transmit(this, new Lacpdu(actorInfo(), partner, 0))) {
            pdusSent++;
            transmitter.sent();
        } else {
            ntt = true; // the next period, or the owner's runMachines, tries again
            transmitFailures++;
        }
    }

    public String name() {
        return name;
    }

    public LacpPortConfig config() {
        return config;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The actor's information as the next LACPDU carries it. */
    public LacpParticipant actorInfo() {
        return new LacpParticipant(config.systemPriority(), config.system(), config.key(), config.portPriority(),
                config.port(), config.adminState() | actorState & DYNAMIC_BITS);
    }

    public LacpParticipant partnerInfo() {
        return partner;
    }

    public LacpRxState rxState() {
        return rx;
    }

    public LacpMuxState muxState() {
        return mux;
    }

    public LacpSelection selected() {
        return selected;
    }

    /** True while the port waits to attach and its own Aggregate_Wait_Time has not run out. */
    public boolean waitingToAttach() {
        return mux == LacpMuxState.WAITING && !readyN;
    }

    public boolean collecting() {
        return (actorState & LacpState.COLLECTING) != 0;
    }

    public boolean distributing() {
        return (actorState & LacpState.DISTRIBUTING) != 0;
    }

    /** True when the partner information came from an LACPDU (current or expiring), not from the defaults. */
    public boolean partnerHeard() {
        return (actorState & LacpState.DEFAULTED) == 0;
    }

    /** The aggregation group this link belongs to, for the owner's selection logic. */
    public LagId lagId() {
        return LagId.of(config, partner);
    }

    public LacpPortStatus status() {
        return new LacpPortStatus(name, rx, mux, periodic.state(), selected, actorInfo(), partner, lagId(),
                pdusReceived, pdusSent, transmitFailures, lastReceivedNanos);
    }

    @Override
    public String toString() {
        return "LacpPort[" + name + " " + rx + " " + mux + "]";
    }
}
