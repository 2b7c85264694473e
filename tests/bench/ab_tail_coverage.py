#!/usr/bin/python3
"""Coverage and false-positive rate of `caws-gate ab` on a statistic other than the median
(docs/statistics.md, "Tail statistics in paired rounds"), measured through the built binary.

For each statistic, number of rounds and samples per round, writes the outputs of ROUNDS
rounds with METRICS metrics per side, every metric an independent experiment: in round r
both sides share a drift d_r (log-normal, sigma 0.2: the machine's state in that round),
the base draws K values d_r * log-normal(sigma 0.3) and the head K values from the same law
multiplied by a true ratio c (1.0, or 1.3). Given the drifts, the head's pooled law is the
base's scaled by c, so the true ratio of any statistic is c. `caws-gate ab` runs a script
that hands out these outputs round by round, with a gate file whose default statistic is
the one studied and `--correction none`:

- coverage: the share of intervals containing the true ratio (95% intervals);
- false positives: under no change (c = 1), the share of p-values below 0.05;
- power: with c = 1.3, the share below 0.05.

With --power, checks the power analysis instead (docs/statistics.md, "Power of `ab`"): for
each cell, `ab` on unchanged data (c = 1) gives each metric's `power.rounds_needed` (and for
a quantile `samples_per_round_needed`) to detect the minor threshold, 1.2x; the data are
then drawn again with c = 1.2 and the median of those advices: as many rounds (with the
cell's samples per round), and as many samples per round (with the cell's rounds). The
share of p-values below 0.05 there is the power the advice promises, 80%.

    /usr/bin/python3 tests/bench/ab_tail_coverage.py --binary build/caws-gate
    /usr/bin/python3 tests/bench/ab_tail_coverage.py --cells p95:10x100,mean:10x20
    /usr/bin/python3 tests/bench/ab_tail_coverage.py --power --metrics 200 \
        --cells median:10x20,mean:10x20,p95:10x20,p99:10x20
"""
import argparse
import json
import os
import stat
import subprocess
import sys
import tempfile
import time

import numpy as np

SIGMA = 0.3
DRIFT = 0.2
CELLS = ["p95:10x20", "p95:20x20", "p95:10x100", "p99:10x20", "mean:10x20", "max:10x20"]

SCRIPT = """#!/bin/sh
dir="$(dirname "$0")"
n=$(cat "$dir/$2.runs" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$dir/$2.runs"
cp "$dir/$2-$n.json" "$1"
"""


def write_round(path, samples):
    document = {"schema": "caws-gate/metrics@1",
                "metrics": [{"name": f"m{i:04d}", "unit": "ms", "direction": "lower",
                             "samples": [round(float(v), 6) for v in s]}
                            for i, s in enumerate(samples)]}
    with open(path, "w") as out:
        json.dump(document, out)


def scenario(binary, statistic, rounds, k, ratio, metrics, rng, seed):
    with tempfile.TemporaryDirectory() as directory:
        drifts = rng.lognormal(0.0, DRIFT, (metrics, rounds))
        for r in range(rounds):
            base = [drifts[m, r] * rng.lognormal(np.log(100), SIGMA, k) for m in range(metrics)]
            head = [ratio * drifts[m, r] * rng.lognormal(np.log(100), SIGMA, k)
                    for m in range(metrics)]
            write_round(os.path.join(directory, f"base-{r + 1}.json"), base)
            write_round(os.path.join(directory, f"head-{r + 1}.json"), head)
        script = os.path.join(directory, "bench.sh")
        with open(script, "w") as out:
            out.write(SCRIPT)
        os.chmod(script, stat.S_IRWXU)
        gate = os.path.join(directory, "gate.json")
        with open(gate, "w") as out:
            json.dump({"schema": "caws-gate/gate@1", "defaults": {"statistic": statistic}}, out)
        report = os.path.join(directory, "r.json")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1795392000")
        started = time.monotonic()
        result = subprocess.run([binary, "ab", "--base", f"{script} {{out}} base", "--head",
                                 f"{script} {{out}} head", "--rounds", str(rounds), "--gate",
                                 gate, "--correction", "none", "--seed", str(seed), "--json",
                                 report, "--quiet"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        elapsed = time.monotonic() - started
        if result.returncode not in (0, 1):
            sys.exit(result.stderr)
        with open(report) as f:
            comparisons = json.load(f)["comparisons"]
    covered = [c["ci"][0] <= ratio <= c["ci"][1] for c in comparisons if c.get("ci")]
    significant = [c["p_value"] < 0.05 for c in comparisons if c.get("p_value") is not None]
    methods = sorted({(c.get("test"), c.get("ci_method")) for c in comparisons})
    return np.mean(covered), np.mean(significant), methods, elapsed, comparisons


def advice(comparisons, key):
    """The median over the metrics of power[key], or None when no metric has it."""
    values = [c["power"][key] for c in comparisons
              if isinstance(c.get("power"), dict) and c["power"].get(key) is not None]
    return int(np.median(values)) if values else None


def power_rows(args, rng):
    print(f"| statistic | rounds x samples | rounds needed (median) | power with them "
          f"| samples per round needed (median) | power with them |")
    print("|---|--:|--:|--:|--:|--:|")
    for cell in args.cells.split(","):
        statistic, size = cell.split(":")
        rounds, k = (int(v) for v in size.split("x"))
        *_, unchanged = scenario(args.binary, statistic, rounds, k, 1.0, args.metrics, rng, 1)
        needed = advice(unchanged, "rounds_needed")
        samples = advice(unchanged, "samples_per_round_needed")
        cells = []
        for r, kk in ((needed, k), (rounds, samples)):
            if r is None or kk is None:
                cells.append("")
                continue
            _, power, *_ = scenario(args.binary, statistic, r, kk, 1.2, args.metrics, rng, 2)
            cells.append(f"{power:.1%}")
        print(f"| {statistic} | {rounds} x {k} | {needed if needed is not None else ''} | "
              f"{cells[0]} | {samples if samples is not None else ''} | {cells[1]} |",
              flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="build/caws-gate")
    parser.add_argument("--metrics", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--cells", default=",".join(CELLS),
                        help="statistic:ROUNDSxSAMPLES, comma-separated (a subset draws other "
                             "data for the same cells)")
    parser.add_argument("--power", action="store_true",
                        help="check the rounds and samples the power analysis asks for")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    if args.power:
        power_rows(args, rng)
        return
    print("| statistic | rounds x samples | methods | coverage (c = 1) | false positives (c = 1) "
          f"| coverage (c = 1.3) | power (c = 1.3) | ab time, {args.metrics} metrics |")
    print("|---|--:|---|--:|--:|--:|--:|--:|")
    for cell in args.cells.split(","):
        statistic, size = cell.split(":")
        rounds, k = (int(v) for v in size.split("x"))
        cov0, fp, methods, t0, _ = scenario(args.binary, statistic, rounds, k, 1.0, args.metrics,
                                         rng, 1)
        cov1, power, _, t1, _ = scenario(args.binary, statistic, rounds, k, 1.3, args.metrics,
                                      rng, 2)
        names = ", ".join(f"{t} / {m}" for t, m in methods)
        print(f"| {statistic} | {rounds} x {k} | {names} | {cov0:.1%} | {fp:.1%} | {cov1:.1%} "
              f"| {power:.1%} | {max(t0, t1):.2f} s |", flush=True)


if __name__ == "__main__":
    main()
