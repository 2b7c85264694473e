#!/usr/bin/python3
"""Records a corpus of real, noisy Google Benchmark runs for evaluating cross-run gating.

Each run is one invocation of a sample benchmark program (tests/tools/ab_sample.cpp) with
`--benchmark_repetitions=10`, written as Google Benchmark JSON, exactly what a CI job
gives `caws-gate check`. Half of the runs have a noise process (tests/tools/
noise_process.cpp: one busy thread per CPU in random bursts ON 1-5 s, OFF 1-6 s) running
beside them, so that a burst takes the benchmark's CPU too;
the others run with whatever else the machine is doing. Runs of the different sets are
recorded in turn (base, head, base, ...), so that slow drifts of the machine spread over
all sets instead of separating them.

Sets:
  base-plain        the base program, 10 back-to-back repetitions per benchmark
  head-plain        the head program (BM_Fnv1aHash 1.3x, BM_Crc32 2.2x the work)
  base-interleaved  the base program with --benchmark_enable_random_interleaving=true
  head-interleaved  the head program, interleaved

    /usr/bin/python3 tests/bench/noisy_corpus.py --build build --out tests/fixtures/noisy-corpus

writes OUT/SET/NN.json (minified) and OUT/manifest.json (which runs had noise, the load
average before each run, the machine). tests/bench/noise_evaluation.py gates the corpus.
"""
import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time

SETS = {
    # name: (program, interleaved)
    "base-plain": ("ab_sample_base", False),
    "head-plain": ("ab_sample_head", False),
    "base-interleaved": ("ab_sample_base", True),
    "head-interleaved": ("ab_sample_head", True),
}


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def schedule(counts):
    """The order of the runs: one of each set in turn while any set needs more."""
    order = []
    done = {name: 0 for name in counts}
    while any(done[name] < counts[name] for name in counts):
        for name in counts:
            if done[name] < counts[name]:
                order.append((name, done[name]))
                done[name] += 1
    return order


def run_one(build, out_dir, set_name, index, noisy, seed, repetitions, noise_threads):
    program, interleaved = SETS[set_name]
    path = os.path.join(out_dir, set_name, f"{index:02d}.json")
    raw = path + ".raw"
    args = [
        os.path.join(build, "tests", program),
        f"--benchmark_repetitions={repetitions}",
        f"--benchmark_out={raw}",
        "--benchmark_out_format=json",
    ]
    if interleaved:
        args.append("--benchmark_enable_random_interleaving=true")
    load = os.getloadavg()[0]
    noise = None
    if noisy:
        noise = subprocess.Popen(
            [os.path.join(build, "tests", "noise_process"), "--seed", str(seed),
             "--threads", str(noise_threads)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    started = time.monotonic()
    try:
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    finally:
        if noise is not None:
            noise.send_signal(signal.SIGTERM)
            noise.wait()
    seconds = time.monotonic() - started
    with open(raw, encoding="utf-8") as f:
        document = json.load(f)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, separators=(",", ":"))
        f.write("\n")
    os.remove(raw)
    return {
        "set": set_name,
        "file": os.path.relpath(path, out_dir),
        "noise": noisy,
        "noise_seed": seed if noisy else None,
        "load_before": round(load, 2),
        "seconds": round(seconds, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="the build directory")
    parser.add_argument("--out", default="tests/fixtures/noisy-corpus")
    parser.add_argument("--base-plain", type=int, default=20)
    parser.add_argument("--head-plain", type=int, default=10)
    parser.add_argument("--base-interleaved", type=int, default=12)
    parser.add_argument("--head-interleaved", type=int, default=6)
    parser.add_argument("--repetitions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--noise-threads", type=int, default=os.cpu_count() or 1,
                        help="busy threads of the noise process (default: one per CPU, so "
                        "that a burst takes the benchmark's CPU too)")
    args = parser.parse_args()

    counts = {
        "base-plain": args.base_plain,
        "head-plain": args.head_plain,
        "base-interleaved": args.base_interleaved,
        "head-interleaved": args.head_interleaved,
    }
    for name in counts:
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
    runs = []
    order = schedule(counts)
    for position, (set_name, index) in enumerate(order):
        noisy = index % 2 == 1  # every other run of a set has the noise process
        record = run_one(args.build, args.out, set_name, index, noisy, args.seed + position,
                         args.repetitions, args.noise_threads)
        runs.append(record)
        print(f"{position + 1}/{len(order)} {record['file']} noise={noisy} "
              f"load={record['load_before']} {record['seconds']} s", file=sys.stderr, flush=True)
    manifest = {
        "about": "Real Google Benchmark runs of tests/tools/ab_sample.cpp for evaluating "
                 "cross-run gating (tests/bench/noise_evaluation.py)",
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "system": platform.platform()},
        "repetitions": args.repetitions,
        "noise": f"tests/tools/noise_process.cpp, {args.noise_threads} busy thread(s), "
                 "ON 1-5 s / OFF 1-6 s",
        "changed": {"BM_Fnv1aHash": "1.3x the work in head", "BM_Crc32": "2.2x the work in head"},
        "runs": runs,
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
