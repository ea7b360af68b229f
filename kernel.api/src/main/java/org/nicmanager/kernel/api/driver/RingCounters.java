package org.nicmanager.kernel.api.driver;

/**
 * What a ring has carried. Every frame offered is either refused or, later, delivered; the difference is in the ring.
 *
 * @param offered frames the producer put in the ring
 * @param refusedFull frames refused because the ring was full, plus frames a closing ring still held
 * @param delivered frames handed to the consumer's side: a receive handler, or a transmit completion
 * @param wakeUps times a publish had to wake the consumer; offered / wakeUps is the mean batch
 */
public record RingCounters(long offered, long refusedFull, long delivered, long wakeUps) {
}
