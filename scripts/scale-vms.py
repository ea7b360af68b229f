#!/usr/bin/env python3
"""Control-plane scale (issue 17): creates and starts N VMs with one simulated vNIC each on one bond, then stops.

usage: scripts/scale-vms.py N [N...] [--histogram] [--java JAVA] [-- JVM-OPTION...]

For each N it writes a Gogo script (a switch, two e1000 NICs in bond0, then vm:create, vm:start and
vnic:add --uplink bond0 for each VM), runs it with `java -jar run/target/nicmgr.jar --script` under the launcher's
JVM options, and prints one line:
  vms=N  create+start=S s (cpu C s)  peakRss=M MB  stop=S s  exit=RC
create+start is the time between the script's echo before the first VM and its echo after the last one, and cpu the
JVM's CPU time (all threads, user and system) between them, the figure to trust on a busy machine; peakRss is
the JVM's VmHWM (read from /proc every 20 ms, the last reading before it exits); stop is the time from the last echo to
the process's exit, which includes the host's stop; exit is the launcher's exit code (0: every command succeeded and
the host stopped). --histogram pauses after the last VM (by not reading the output of two vm:list), prints `jcmd PID GC.class_histogram` (top 25), and lets the
host stop. Build the jar first (./nicmgr --help does).
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "run", "target", "nicmgr.jar")
DEFAULT_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # the launcher's (./nicmgr)


def script(n, pause):
    lines = ["hw:switch add swA --ports 8",
             "hw:nic add vmnic0 --model e1000 --switch swA",
             "hw:nic add vmnic1 --model e1000 --switch swA",
             "bond:create bond0 --policy round-robin",
             "bond:add bond0 vmnic0 vmnic1",
             "echo SCALE-START"]
    for i in range(n):
        lines += [f"vm:create vm{i}", f"vm:start vm{i}", f"vnic:add vm{i} --uplink bond0"]
    lines.append("echo SCALE-END")
    if pause:
        lines += ["vm:list", "vm:list"]
    return "\n".join(lines) + "\n"


def vm_hwm_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid):
    """The process's user and system CPU time so far (all its threads), from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def run(n, java, jvm, histogram):
    with tempfile.NamedTemporaryFile("w", suffix=".gogo", delete=False) as f:
        f.write(script(n, histogram))
        path = f.name
    try:
        proc = subprocess.Popen([java, *jvm, "-jar", JAR, "--script", path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1 << 16)
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                kb = vm_hwm_kb(proc.pid)
                if kb:
                    peak[0] = max(peak[0], kb)
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        errors = []
        threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True).start()
        start = end = cpu_start = cpu_end = None
        failures = []
        for line in proc.stdout:
            if line.startswith("SCALE-START"):
                start = time.monotonic()
                cpu_start = cpu_seconds(proc.pid)
            elif line.startswith("SCALE-END"):
                end = time.monotonic()
                cpu_end = cpu_seconds(proc.pid)
                if histogram:  # not reading stdout: the host blocks on vm:list's output, the VMs all still there
                    out = subprocess.run(["jcmd", str(proc.pid), "GC.class_histogram"],
                                         capture_output=True, text=True).stdout
                    print("\n".join(out.splitlines()[:28]))
            elif line.startswith("error:"):
                failures.append(line.strip())
        rc = proc.wait()
        exited = time.monotonic()
        done.set()
        sampler.join()
        created = f"{end - start:.2f}" if start and end else "-"
        stop = f"{exited - end:.2f}" if end else "-"
        cpu = f"{cpu_end - cpu_start:.2f}" if cpu_start is not None and cpu_end is not None else "-"
        print(f"vms={n}  create+start={created} s (cpu {cpu} s)  peakRss={peak[0] // 1024} MB  stop={stop} s  exit={rc}", flush=True)
        for failure in failures[:3]:
            print("  " + failure)
        if rc != 0:
            print("".join(errors[-20:]), end="")
        return rc
    finally:
        os.unlink(path)


def main(argv):
    jvm = DEFAULT_JVM
    if "--" in argv:
        jvm = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    histogram = "--histogram" in argv
    argv = [a for a in argv if a != "--histogram"]
    java = "java"
    if "--java" in argv:
        java = argv[argv.index("--java") + 1]
        del argv[argv.index("--java"):argv.index("--java") + 2]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    worst = 0
    for arg in argv:
        if not arg.isdigit():
            print(f"not a number of VMs: '{arg}' (want a whole number, e.g. 1000)", file=sys.stderr)
            return 2
        worst = max(worst, run(int(arg), java, jvm, histogram))
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
