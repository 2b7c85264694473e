#!/usr/bin/python3
"""Coverage and false-positive rate of the tail statistics' intervals and tests
(docs/statistics.md, "Tail statistics"), measured through the built binary.

For each statistic (p95, p99, mean, max) and sample size, writes caws-metrics files with
METRICS metrics per side, every metric an independent experiment: the baseline draws n
log-normal values (sigma 0.3), the candidate n values from the same law multiplied by a
true ratio (1.0, or 1.3). For a law scaled by c every statistic scales by c, so the true
ratio of the statistic is c. `caws-gate check` with a gate file whose default statistic is
the one studied and `--correction none` gives each metric's interval and p-value:

- coverage: the share of intervals containing the true ratio (95% intervals: 93-97% is the
  target);
- false positives: under no change (c = 1), the share of p-values below 0.05 (5% is the
  target);
- power: with c = 1.3, the share below 0.05.

With --power, checks the power analysis instead (docs/statistics.md, "Power for a
statistic"): for each cell, `check` on unchanged data (c = 1) gives each metric's
`power.repetitions_needed` (samples per side) to detect the minor threshold, 1.2x; the data
are then drawn again with c = 1.2 and the median of those advices as the samples per side,
and the share of p-values below 0.05 there is the power the advice promises, 80%.

    /usr/bin/python3 tests/bench/tail_statistic_coverage.py --binary build/caws-gate
    /usr/bin/python3 tests/bench/tail_statistic_coverage.py --power --metrics 200 \
        --statistics p95,p99 --sizes 50
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

SIGMA = 0.3


def metrics_file(path, samples):
    document = {"schema": "caws-gate/metrics@1",
                "metrics": [{"name": f"m{i:04d}", "unit": "ms", "direction": "lower",
                             "samples": [round(float(v), 6) for v in s]}
                            for i, s in enumerate(samples)]}
    with open(path, "w") as out:
        json.dump(document, out)


def run_check(binary, directory, statistic, baseline, candidate, seed):
    gate = os.path.join(directory, "gate.json")
    with open(gate, "w") as out:
        json.dump({"schema": "caws-gate/gate@1", "defaults": {"statistic": statistic}}, out)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795392000")
    base_dir = os.path.join(directory, "baselines")
    subprocess.run([binary, "baseline", "update", baseline, "--suite", "s", "--dir", base_dir,
                    "--no-history"], check=True, env=env, stdout=subprocess.DEVNULL)
    report = os.path.join(directory, "r.json")
    started = time.monotonic()
    result = subprocess.run([binary, "check", candidate, "--suite", "s", "--dir", base_dir,
                             "--gate", gate, "--correction", "none", "--seed", str(seed),
                             "--json", report, "--quiet", "--no-trends"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if result.returncode not in (0, 1):
        sys.exit(result.stderr)
    with open(report) as f:
        return json.load(f)["comparisons"], elapsed


def scenario(binary, statistic, n, ratio, metrics, rng, seed):
    with tempfile.TemporaryDirectory() as directory:
        baseline = os.path.join(directory, "baseline.json")
        candidate = os.path.join(directory, "candidate.json")
        metrics_file(baseline, [rng.lognormal(np.log(100), SIGMA, n) for _ in range(metrics)])
        metrics_file(candidate,
                     [ratio * rng.lognormal(np.log(100), SIGMA, n) for _ in range(metrics)])
        comparisons, elapsed = run_check(binary, directory, statistic, baseline, candidate, seed)
    covered = [c["ci"][0] <= ratio <= c["ci"][1] for c in comparisons if c.get("ci")]
    significant = [c["p_value"] < 0.05 for c in comparisons if c.get("p_value") is not None]
    methods = sorted({(c.get("test"), c.get("ci_method")) for c in comparisons})
    scenario.comparisons = comparisons
    return np.mean(covered), np.mean(significant), len(covered), methods, elapsed


def check_power(args, rng):
    """The advice of the power analysis, followed (--power)."""
    print("| statistic | n per side | repetitions needed (median) | power with them |")
    print("|---|--:|--:|--:|")
    for statistic in args.statistics.split(","):
        for n in [int(v) for v in args.sizes.split(",")]:
            scenario(args.binary, statistic, n, 1.0, args.metrics, rng, 1)
            advice = [c["power"]["repetitions_needed"] for c in scenario.comparisons
                      if c.get("power") and c["power"].get("repetitions_needed") is not None]
            if not advice:
                print(f"| {statistic} | {n} | | |", flush=True)
                continue
            needed = int(np.median(advice))
            _, power, *_ = scenario(args.binary, statistic, needed, 1.2, args.metrics, rng, 2)
            print(f"| {statistic} | {n} | {needed} | {power:.1%} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="build/caws-gate")
    parser.add_argument("--metrics", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261218)
    parser.add_argument("--statistics", default="p95,p99,mean,max")
    parser.add_argument("--sizes", default="50,500", help="samples per side, comma-separated")
    parser.add_argument("--power", action="store_true",
                        help="check the repetitions the power analysis asks for")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    if args.power:
        check_power(args, rng)
        return
    print("| statistic | n per side | methods | coverage (c = 1) | false positives (c = 1) "
          "| coverage (c = 1.3) | power (c = 1.3) | check time, "
          f"{args.metrics} metrics |")
    print("|---|--:|---|--:|--:|--:|--:|--:|")
    for statistic in args.statistics.split(","):
        for n in [int(v) for v in args.sizes.split(",")]:
            cov0, fp, k0, methods, t0 = scenario(args.binary, statistic, n, 1.0, args.metrics,
                                                 rng, 1)
            cov1, power, k1, _, t1 = scenario(args.binary, statistic, n, 1.3, args.metrics,
                                              rng, 2)
            names = ", ".join(f"{t} / {m}" for t, m in methods)
            print(f"| {statistic} | {n} | {names} | {cov0:.1%} | {fp:.1%} | {cov1:.1%} "
                  f"| {power:.1%} | {max(t0, t1):.2f} s |", flush=True)


if __name__ == "__main__":
    main()
