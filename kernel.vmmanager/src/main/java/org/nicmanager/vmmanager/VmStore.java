package org.nicmanager.vmmanager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.nicmanager.kernel.api.vm.VmInfo;
import org.nicmanager.kernel.api.vm.VnicInfo;
import org.nicmanager.lib.config.ConfigurationFiles;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keeps each VM's definition (name, priority, virtual NICs) as a factory configuration of {@value #FACTORY_PID} named
 * after the VM, so that VMs outlive the VM manager that made them. Not its state: a VM manager that starts again finds
 * its VMs powered off.
 */
final class VmStore {

    static final String FACTORY_PID = "org.nicmanager.vm";

    /** A stored VM (the properties of a {@value #FACTORY_PID} configuration). */
    @ObjectClassDefinition(pid = FACTORY_PID, name = "VM", description = "A VM as the network layer knows it")
    @interface VmConfiguration {

        @AttributeDefinition(description = "The VM's name")
        String name();

        @AttributeDefinition(description = "Network priority, 0 (lowest) to 10 (highest)", min = "0", max = "10")
        int priority() default 5;

        @AttributeDefinition(description = "Its virtual NICs, each NAME|MAC|MODEL|UPLINK")
        String[] vnics() default {};
    }

    /** A VM as stored. */
    record StoredVm(String name, int priority, List<VnicInfo> vnics) {
    }

    private final ConfigurationAdmin configurations;

    VmStore(ConfigurationAdmin configurations) {
        this.configurations = configurations;
    }

    List<StoredVm> load() {
        List<StoredVm> vms = new ArrayList<>();
        try {
            Configuration[] found = configurations.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            for (Configuration configuration : found == null ? new Configuration[0] : found) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties != null) {
                    vms.add(parse(properties));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot list VMs in ConfigAdmin", e);
        }
        return vms;
    }

    void save(VmInfo vm) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", vm.name());
        properties.put("priority", vm.priority());
        properties.put("vnics", vm.vnics().stream().map(vnic -> String.join("|", vnic.name(), vnic.mac(),
                vnic.model(), vnic.uplink() == null ? "" : vnic.uplink())).toArray(String[]::new));
        try {
            ConfigurationFiles.update(configurations.getFactoryConfiguration(FACTORY_PID, vm.name(), "?"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store VM " + vm.name() + " in ConfigAdmin", e);
        }
    }

    void delete(String vm) {
        try {
            configurations.getFactoryConfiguration(FACTORY_PID, vm, "?").delete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete VM " + vm + " from ConfigAdmin", e);
        }
    }

    /** A configuration written by hand is checked: the message names the bad value. */
    static StoredVm parse(Dictionary<String, Object> properties) {
        Object name = properties.get("name");
        Object priority = properties.get("priority");
        Object vnics = properties.get("vnics");
        List<VnicInfo> parsed = new ArrayList<>();
        for (String vnic : vnics instanceof String[] array ? Arrays.asList(array) : List.<String>of()) {
            String[] parts = vnic.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("bad virtual NIC '" + vnic + "' of VM " + name
                        + ": expected NAME|MAC|MODEL|UPLINK");
            }
            parsed.add(new VnicInfo(parts[0], parts[1], parts[2], parts[3]));
        }
        return new StoredVm(String.valueOf(name), priority == null ? 5 : Integer.parseInt(priority.toString()), parsed);
    }
}
