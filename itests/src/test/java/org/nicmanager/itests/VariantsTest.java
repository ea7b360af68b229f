package org.nicmanager.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.header.Parameters;

/**
 * The two NIC manager variants (patent [0076]-[0082]): the kernel-integrated one sees VMs, the loadable module sees
 * only frames, NICs and time. Its manifest shows it, and the same per-vm configuration is honoured by one host and
 * refused by the other.
 */
class VariantsTest {

    private static final String SCRIPT = String.join("\n",
            "hw:switch add swA --ports 4",
            "hw:nic add vmnic0 --model e1000 --switch swA",
            "hw:nic add vmnic1 --model e1000 --switch swA",
            "bond:create bond0 --policy per-vm",
            "bond:add bond0 vmnic0 vmnic1",
            "bond:show bond0 --json", "");

    /** Three backlogged VMs with 2000, 2000 and 1000 shares on two 1 Gb/s NICs (patent [0092]-[0095]). */
    private static final String SHARES = String.join("\n",
            "hw:switch add swA --ports 8",
            "hw:nic add vmnic0 --model e1000 --switch swA",
            "hw:nic add vmnic1 --model e1000 --switch swA",
            "hw:host add h1 --switch swA --mac 02:00:00:00:99:01",
            "hw:host add h3 --switch swA --mac 02:00:00:00:99:03",
            "bond:create bond0 --policy round-robin",
            "bond:add bond0 vmnic0 vmnic1",
            "vm:create a", "vm:create b", "vm:create c", "vm:start a", "vm:start b", "vm:start c",
            "vnic:add a --uplink bond0", "vnic:add b --uplink bond0", "vnic:add c --uplink bond0",
            "net:alloc a --shares 2000", "net:alloc b --shares 2000", "net:alloc c --shares 1000",
            "guest:traffic a --to 02:00:00:00:99:01 --rate 1000Mbps --frame 1514 --for 1s",
            "guest:traffic b --to 02:00:00:00:99:02 --rate 1000Mbps --frame 1514 --for 1s",
            "guest:traffic c --to 02:00:00:00:99:03 --rate 1000Mbps --frame 1514 --for 1s",
            "kernel:advance 1s",
            "hw:host stats h1 --json", "hw:host stats h3 --json", "");

    @TempDir
    Path work;

    @Test
    void theLoadableVariantsManifestImportsNoVmOrResourcePackage() throws IOException {
        List<String> loadable = ourImports("nicmgr-loadable", "kernel.nicmanager.loadable");
        List<String> integrated = ourImports("nicmgr", "kernel.nicmanager");
        assertFalse(loadable.contains("org.nicmanager.kernel.api.vm"), loadable.toString());
        assertFalse(loadable.contains("org.nicmanager.kernel.api.resource"), loadable.toString());
        assertTrue(loadable.containsAll(List.of("org.nicmanager.kernel.api.frame", "org.nicmanager.kernel.api.nic",
                "org.nicmanager.kernel.api.time")), loadable.toString());
        assertTrue(integrated.contains("org.nicmanager.kernel.api.vm"), integrated.toString());
    }

    @Test
    void theSamePerVmBondIsHonouredByTheIntegratedVariantAndRefusedByTheLoadableOne() throws Exception {
        Path script = work.resolve("per-vm.gogo");
        Files.writeString(script, SCRIPT);

        Process integrated = run("nicmgr.jar", script);
        assertEquals(0, integrated.exitValue(), read(integrated.getErrorStream()));
        assertTrue(read(integrated.getInputStream()).contains("\"policy\":\"per-vm\""));

        Process loadable = run("nicmgr-loadable.jar", script);
        assertEquals(1, loadable.exitValue());
        String error = read(loadable.getErrorStream());
        assertTrue(error.contains("per-vm.gogo:4: bond:create bond0 --policy per-vm"), error);
        assertTrue(error.contains("policy per-vm needs to know which VM sent each frame, which only the"
                + " kernel-integrated NIC manager knows"), error);
    }

    /**
     * A bond made without --policy routes by the VM's virtual port where the NIC manager knows VMs, as vSphere does,
     * and is active-backup where it does not: neither reorders a flow, as round-robin did.
     */
    @Test
    void aNewBondIsPerVmWithTheIntegratedVariantAndFailoverOrderWithTheLoadableOne() throws Exception {
        Path script = work.resolve("default.gogo");
        Files.writeString(script, SCRIPT.replace("bond:create bond0 --policy per-vm", "bond:create bond0"));

        Process integrated = run("nicmgr.jar", script);
        assertEquals(0, integrated.exitValue(), read(integrated.getErrorStream()));
        String perVm = read(integrated.getInputStream());
        assertTrue(perVm.contains("\"policy\":\"per-vm\",\"policyAlias\":null,"), perVm);

        Process loadable = run("nicmgr-loadable.jar", script);
        assertEquals(0, loadable.exitValue(), read(loadable.getErrorStream()));
        String failoverOrder = read(loadable.getInputStream());
        assertTrue(failoverOrder.contains("\"policy\":\"failover-order\",\"policyAlias\":null,"),
                failoverOrder);
    }

    @Test
    void theLoadableVariantRefusesAVmAwarePolicyReachedThroughAnAliasNamingBoth() throws Exception {
        Path script = work.resolve("srcid.gogo");
        Files.writeString(script, SCRIPT.replace("--policy per-vm", "--policy loadbalance_srcid"));

        Process loadable = run("nicmgr-loadable.jar", script);
        assertEquals(1, loadable.exitValue());
        String error = read(loadable.getErrorStream());
        assertTrue(error.contains("policy loadbalance_srcid means per-vm here; policy per-vm needs to know which VM"
                + " sent each frame"), error);
    }

    /**
     * Only the kernel-integrated NIC manager puts the resource manager in front of its bonds: there, VM a gets twice
     * what VM c gets, as their shares say; with the loadable one the same allocations mean nothing, and the VM whose
     * frames come last to a full bond is starved.
     */
    @Test
    void sharesHoldWithTheIntegratedVariantOnlyTheLoadableOneGivesNoGuarantees() throws Exception {
        Path script = work.resolve("shares.gogo");
        Files.writeString(script, SHARES);

        Process integrated = run("nicmgr.jar", script);
        assertEquals(0, integrated.exitValue(), read(integrated.getErrorStream()));
        long[] received = hostFrames(read(integrated.getInputStream()));
        double ratio = (double) received[0] / received[1];
        assertTrue(Math.abs(ratio - 2.0) < 0.05, "a:c = " + ratio + " with shares 2000:1000");

        Process loadable = run("nicmgr-loadable.jar", script);
        assertEquals(0, loadable.exitValue(), read(loadable.getErrorStream()));
        long[] unmanaged = hostFrames(read(loadable.getInputStream()));
        assertTrue(unmanaged[1] * 10 < unmanaged[0], "no guarantees: a got " + unmanaged[0] + ", c " + unmanaged[1]);
    }

    /** The rxFrames of h1 and h3, in that order, from the script's output. */
    private static long[] hostFrames(String output) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{\"name\":\"h\\d\",\"rxFrames\":(\\d+)")
                .matcher(output);
        long[] frames = new long[2];
        for (int i = 0; i < 2; i++) {
            assertTrue(matcher.find(), output);
            frames[i] = Long.parseLong(matcher.group(1));
        }
        return frames;
    }

    private static List<String> ourImports(String export, String bundle) throws IOException {
        File jar = new File(RunDescriptor.WORKSPACE, "run/target/export/" + export + "/" + bundle + "-0.1.0.jar");
        try (JarFile file = new JarFile(jar)) {
            String imports = file.getManifest().getMainAttributes().getValue("Import-Package");
            return new Parameters(imports).keySet().stream().filter(name -> name.startsWith("org.nicmanager"))
                    .toList();
        }
    }

    private Process run(String jar, Path script) throws Exception {
        Process process = new ProcessBuilder("java", "-jar",
                new File(RunDescriptor.WORKSPACE, "run/target/" + jar).getAbsolutePath(), "--script",
                script.toString()).directory(work.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(Patience.SECONDS, TimeUnit.SECONDS),
                jar + " did not exit within " + Patience.SECONDS + " s");
        return process;
    }

    private static String read(java.io.InputStream stream) throws IOException {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    }
}
