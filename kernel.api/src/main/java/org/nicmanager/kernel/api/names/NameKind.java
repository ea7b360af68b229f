package org.nicmanager.kernel.api.names;

/**
 * What a name stands for. Kinds are added in minor versions of this package (bonds, real guests and remote peers are
 * foreseen), so a consumer that switches over them keeps a default branch.
 */
public enum NameKind {

    /** A virtual machine; its MACs are those of its virtual NICs, in the order they were added. */
    VM("VMs"),
    /** A VM's virtual NIC, with the MAC its guest sends from. */
    VNIC("vNICs"),
    /** A host outside the server: a simulated external host, an attacker, later a real peer. */
    HOST("hosts"),
    /** A physical NIC of this server, as the kernel's inventory or the simulated world knows it. */
    NIC("NICs"),
    /** A switch of the (simulated) physical network. */
    SWITCH("switches"),
    /** Another server of the cluster, which VMs can migrate to. */
    REMOTE_HOST("remote hosts"),
    /** A MAC that no source claims: resolving one gives an entry of this kind, named by the MAC itself. */
    ADDRESS("unclaimed MACs");

    private final String plural;

    NameKind(String plural) {
        this.plural = plural;
    }

    /** How a listing heads names of this kind, e.g. {@code VMs} or {@code hosts}. */
    public String plural() {
        return plural;
    }
}
