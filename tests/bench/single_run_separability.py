#!/usr/bin/python3
"""What one run of each side can tell on the noisy corpora (tests/bench/noisy_corpus.py).

A check against a baseline of one run, with no history, sees one run of each side: per
benchmark, ten repetitions of the baseline and ten of the candidate. This script measures,
on the real runs of a corpus, how often unchanged code already looks like a regression
there, whatever rule decides, and what the one rule that could learn the between-run
noise from such a pair (the spread of the benchmarks' ratios) would give.

1. Separable A/A pairs: the share of A/A pairs (two base runs, every ordered pair) in which
   some benchmark's median CPU time moved by 1.3x (and by 1.5x, the default moderate
   threshold, which fails) or more *with its ten repetitions separated from the other
   run's* (two-sided Mann-Whitney p < 0.001). Such a pair looks exactly like the 1.3x
   regression of the head runs: a rule that finds that regression in 90% of pairs flags
   it, and a rule that passes it misses the regression.

2. The pair's own spread: estimate the between-run noise of a pair from the spread of its
   benchmarks' log ratios (1.4826 times their median absolute deviation, around their
   median or around 0, assuming most benchmarks unchanged), and keep a regression only
   when its log ratio is beyond Student's t (0.975, benchmarks - 1) times that spread.
   Printed: A/A pairs that fail (a benchmark at 1.5x or more kept), the 1.3x benchmark of
   A/B pairs found (1.2x or more kept), the 2.2x one severe (2x or more kept) and the
   unchanged benchmarks of A/B pairs flagged (1.2x or more kept). The medians alone, no
   test: an upper bound of what the rule keeps.

    /usr/bin/python3 tests/bench/single_run_separability.py tests/fixtures/noisy-corpus-large
"""
import glob
import json
import math
import os
import statistics
import sys

import numpy
from scipy import stats

CHANGED = ("BM_Fnv1aHash", "BM_Crc32")


def cpu_times(path):
    """Benchmark name (without its arguments) -> the CPU times of its repetitions."""
    with open(path) as f:
        document = json.load(f)
    by_name = {}
    for row in document["benchmarks"]:
        if row.get("run_type", "iteration") != "iteration":
            continue
        by_name.setdefault(row["name"].split("/")[0], []).append(row["cpu_time"])
    return by_name


def runs(corpus, name):
    return [cpu_times(p) for p in sorted(glob.glob(os.path.join(corpus, name, "*.json")))]


def separable(base):
    moved13 = moved15 = pairs = 0
    for i, a in enumerate(base):
        for j, b in enumerate(base):
            if i == j:
                continue
            pairs += 1
            ratios = [statistics.median(b[k]) / statistics.median(a[k]) for k in a
                      if stats.mannwhitneyu(b[k], a[k]).pvalue < 0.001]
            moved13 += any(r >= 1.3 for r in ratios)
            moved15 += any(r >= 1.5 for r in ratios)
    return pairs, moved13, moved15


def log_medians(run):
    return {k: math.log(statistics.median(v)) for k, v in run.items()}


def spread_rule(base, head, centre):
    """Rates of the pair-spread rule; centre: MAD around the median (True) or 0 (False)."""
    def limit(log_ratios):
        x = numpy.array(log_ratios)
        middle = numpy.median(x) if centre else 0.0
        spread = 1.4826 * numpy.median(numpy.abs(x - middle))
        return stats.t.ppf(0.975, len(x) - 1) * spread

    base_logs = [log_medians(r) for r in base]
    head_logs = [log_medians(r) for r in head]
    failed = pairs = 0
    for i, a in enumerate(base_logs):
        for j, b in enumerate(base_logs):
            if i == j:
                continue
            log_ratios = [b[k] - a[k] for k in a]
            bound = limit(log_ratios)
            failed += any(x >= math.log(1.5) and x > bound for x in log_ratios)
            pairs += 1
    found = severe = flagged = unchanged = ab_pairs = 0
    for a in base_logs:
        for b in head_logs:
            log_ratios = {k: b[k] - a[k] for k in a}
            bound = limit(list(log_ratios.values()))
            kept = {k: x > bound for k, x in log_ratios.items()}
            found += kept[CHANGED[0]] and log_ratios[CHANGED[0]] >= math.log(1.2)
            severe += kept[CHANGED[1]] and log_ratios[CHANGED[1]] >= math.log(2.0)
            for k, x in log_ratios.items():
                if k not in CHANGED:
                    unchanged += 1
                    flagged += kept[k] and x >= math.log(1.2)
            ab_pairs += 1
    return failed / pairs, found / ab_pairs, severe / ab_pairs, flagged / unchanged


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    corpus = sys.argv[1]
    print("| set | A/A pairs | some benchmark >= 1.3x, p < 0.001 | >= 1.5x, p < 0.001 |")
    print("| --- | --: | --: | --: |")
    sets = {}
    for mode in ("plain", "interleaved"):
        sets[mode] = (runs(corpus, "base-" + mode), runs(corpus, "head-" + mode))
        pairs, moved13, moved15 = separable(sets[mode][0])
        print(f"| {mode} | {pairs} | {100 * moved13 / pairs:.1f}% | {100 * moved15 / pairs:.1f}% |")
    print()
    print("| set | rule | A/A fail | 1.3x found | 2.2x severe | unchanged flagged |")
    print("| --- | --- | --: | --: | --: | --: |")
    for mode, (base, head) in sets.items():
        for name, centre in (("spread around the median", True), ("spread around 0", False)):
            failed, found, severe, flagged = spread_rule(base, head, centre)
            print(f"| {mode} | {name} | {100 * failed:.1f}% | {100 * found:.1f}% "
                  f"| {100 * severe:.1f}% | {100 * flagged:.1f}% |")


if __name__ == "__main__":
    main()
