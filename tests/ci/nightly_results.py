#!/usr/bin/env python3
"""Writes the Google Benchmark JSON of one night of a simulated benchmark harness, for
tests/ci/nightly_locally.sh: three benchmarks of five repetitions at 2% noise (fixed
seed per night), dated one day apart; from night STEP_NIGHT on, BM_Parse is 1.35x slower.

usage: nightly_results.py NIGHT STEP_NIGHT OUT
"""
import json
import os
import random
import sys

night, step_night, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(1000 + night)
centres = {"BM_Parse": 2000.0, "BM_Sort/1024": 5000.0, "BM_Hash": 800.0}
benchmarks = []
for family, (name, centre) in enumerate(sorted(centres.items())):
    if name == "BM_Parse" and night >= step_night:
        centre *= 1.35
    for repetition in range(5):
        time = centre * (1.0 + rng.gauss(0.0, 0.02))
        benchmarks.append({
            "name": name, "family_index": family, "per_family_instance_index": 0,
            "run_name": name, "run_type": "iteration", "repetitions": 5,
            "repetition_index": repetition, "threads": 1, "iterations": 1000,
            "real_time": time, "cpu_time": time, "time_unit": "ns"})
document = {
    "context": {"date": f"2026-10-{night:02d}T03:17:00+00:00", "host_name": "runner",
                "executable": "build/tests/bench/caws_gate_bench", "num_cpus": 2,
                "mhz_per_cpu": 2600, "cpu_scaling_enabled": False,
                "library_build_type": "release"},
    "benchmarks": benchmarks}
os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
with open(out, "w", encoding="utf-8") as file:
    json.dump(document, file, indent=2)
    file.write("\n")
