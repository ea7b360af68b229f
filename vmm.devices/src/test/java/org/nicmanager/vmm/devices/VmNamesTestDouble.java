package org.nicmanager.vmm.devices;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.nicmanager.kernel.api.frame.MacAddress;
import org.nicmanager.kernel.api.names.NameDirectory;
import org.nicmanager.kernel.api.names.NameEntry;
import org.nicmanager.kernel.api.names.NameKind;
import org.nicmanager.kernel.api.vm.VmRegistry;

/**
 * A name directory that knows the VMs of a registry and takes any MAC: what the guest commands need of the kernel's
 * directory in a unit test. The directory itself is tested in kernel.core, and the whole path in itests.
 */
final class VmNamesTestDouble implements NameDirectory {

    private final VmRegistry vms;

    VmNamesTestDouble(VmRegistry vms) {
        this.vms = vms;
    }

    @Override
    public List<NameEntry> entries() {
        return vms.vms().stream().map(vm -> new NameEntry(vm.name(), NameKind.VM, vm.vnics().stream()
                .map(vnic -> MacAddress.parse(vnic.mac())).toList(), "test")).toList();
    }

    @Override
    public List<NameEntry> named(String name) {
        return entries().stream().filter(entry -> entry.name().equals(name)).toList();
    }

    @Override
    public Optional<NameEntry> owning(MacAddress mac) {
        return entries().stream().filter(entry -> entry.macs().contains(mac)).findFirst();
    }

    @Override
    public NameEntry resolve(String role, String text, Set<NameKind> accepted) {
        List<NameEntry> named = named(text);
        if (!named.isEmpty()) {
            return named.get(0);
        }
        MacAddress mac = MacAddress.parse(text); // refuses anything else, naming it
        return new NameEntry(mac.toString(), NameKind.ADDRESS, List.of(mac), "");
    }

    @Override
    public String listing(Set<NameKind> kinds) {
        return "VMs: " + String.join(", ", entries().stream().map(NameEntry::name).toList());
    }
}
