package org.nicmanager.kernel.api.resource;

/** The resource manager's decision for one outgoing frame (patent step 810). */
public enum Decision {
    SEND, QUEUE, DROP
}
