#!/usr/bin/env python3
"""Measures wall time from `java -jar run/target/nicmgr.jar` to the interactive shell's prompt.

Usage: scripts/measure-startup.py [RUNS] [JAVA]   (defaults: 5 runs, `java` on the PATH)
Prints each run and the median, in seconds.
"""
import os, subprocess, sys, time, statistics

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
java = sys.argv[2] if len(sys.argv) > 2 else "java"
jar = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "run", "target", "nicmgr.jar")
times = []
for run in range(runs):
    start = time.monotonic()
    process = subprocess.Popen([java, "-jar", jar], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    seen = b""
    while b"g! " not in seen:
        chunk = os.read(process.stdout.fileno(), 4096)
        if not chunk:
            sys.exit("the shell exited before showing its prompt")
        seen += chunk
    elapsed = time.monotonic() - start
    process.stdin.close()
    process.wait(timeout=30)
    times.append(elapsed)
    print(f"run {run + 1}: {elapsed:.3f} s to the prompt")
print(f"median: {statistics.median(times):.3f} s over {runs} runs")
