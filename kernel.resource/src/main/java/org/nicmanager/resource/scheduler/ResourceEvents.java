package org.nicmanager.resource.scheduler;

import java.util.Map;

/** Where schedulers announce state changes ({@code ResourceTopics}); called on the control path only. */
@FunctionalInterface
public interface ResourceEvents {

    /**
     * @param subject the VM, or the uplink for capacity events
     * @param uplink the bond or unbonded NIC concerned; null for none (a VM's allocation before it is connected)
     * @param details what happened, for people
     * @param numbers further properties (rates in bits per second, priority)
     */
    void post(String topic, String subject, String uplink, String details, Map<String, Object> numbers);
}
