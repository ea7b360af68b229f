package org.nicmanager.dos.engine;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.nicmanager.kernel.api.dos.DosResponse;
import org.nicmanager.kernel.api.dos.DosTopics;
import org.nicmanager.kernel.api.vm.Alerter;

/**
 * Runs responses and their undoing, raising an alert for each (event, log line, notifiers): what was done, or why it
 * could not be. World thread.
 */
public final class Responses {

    private final Map<DosResponse, Responder> responders;
    private final Alerter alerter;

    public Responses(Map<DosResponse, Responder> responders, Alerter alerter) {
        this.responders = new EnumMap<>(DosResponse.class);
        this.responders.putAll(responders);
        this.alerter = alerter;
    }

    AppliedResponse apply(DosResponse response, Victim victim, long nowNanos) {
        Responder responder = responders.get(response);
        AppliedResponse applied;
        Map<String, Object> properties = new HashMap<>();
        properties.put(DosTopics.RESPONSE_NAME, response.name());
        if (responder == null) {
            applied = new AppliedResponse(response, "no responder for " + response, nowNanos, true, null);
        } else {
            try {
                Responder.Outcome outcome = responder.apply(victim);
                outcome.properties().forEach(properties::putIfAbsent);
                applied = new AppliedResponse(response, outcome.details(), nowNanos, false, outcome.undo());
            } catch (IllegalArgumentException refused) {
                // Refused (e.g. the alternate uplink is gone): recorded and alerted, and the escalation goes on.
                applied = new AppliedResponse(response, refused.getMessage(), nowNanos, true, null);
            }
        }
        alerter.raise(DosTopics.RESPONSE, victim.vm(), response + (applied.failed() ? " FAILED" : "") + " for VM "
                + victim.vm() + " under " + victim.attack() + ": " + applied.details(), properties);
        return applied;
    }

    void undo(AppliedResponse applied, String vm, long nowNanos) {
        String details;
        try {
            details = applied.undo(nowNanos);
        } catch (IllegalArgumentException refused) {
            details = "could not be undone: " + refused.getMessage();
        }
        alerter.raise(DosTopics.RESPONSE_UNDONE, vm, applied.response() + " for VM " + vm + " undone, the attack"
                + " being over: " + details, Map.of(DosTopics.RESPONSE_NAME, applied.response().name()));
    }
}
