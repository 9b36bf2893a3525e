#!/usr/bin/env python3
"""Runs two or more command lines alternately and prints each one's wall and CPU time.

    benchmarks/alternate.py [-n RUNS] [-w WARMUP] 'CMD A' 'CMD B' ...

Before-and-after measurements of start-up on a shared machine: hyperfine runs one command's
runs back to back, so a slower minute of the machine lands on one side. Here the commands take
turns (A B, then B A, ...), and each run's CPU time (user + system, of the process and its
children) is reported beside its wall time: a change that saves CPU on one core can hide in the
wall time of two. Standard output and error of the commands are discarded; a command that exits
non-zero stops the measurement. Each command is split as a shell would (shlex), not run by one.
"""
import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(argv, sink):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(argv, stdout=sink, stderr=sink).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if code != 0:
        sys.exit("alternate.py: exit %d from: %s" % (code, shlex.join(argv)))
    return wall * 1000, cpu * 1000


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--runs", type=int, default=40, help="runs of each command (40)")
    p.add_argument("-w", "--warmup", type=int, default=2, help="unmeasured runs of each (2)")
    p.add_argument("commands", nargs="+", help="command lines, two or more")
    a = p.parse_args()
    if len(a.commands) < 2:
        p.error("give two or more command lines")
    argvs = [shlex.split(c) for c in a.commands]
    results = [([], []) for _ in argvs]
    with open(os.devnull, "w") as sink:
        for argv in argvs:
            for _ in range(a.warmup):
                run(argv, sink)
        order = list(range(len(argvs)))
        for i in range(a.runs):
            for k in order if i % 2 == 0 else reversed(order):
                wall, cpu = run(argvs[k], sink)
                results[k][0].append(wall)
                results[k][1].append(cpu)
    print("| command | wall median | wall mean | wall min | CPU median |")
    print("|---|---|---|---|---|")
    for command, (wall, cpu) in zip(a.commands, results):
        print(
            "| `%s` | %.1f ms | %.1f ms | %.1f ms | %.1f ms |"
            % (command, statistics.median(wall), statistics.mean(wall), min(wall),
               statistics.median(cpu))
        )


if __name__ == "__main__":
    main()
