#!/usr/bin/python3
"""How well the between-run noise model of docs/statistics.md describes the noisy corpus.

An independent implementation in numpy and scipy (not the C++ code) of the rule `check`
applies with a rolling:K baseline: for every window of K runs of a set of the corpus
(tests/bench/noisy_corpus.py) and every other run of the set, each benchmark's median of
that run is inside the prediction interval

    mean of the K log run medians +- t(df, 0.975) * s * sqrt(1 + 1/K)

or not; s and df are the moderated between-run spread of the window (Smyth 2004, pooled
across the benchmarks of the measure, df capped at the pooled df). Prints, per set and
measure, how often a held-out run falls outside (95% is the model's promise), and how far
the median of the pooled samples (what a rolling baseline stores) lies from the mean of
the run medians (what the interval is centred on), in units of s.

A second table asks whether the intervals should be corrected across the benchmarks of a
run, on cpu_time: for each base run against 5 random windows of 5 other base runs (A/A),
and a random head run against the same windows (A/B), the share of A/A checks with some
benchmark outside its interval and at least 1.5x slower than the pooled median (what
fails a check), and the share of A/B checks where BM_Fnv1aHash (1.3x) is outside and at
least 1.2x slower; per metric at 95%, with Bonferroni's correction over the benchmarks,
and with Benjamini-Hochberg's.

A third table adds the history's range (docs/statistics.md, "The history's range"): a
history of H runs drawn from the other base runs in corpus order (the baseline pools its
newest 5, the prediction interval uses them), and a flag also needs the candidate's median
outside [min - c s_rob, max + c s_rob] of the history's runs, s_rob = 1.4826 MAD of their
log medians (scipy.stats.median_abs_deviation(scale="normal")); without the range, and with
margins c of 1, 2 and 3. A/A: some benchmark flagged and at least 1.5x slower than the
pooled baseline; A/B: BM_Fnv1aHash (1.3x) flagged and at least 1.2x slower.

    /usr/bin/python3 tests/bench/between_run_coverage.py --corpus tests/fixtures/noisy-corpus
"""
import argparse
import itertools
import json
import os
import random
import sys

import numpy as np
from scipy import stats


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
from run_spread_reference import fit_prior  # noqa: E402  (the one limma fitFDist here)


def moderate(s2, d):
    """Posterior variances and df of s2 (each on d df), limma's fitFDist and eBayes."""
    s2 = np.asarray(s2, dtype=float)
    d = np.asarray(d, dtype=float)
    usable = s2 > 0
    if usable.sum() < 10:
        return s2, d
    d0, s02, pooled = fit_prior(s2[usable], d[usable])
    if np.isinf(d0):
        return np.full(len(s2), s02), np.minimum(d0 + d, pooled)
    return (d0 * s02 + d * s2) / (d0 + d), np.minimum(d0 + d, pooled)


def read_run(path):
    """{(benchmark, measure): samples} of a Google Benchmark file's repetitions."""
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    out = {}
    for b in document["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        for measure in ("real_time", "cpu_time"):
            out.setdefault((b["run_name"], measure), []).append(b[measure])
    return out


def evaluate(runs, k, windows, rng, level=0.95):
    keys = sorted(runs[0])
    measures = sorted({m for _, m in keys})
    outside = {m: [0, 0] for m in measures}
    offsets = {m: [] for m in measures}
    for held in range(len(runs)):
        others = [i for i in range(len(runs)) if i != held]
        for _ in range(windows):
            window = rng.sample(others, k)
            for measure in measures:
                names = [key for key in keys if key[1] == measure]
                logs = np.array([[np.log(np.median(runs[i][key])) for i in window] for key in names])
                centre = logs.mean(axis=1)
                s2 = logs.var(axis=1, ddof=1)
                post, df = moderate(s2, np.full(len(names), k - 1.0))
                half = stats.t.ppf((1 + level) / 2, df) * np.sqrt(post) * np.sqrt(1 + 1 / k)
                new = np.array([np.log(np.median(runs[held][key])) for key in names])
                outside[measure][0] += int((np.abs(new - centre) > half).sum())
                outside[measure][1] += len(names)
                for j, key in enumerate(names):
                    pooled = np.log(np.median(list(itertools.chain(*(runs[i][key] for i in window)))))
                    offsets[measure].append(abs(pooled - centre[j]) / np.sqrt(post[j]))
    return outside, offsets


def family_outside(window, candidate, measure, mode, alpha=0.05):
    """{benchmark: (outside, log ratio to the pooled median)} for one check."""
    names = sorted(key for key in window[0] if key[1] == measure)
    k = len(window)
    logs = np.array([[np.log(np.median(run[key])) for run in window] for key in names])
    centre = logs.mean(axis=1)
    post, df = moderate(logs.var(axis=1, ddof=1), np.full(len(names), k - 1.0))
    scale = np.sqrt(post) * np.sqrt(1 + 1 / k)
    new = np.array([np.log(np.median(candidate[key])) for key in names])
    p = 2 * stats.t.sf(np.abs(new - centre) / scale, df)
    m = len(p)
    if mode == "Bonferroni":
        p = np.minimum(1, p * m)
    elif mode == "Benjamini-Hochberg":
        order = np.argsort(p)
        adjusted = np.empty(m)
        running = 1.0
        for rank in range(m - 1, -1, -1):
            running = min(running, p[order[rank]] * m / (rank + 1))
            adjusted[order[rank]] = running
        p = adjusted
    out = {}
    for j, key in enumerate(names):
        pooled = np.log(np.median(list(itertools.chain(*(run[key] for run in window)))))
        out[key[0]] = (p[j] < alpha, new[j] - pooled)
    return out


def family(base, head, rng, windows=5):
    rows = []
    for mode in ("per metric", "Bonferroni", "Benjamini-Hochberg"):
        state = rng.getstate()
        failed = found = checks = 0
        for held in range(len(base)):
            others = [i for i in range(len(base)) if i != held]
            for _ in range(windows):
                window = [base[i] for i in rng.sample(others, 5)]
                checks += 1
                aa = family_outside(window, base[held], "cpu_time", mode)
                failed += any(o and r >= np.log(1.5) for o, r in aa.values())
                ab = family_outside(window, head[rng.randrange(len(head))], "cpu_time", mode)
                found += any(o and r >= np.log(1.2) for name, (o, r) in ab.items()
                             if name.startswith("BM_Fnv1aHash"))
        rng.setstate(state)
        rows.append((mode, failed, found, checks))
    return rows


def range_check(history, candidate, margin, k=5):
    """{benchmark: (flagged, log ratio to the pooled median of the newest k)} on cpu_time."""
    names = sorted(key for key in history[0] if key[1] == "cpu_time")
    logs = np.array([[np.log(np.median(run[key])) for run in history] for key in names])
    window = logs[:, -k:]
    centre = window.mean(axis=1)
    post, df = moderate(window.var(axis=1, ddof=1), np.full(len(names), k - 1.0))
    half = stats.t.ppf(0.975, df) * np.sqrt(post) * np.sqrt(1 + 1 / k)
    robust = stats.median_abs_deviation(logs, axis=1, scale="normal")
    out = {}
    for j, key in enumerate(names):
        new = np.log(np.median(candidate[key]))
        flagged = abs(new - centre[j]) > half[j]
        if margin is not None and logs.shape[1] >= 10:
            low = logs[j].min() - margin * robust[j]
            high = logs[j].max() + margin * robust[j]
            flagged = flagged and not low <= new <= high
        pooled = np.log(np.median(list(itertools.chain(*(run[key] for run in history[-k:])))))
        out[key[0]] = (flagged, new - pooled)
    return out


def history_range(base, head, runs, rng, windows=10):
    rows = []
    for margin in (None, 1.0, 2.0, 3.0):
        state = rng.getstate()
        failed = found = checks = 0
        for held in range(len(base)):
            others = [i for i in range(len(base)) if i != held]
            for _ in range(windows):
                history = [base[i] for i in sorted(rng.sample(others, min(runs, len(others))))]
                checks += 1
                aa = range_check(history, base[held], margin)
                failed += any(f and r >= np.log(1.5) for f, r in aa.values())
                ab = range_check(history, head[rng.randrange(len(head))], margin)
                found += any(f and r >= np.log(1.2) for name, (f, r) in ab.items()
                             if name.startswith("BM_Fnv1aHash"))
        rng.setstate(state)
        rows.append((margin, failed, found, checks))
    return rows


def base_and_head(corpus):
    """(kind, base runs, head runs) of the corpus's back-to-back and interleaved sets."""
    for kind in ("plain", "interleaved"):
        sets = [os.path.join(corpus, f"{side}-{kind}") for side in ("base", "head")]
        if not all(os.path.isdir(d) for d in sets):
            continue
        base, head = ([read_run(os.path.join(d, f)) for f in sorted(os.listdir(d))
                       if f.endswith(".json")] for d in sets)
        yield kind, base, head


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="tests/fixtures/noisy-corpus")
    parser.add_argument("--runs", type=int, default=5, help="K, the runs of the window")
    parser.add_argument("--windows", type=int, default=20, help="windows per held-out run")
    parser.add_argument("--history-runs", type=int, default=15,
                        help="H, the runs of the history for the range's table")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    print("| set | measure | held-out medians outside the 95% interval | pooled median - centre, "
          "in s: median, 95th percentile |")
    print("|---|---|---|---|")
    for name in ("base-plain", "base-interleaved", "head-plain", "head-interleaved"):
        directory = os.path.join(args.corpus, name)
        if not os.path.isdir(directory):
            continue
        files = sorted(f for f in os.listdir(directory) if f.endswith(".json"))
        runs = [read_run(os.path.join(directory, f)) for f in files]
        outside, offsets = evaluate(runs, args.runs, args.windows, rng)
        for measure, (bad, total) in outside.items():
            print(f"| {name} ({len(runs)} runs) | {measure} | {bad}/{total} = "
                  f"{100 * bad / total:.1f}% | {np.median(offsets[measure]):.2f}, "
                  f"{np.percentile(offsets[measure], 95):.2f} |")
    print()
    print("| set | intervals | A/A checks with a benchmark outside and >= 1.5x | "
          "A/B checks with the 1.3x outside and >= 1.2x |")
    print("|---|---|---|---|")
    for kind, base, head in base_and_head(args.corpus):
        for mode, failed, found, checks in family(base, head, rng):
            print(f"| {kind} | {mode} | {failed}/{checks} = {100 * failed / checks:.1f}% | "
                  f"{found}/{checks} = {100 * found / checks:.1f}% |")
    print()
    print(f"| set | {args.history_runs} runs of history | A/A checks with a benchmark flagged "
          "and >= 1.5x | A/B checks with the 1.3x flagged and >= 1.2x |")
    print("|---|---|---|---|")
    for kind, base, head in base_and_head(args.corpus):
        for margin, failed, found, checks in history_range(base, head, args.history_runs, rng):
            label = "interval only" if margin is None else f"and the range, margin {margin:g}"
            print(f"| {kind} | {label} | {failed}/{checks} = {100 * failed / checks:.1f}% | "
                  f"{found}/{checks} = {100 * found / checks:.1f}% |")


if __name__ == "__main__":
    main()
