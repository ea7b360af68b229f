package org.nicmanager.dos.response;

import org.nicmanager.dos.engine.Responder;
import org.nicmanager.dos.engine.Victim;

/**
 * Holding back receive interrupts for suspicious frames ([0130]). The hold itself happens on the frame path, for every
 * suspicious frame of a VM whose policy lists it, from the first such frame on (the assessment comes before any
 * verdict); as a response it records that the hold is part of the VM's defence.
 */
public final class HoldInterrupts implements Responder {

    @Override
    public Outcome apply(Victim victim) {
        return new Outcome("suspicious frames to VM " + victim.vm() + " wait up to "
                + victim.policy().assessmentWindowMs() + " ms for their receive interrupt", null);
    }
}
