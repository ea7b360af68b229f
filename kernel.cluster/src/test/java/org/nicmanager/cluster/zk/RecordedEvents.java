package org.nicmanager.cluster.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.nicmanager.cluster.ClusterEvents;

/** The cluster events one node posted, each stamped with System.nanoTime() when it was posted. */
final class RecordedEvents implements ClusterEvents {

    record Posted(String topic, String subject, String details, long nanos) {
    }

    private final List<Posted> posted = new ArrayList<>();

    @Override
    public synchronized void post(String topic, String subject, String details) {
        posted.add(new Posted(topic, subject, details, System.nanoTime()));
        notifyAll();
    }

    synchronized List<Posted> all() {
        return List.copyOf(posted);
    }

    /** The first event posted of that topic and subject, waiting for it up to {@code seconds}. */
    synchronized Optional<Posted> await(String topic, String subject, long seconds) throws InterruptedException {
        return awaitMatching(event -> event.topic().equals(topic) && event.subject().equals(subject), seconds);
    }

    synchronized Optional<Posted> awaitMatching(Predicate<Posted> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Optional<Posted> found = posted.stream().filter(wanted).findFirst();
            long left = deadline - System.nanoTime();
            if (found.isPresent() || left <= 0) {
                return found;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
