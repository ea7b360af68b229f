package org.nicmanager.cluster.zk;

/** A piece of the cluster's work that may fail with ZooKeeper's checked exceptions. */
@FunctionalInterface
interface Step {

    void run() throws Exception;
}
