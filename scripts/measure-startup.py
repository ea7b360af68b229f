#!/usr/bin/env python3
"""Measures wall time from `java -jar run/target/nicmgr.jar` to the interactive shell's prompt, and the CPU time of
the whole run (start, prompt, end of input, stop).

Usage: scripts/measure-startup.py [RUNS] [JAVA] [JVM-OPTION...] [-- LAUNCHER-OPTION...]
       (defaults: 5 runs, `java` on the PATH, no JVM option, the demo host)
Examples: scripts/measure-startup.py 9 java -XX:TieredStopAtLevel=1 -- --bare
Prints each run, then the minimum and the median, in seconds. Run it on an idle machine: a busy one shows its load.
"""
import os, resource, subprocess, sys, time, statistics

args = sys.argv[1:]
launcher = []
if "--" in args:
    launcher = args[args.index("--") + 1:]
    args = args[:args.index("--")]
runs = int(args[0]) if len(args) > 0 else 5
java = args[1] if len(args) > 1 else "java"
jvm = args[2:]
jar = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "run", "target", "nicmgr.jar")
times, cpus = [], []
for run in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    process = subprocess.Popen([java] + jvm + ["-jar", jar] + launcher, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seen = b""
    while b"g! " not in seen:
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            sys.exit("the shell exited before showing its prompt")
        seen += chunk
    elapsed = time.monotonic() - start
    process.stdin.close()
    process.stdout.read()
    process.wait(timeout=60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    times.append(elapsed)
    cpus.append(cpu)
    print(f"run {run + 1}: {elapsed:.3f} s to the prompt, {cpu:.2f} s of CPU in all")
print(f"min: {min(times):.3f} s, median: {statistics.median(times):.3f} s to the prompt over {runs} runs;"
      f" median CPU {statistics.median(cpus):.2f} s; load average {os.getloadavg()[0]:.1f}")
