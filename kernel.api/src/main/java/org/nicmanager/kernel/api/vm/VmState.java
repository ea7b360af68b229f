package org.nicmanager.kernel.api.vm;

/** A VM's lifecycle state. */
public enum VmState {
    CREATED, RUNNING, SUSPENDED, STOPPED
}
