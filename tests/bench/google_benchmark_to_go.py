#!/usr/bin/env python3
"""Writes the iteration rows of a Google Benchmark JSON file as Go benchmark text, to time
benchstat on the same samples as caws-gate (docs/performance.md):

    python3 tests/bench/google_benchmark_to_go.py OLD.json > old.txt

Each row becomes one line with its real time as ns/op and its CPU time as cpu-ns/op, so
that benchstat compares the same two metrics per benchmark that caws-gate does.
"""
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    out = sys.stdout
    out.write("goos: linux\ngoarch: amd64\npkg: example\n")
    for row in document["benchmarks"]:
        if row.get("run_type", "iteration") != "iteration":
            continue
        name = row["name"].removeprefix("BM_")
        out.write(f"Benchmark{name}-2 {row['iterations']} {row['real_time']!r} ns/op "
                  f"{row['cpu_time']!r} cpu-ns/op\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: google_benchmark_to_go.py FILE.json")
    main(sys.argv[1])
