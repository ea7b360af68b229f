package org.nicmanager.lib.lacp;

import org.nicmanager.kernel.api.time.KernelScheduler;
import org.nicmanager.kernel.api.time.Timer;

/**
 * One port's periodic transmission machine (IEEE 802.1AX-2014 6.4.13): whether the actor sends LACPDUs at all, and
 * every Fast_Periodic_Time or Slow_Periodic_Time, by the timeout the partner asks for. The port owns the NTT flag;
 * this machine tells it when to set it. World thread only.
 */
final class PeriodicTransmission {

    private final Timer timer;
    private LacpPeriodicState state = LacpPeriodicState.NO_PERIODIC;

    /** @param expired runs when the period ran out (PERIODIC_TX): the port sets NTT and calls {@link #expired} */
    PeriodicTransmission(KernelScheduler scheduler, String portName, Runnable expired) {
        this.timer = scheduler.newTimer("LACP " + portName + " periodic", expired);
    }

    LacpPeriodicState state() {
        return state;
    }

    /** True while the actor sends LACPDUs: NO_PERIODIC says nothing, towards a passive or unheard partner. */
    boolean sending() {
        return state != LacpPeriodicState.NO_PERIODIC;
    }

    /**
     * Runs the machine.
     *
     * @param on the port is enabled, and either end is active
     * @param partnerShort the partner asks for the short timeout
     * @return true when NTT must be set now: a partner that wants the short timeout hears from us at once
     */
    boolean run(boolean on, boolean partnerShort) {
        if (!on) {
            state = LacpPeriodicState.NO_PERIODIC;
            timer.cancel();
            return false;
        }
        if (state == LacpPeriodicState.NO_PERIODIC) {
            enter(LacpPeriodicState.FAST_PERIODIC);
        }
        if (state == LacpPeriodicState.FAST_PERIODIC && !partnerShort) {
            enter(LacpPeriodicState.SLOW_PERIODIC);
        } else if (state == LacpPeriodicState.SLOW_PERIODIC && partnerShort) {
            enter(LacpPeriodicState.FAST_PERIODIC);
            return true;
        }
        return false;
    }

    /** The period ran out: the next one by the partner's timeout. */
    void expired(boolean partnerShort) {
        enter(partnerShort ? LacpPeriodicState.FAST_PERIODIC : LacpPeriodicState.SLOW_PERIODIC);
    }

    void cancel() {
        timer.cancel();
    }

    private void enter(LacpPeriodicState next) {
        state = next;
        timer.armAfter(next == LacpPeriodicState.FAST_PERIODIC ? LacpTimes.FAST_PERIODIC_NANOS
                : LacpTimes.SLOW_PERIODIC_NANOS);
    }
}
