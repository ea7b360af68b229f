package org.nicmanager.cluster.zk;

import java.util.List;

import org.nicmanager.cluster.LocalVms;
import org.nicmanager.cluster.VmDefinition;

/** A host with no VM services: it mirrors nothing and owns nothing. */
enum NoVms implements LocalVms {
    INSTANCE;

    @Override
    public List<VmDefinition> definitions() {
        return List.of();
    }

    @Override
    public boolean running(String vm) {
        return false;
    }

    @Override
    public void define(VmDefinition definition) {
        // nothing to mirror into
    }

    @Override
    public void remove(String vm) {
        // nothing here
    }

    @Override
    public void start(String vm) {
        throw new IllegalStateException("this host runs no VMs");
    }

    @Override
    public void stop(String vm) {
        // nothing runs here
    }

    @Override
    public void fence(String vm, boolean fenced) {
        // nothing sends here
    }
}
