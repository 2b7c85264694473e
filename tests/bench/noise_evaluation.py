#!/usr/bin/python3
"""Gates the noisy corpus (tests/bench/noisy_corpus.py) the way CI would, and prints rates.

Every check is a real `caws-gate` process on real Google Benchmark runs of
tests/tools/ab_sample.cpp (12 benchmarks, 10 repetitions each; head: BM_Fnv1aHash 1.3x
and BM_Crc32 2.2x the work). Scenarios, for the back-to-back ("plain") and the interleaved
("--benchmark_enable_random_interleaving=true") sets:

  single    the baseline is one run (`baseline update RUN`), the candidate another run
  rolling   the baseline pools 5 runs (`baseline update --policy rolling:5`, five times,
            with their history), the candidate another run
  history   as a nightly job's baseline after H nights (--history-runs, 15): `baseline
            update` with H other runs in corpus order, `--policy rolling:5` (the baseline
            pools the newest 5) or `--policy replace` (the newest one), the history holding
            all H; this is where the history's range of docs/statistics.md acts
  confirm   as single or rolling, with `check --confirm RERUN`, RERUN another run of the
            candidate's program: with a single-run baseline and in A/B pairs the next one
            in the corpus, recorded minutes after, as a rerun in the same job would be;
            with a rolling A/A baseline one drawn from the runs outside it (only when the
            caws-gate under test has --confirm)

A/A: base runs against base runs; a "false failure" is exit code 1. A/B: base runs
against head runs; "found" means the changed benchmark's gated time measure is classed
minor or worse, "severe" that it is classed severe, and "flagged" counts unchanged
benchmarks whose gated measure is minor or worse.

    /usr/bin/python3 tests/bench/noise_evaluation.py --caws-gate build/caws-gate \\
        --corpus tests/fixtures/noisy-corpus [--json results.json]
"""
import argparse
import itertools
import json
import math
import os
import random
import subprocess
import sys
import tempfile

CHANGED = {"BM_Fnv1aHash": "1.3x", "BM_Crc32": "2.2x"}
REGRESSED = {"minor", "moderate", "severe"}


def wilson(successes, n, z=1.959963984540054):
    """The 95% Wilson score interval of a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def rate(successes, n):
    low, high = wilson(successes, n)
    share = successes / n if n else 0.0
    return f"{successes}/{n} = {100 * share:.1f}% [{100 * low:.1f}, {100 * high:.1f}]"


class Gate:
    def __init__(self, binary, work):
        self.binary = binary
        self.work = work
        self.counter = itertools.count()
        help_text = subprocess.run([binary, "check", "--help"], capture_output=True,
                                   text=True, check=False).stdout
        self.has_confirm = "--confirm" in help_text

    def baseline(self, runs, policy):
        """A baselines directory holding suite `s` made of `runs`, oldest first."""
        directory = os.path.join(self.work, f"b{next(self.counter)}")
        for run in runs:
            args = [self.binary, "baseline", "update", run, "--suite", "s", "--dir", directory,
                    "--policy", policy, "--accept-regressions"]
            result = subprocess.run(args, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                sys.exit(f"baseline update failed: {' '.join(args)}\n{result.stderr}")
        return directory

    def guard_refuses(self, directory, run, policy="rolling:5"):
        """Whether `baseline update`'s regression guard refuses `run` (without forcing)."""
        copy = os.path.join(self.work, f"g{next(self.counter)}")
        subprocess.run(["cp", "-r", directory, copy], check=True)
        result = subprocess.run([self.binary, "baseline", "update", run, "--suite", "s",
                                 "--dir", copy, "--policy", policy],
                                capture_output=True, text=True, check=False)
        return result.returncode == 1

    def check(self, directory, candidate, confirm=None):
        report = os.path.join(self.work, f"r{next(self.counter)}.json")
        args = [self.binary, "check", candidate, "--suite", "s", "--dir", directory, "--json",
                report, "--quiet"]
        if confirm is not None:
            args += ["--confirm", confirm]
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode not in (0, 1):
            sys.exit(f"check failed: {' '.join(args)}\n{result.stderr}")
        with open(report, encoding="utf-8") as f:
            document = json.load(f)
        os.remove(report)
        return result.returncode, document


def benchmark_of(metric):
    return metric.split("/")[0]


def classes(report):
    """The worst class of each benchmark over its gated measures."""
    order = ["severe", "moderate", "minor", "unchanged", "improved"]
    worst = {}
    for c in report["comparisons"]:
        if not c.get("gated", True):
            continue
        name = benchmark_of(c["metric"])
        cls = c["class"]
        if cls not in order:
            continue
        if name not in worst or order.index(cls) < order.index(worst[name]):
            worst[name] = cls
    return worst


class Tally:
    def __init__(self):
        self.checks = 0
        self.failures = 0
        self.warned = 0
        self.found = {name: 0 for name in CHANGED}
        self.severe = {name: 0 for name in CHANGED}
        self.unchanged = 0
        self.flagged = 0

    def add(self, code, report, ab):
        self.checks += 1
        self.failures += code == 1
        self.warned += report["verdict"] == "warn"
        for name, cls in classes(report).items():
            if ab and name in CHANGED:
                self.found[name] += cls in REGRESSED
                self.severe[name] += cls == "severe"
            else:
                self.unchanged += 1
                self.flagged += cls in REGRESSED

    def rows(self, scenario, ab):
        out = {"scenario": scenario, "checks": self.checks,
               "failures": rate(self.failures, self.checks),
               "warnings": rate(self.warned, self.checks),
               "unchanged flagged": rate(self.flagged, self.unchanged)}
        if ab:
            out["1.3x found"] = rate(self.found["BM_Fnv1aHash"], self.checks)
            out["2x severe"] = rate(self.severe["BM_Crc32"], self.checks)
        return out


def runs_of(corpus, name):
    directory = os.path.join(corpus, name)
    return sorted(os.path.join(directory, f) for f in os.listdir(directory)
                  if f.endswith(".json"))


def windowed_scenarios(history_runs, history_only):
    """(policy, runs of the history) of the scenarios whose baseline comes from a window."""
    scenarios = [] if history_only else [("rolling:5", 5)]
    if history_runs:
        scenarios += [("rolling:5", history_runs), ("replace", history_runs)]
    return scenarios


def windowed(gate, base, head, windows, rng, policy, size):
    """For each candidate, `windows` baselines made by updating with `size` other runs of the
    set in corpus order (the policy keeps the newest 5 or 1, the history has all `size`)."""
    label = ("rolling:5" if policy == "rolling:5" else "single-run") + " baseline"
    if size > 5 or policy != "rolling:5":
        label += f", {size} runs of history"
    aa, aa_confirm, ab, ab_confirm, refused = Tally(), Tally(), Tally(), Tally(), 0
    guarded = 0
    for j in range(len(base)):
        others = [k for k in range(len(base)) if k != j]
        for _ in range(windows):
            window = sorted(rng.sample(others, min(size, len(others))))
            directory = gate.baseline([base[k] for k in window], policy)
            aa.add(*gate.check(directory, base[j]), ab=False)
            guarded += 1
            refused += gate.guard_refuses(directory, base[j], policy)
            if gate.has_confirm:
                outside = [k for k in others if k not in window] or others
                k = rng.choice(outside)
                aa_confirm.add(*gate.check(directory, base[j], base[k]), ab=False)
            h = rng.randrange(len(head))
            ab.add(*gate.check(directory, head[h]), ab=True)
            if gate.has_confirm:
                rerun = head[(h + 1) % len(head)]
                ab_confirm.add(*gate.check(directory, head[h], rerun), ab=True)
    results = [aa.rows(f"A/A, {label}", False)]
    if gate.has_confirm:
        results.append(aa_confirm.rows(f"A/A, {label}, --confirm rerun", False))
    results.append(ab.rows(f"A/B, {label}", True))
    if gate.has_confirm:
        results.append(ab_confirm.rows(f"A/B, {label}, --confirm rerun", True))
    results.append({"scenario": f"{label}: guard refuses an A/A run", "checks": guarded,
                    "failures": rate(refused, guarded)})
    return results


def single_run(gate, base, head):
    """Single-run baselines without history: every ordered pair."""
    results = []
    singles = {i: gate.baseline([run], "replace") for i, run in enumerate(base)}
    aa, aa_confirm, ab, ab_confirm = Tally(), Tally(), Tally(), Tally()
    for i, j in itertools.permutations(range(len(base)), 2):
        aa.add(*gate.check(singles[i], base[j]), ab=False)
        if gate.has_confirm:
            k = next(k for k in itertools.chain(range(j + 1, len(base)), range(len(base)))
                     if k not in (i, j))
            aa_confirm.add(*gate.check(singles[i], base[j], base[k]), ab=False)
    for i, h in itertools.product(range(len(base)), range(len(head))):
        ab.add(*gate.check(singles[i], head[h]), ab=True)
        if gate.has_confirm:
            rerun = head[(h + 1) % len(head)]
            ab_confirm.add(*gate.check(singles[i], head[h], rerun), ab=True)
    results.append(aa.rows("A/A, single-run baseline", False))
    if gate.has_confirm:
        results.append(aa_confirm.rows("A/A, single-run baseline, --confirm rerun", False))
    results.append(ab.rows("A/B, single-run baseline", True))
    if gate.has_confirm:
        results.append(ab_confirm.rows("A/B, single-run baseline, --confirm rerun", True))
    return results


def evaluate(gate, base, head, rolling_windows, rng, history_runs, history_only):
    results = [] if history_only else single_run(gate, base, head)
    for policy, size in windowed_scenarios(history_runs, history_only):
        results += windowed(gate, base, head, rolling_windows, rng, policy, size)
    return results


def markdown(results):
    keys = ["scenario", "checks", "failures", "warnings", "unchanged flagged", "1.3x found",
            "2x severe"]
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in results:
        lines.append("| " + " | ".join(str(row.get(k, "")) for k in keys) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--caws-gate", default="build/caws-gate")
    parser.add_argument("--corpus", default="tests/fixtures/noisy-corpus")
    parser.add_argument("--rolling-windows", type=int, default=5,
                        help="rolling baselines drawn per candidate run")
    parser.add_argument("--history-runs", type=int, default=15,
                        help="also a rolling:5 and a single-run baseline whose history holds "
                             "this many runs, as a nightly job's does after as many nights "
                             "(0: not)")
    parser.add_argument("--history-only", action="store_true",
                        help="only the baselines with --history-runs runs of history")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    all_results = {}
    with tempfile.TemporaryDirectory(prefix="caws-gate-noise-") as work:
        gate = Gate(os.path.abspath(args.caws_gate), work)
        for kind in ("plain", "interleaved"):
            base = runs_of(args.corpus, f"base-{kind}")
            head = runs_of(args.corpus, f"head-{kind}")
            results = evaluate(gate, base, head, args.rolling_windows, rng, args.history_runs,
                               args.history_only)
            all_results[kind] = results
            print(f"\n### {kind} repetitions ({len(base)} base runs, {len(head)} head runs)\n")
            print(markdown(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(all_results, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
