#!/usr/bin/python3
"""Measure how well `caws-gate ab` separates real changes from noise.

Runs `caws-gate ab` many times on the two programs built from tests/tools/ab_sample.cpp:

  A/A  ab_sample_base against itself: every benchmark is unchanged, so an exit code 1 is a
       false failure and a minor class a false warning;
  A/B  ab_sample_base against ab_sample_head: BM_Fnv1aHash does 1.3x the work and
       BM_Crc32 2.2x (see ab_sample.cpp for the exact factors), the other ten benchmarks
       are identical.

A/A and A/B runs alternate, so that whatever else loads the machine during the
evaluation hits both kinds alike. For every run the noise process (tests/tools/
noise_process.cpp: busy threads in random ON/OFF bursts) is started with the run's seed,
`caws-gate ab --seed RUNSEED` runs (so the order of base and head differs from run to
run), and the noise process is stopped. The script records the exit code, the wall time,
the load average before the run, how much CPU the rest of the machine used during it,
and each benchmark's class, level and ratio per measure from the JSON report.

A benchmark counts as found when its cpu_time OR its real_time is minor or worse (the
gate below gates both); both measures are also reported separately.

The gate file: ab_sample has 12 benchmarks, and Google Benchmark reports real_time,
cpu_time and, for three of them, bytes_per_second: 27 gated metrics, which need 11 rounds
under the Benjamini-Hochberg correction (docs/ab.md, "How many rounds"). To run the
default 10 rounds, the evaluation gates real_time and cpu_time only (24 metrics, 10 rounds
suffice). bytes_per_second is the inverse of the time for the same bytes and adds nothing
here; it is still compared, not gated. Give --gate to use another file.

Standard library only; run it with /usr/bin/python3 from the repository after building
caws-gate, ab_sample_base, ab_sample_head and noise_process:

  /usr/bin/python3 tests/bench/ab_evaluation.py --json results.json
  /usr/bin/python3 tests/bench/ab_evaluation.py --no-noise --aa-runs 10 --ab-runs 10
  /usr/bin/python3 tests/bench/ab_evaluation.py --summarize results.json

The Markdown summary goes to standard output, progress to standard error.
"""

import argparse
import json
import math
import os
import platform
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time

MINOR_OR_WORSE = ("minor", "moderate", "severe")
TIME_MEASURES = ("cpu_time", "real_time")
# The benchmarks that ab_sample_head changes, and the class the evaluation expects.
CHANGED = {"BM_Fnv1aHash": "minor", "BM_Crc32": "severe"}
DEFAULT_GATE = {
    "schema": "caws-gate/gate@1",
    "description": "ab evaluation: gate real_time and cpu_time only, so that the 24 "
                   "metrics of ab_sample fit in 10 rounds",
    "defaults": {"measures": list(TIME_MEASURES)},
}
# The goals the evaluation checks.
GOAL_AA_MAX_FAILURES_PER_50 = 1
GOAL_MINOR_FOUND = 0.95
GOAL_SEVERE_FOUND = 0.90


# ---------------------------------------------------------------- statistics helpers


def binomial_cdf(k, n, p):
    """P(X <= k) for X ~ Binomial(n, p)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k + 1))


def clopper_pearson(k, n, confidence=0.95):
    """The exact (Clopper-Pearson) interval of a binomial proportion, by bisection."""
    if n == 0:
        return (0.0, 1.0)
    tail = (1 - confidence) / 2

    def solve(predicate):
        lo, hi = 0.0, 1.0
        for _ in range(100):
            mid = (lo + hi) / 2
            if predicate(mid):
                hi = mid
            else:
                lo = mid
        return (lo + hi) / 2

    # lower: the p at which P(X >= k) = tail; upper: the p at which P(X <= k) = tail.
    lower = 0.0 if k == 0 else solve(lambda p: 1 - binomial_cdf(k - 1, n, p) >= tail)
    upper = 1.0 if k == n else solve(lambda p: binomial_cdf(k, n, p) <= tail)
    return (lower, upper)


def rate(k, n):
    low, high = clopper_pearson(k, n)
    return {"count": k, "of": n, "rate": k / n if n else None, "ci95": [low, high]}


def spread(values):
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values), "max": max(values),
            "n": len(values)}


# ---------------------------------------------------------------- machine state


def cpu_jiffies():
    """(busy, steal, total) jiffies of all CPUs, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq
    return busy, steal, busy + idle + iowait + steal


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


# ---------------------------------------------------------------- one run


def noise_on_seconds(log_path, elapsed):
    """Seconds of the first `elapsed` the noise was ON, from its --verbose log."""
    on, clock = 0.0, 0.0
    try:
        with open(log_path) as log:
            lines = log.read().split("\n")
    except OSError:
        return None
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[0] not in ("on", "off"):
            continue
        length = min(float(parts[1]), max(0.0, elapsed - clock))
        if parts[0] == "on":
            on += length
        clock += float(parts[1])
        if clock >= elapsed:
            break
    return on


def benchmark_name(metric):
    return metric.split("/", 1)[0]


def summarize_report(report):
    """The per-benchmark classes of a JSON report, kept small."""
    benchmarks = {}
    for comparison in report.get("comparisons", []):
        name = benchmark_name(comparison["metric"])
        entry = benchmarks.setdefault(name, {})
        entry[comparison["measure"]] = {
            "class": comparison.get("class"),
            "level": comparison.get("level"),
            "gated": comparison.get("gated"),
            "ratio": comparison.get("ratio"),
            "ci": comparison.get("ci"),
            "p_adjusted": comparison.get("p_adjusted"),
        }
    return benchmarks


def compact_run(run):
    """A run as kept in the results file: the changed benchmarks in full, of the others
    only the measures whose class is not 'unchanged'."""
    kept = {}
    for name, measures in run.get("benchmarks", {}).items():
        if name in CHANGED and run["kind"] == "ab":
            kept[name] = {m: [v["class"], v["level"], round(v["ratio"], 5)]
                          for m, v in measures.items() if m in TIME_MEASURES}
        else:
            odd = {m: [v["class"], v["level"], round(v["ratio"], 5)]
                   for m, v in measures.items() if v["class"] != "unchanged"}
            if odd:
                kept[name] = odd
    out = {k: v for k, v in run.items() if k != "benchmarks"}
    out["benchmarks"] = kept
    out["benchmarks_in_report"] = len(run.get("benchmarks", {}))
    return out


def run_once(args, kind, index, run_seed, workdir, gate_path):
    base = os.path.join(args.build_dir, "tests", "ab_sample_base")
    head = os.path.join(args.build_dir, "tests",
                        "ab_sample_base" if kind == "aa" else "ab_sample_head")
    report_path = os.path.join(workdir, f"report-{index:03d}.json")
    command = [args.caws_gate, "ab", "--base", base, "--head", head,
               "--rounds", str(args.rounds), "--seed", str(run_seed),
               "--gate", gate_path, "--json", report_path, "--quiet"]

    load_before = os.getloadavg()
    busy0, steal0, total0 = cpu_jiffies()
    ours0 = children_cpu_seconds()
    noise = None
    noise_log = os.path.join(workdir, f"noise-{index:03d}.log")
    started = time.monotonic()
    if args.noise:
        with open(noise_log, "w") as log:
            noise = subprocess.Popen(
                [os.path.join(args.build_dir, "tests", "noise_process"),
                 "--threads", str(args.noise_threads), "--seed", str(run_seed), "--verbose"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    ab_started = time.monotonic()
    completed = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - ab_started
    if noise is not None:
        noise.send_signal(signal.SIGTERM)
        try:
            noise.wait(timeout=10)
        except subprocess.TimeoutExpired:
            noise.kill()
            noise.wait()
    elapsed = time.monotonic() - started
    busy1, steal1, total1 = cpu_jiffies()
    ours1 = children_cpu_seconds()

    ticks = os.sysconf("SC_CLK_TCK")
    machine_busy = (busy1 - busy0) / ticks
    others = max(0.0, machine_busy - (ours1 - ours0)) / elapsed  # cores, on average
    run = {
        "kind": kind,
        "index": index,
        "seed": run_seed,
        "exit_code": completed.returncode,
        "wall_s": round(wall, 3),
        "load_before": [round(x, 2) for x in load_before],
        "other_cpu_cores": round(others, 3),
        "steal_fraction": round((steal1 - steal0) / max(1, total1 - total0), 4),
    }
    if args.noise:
        on = noise_on_seconds(noise_log, wall + (ab_started - started))
        run["noise_on_fraction"] = None if on is None else round(on / elapsed, 3)
    if completed.returncode in (0, 1) and os.path.exists(report_path):
        with open(report_path) as handle:
            report = json.load(handle)
        run["verdict"] = report.get("verdict")
        run["order"] = report.get("rounds", {}).get("order")
        run["benchmarks"] = summarize_report(report)
        os.remove(report_path)
    else:
        run["stderr_tail"] = completed.stderr.strip().splitlines()[-5:]
    if os.path.exists(noise_log):
        os.remove(noise_log)
    return run


# ---------------------------------------------------------------- the summary


def classes_of(run, name, measure):
    return run["benchmarks"].get(name, {}).get(measure, [None])[0]


def summarize(runs):
    """The rates, from the compact runs."""
    aa = [r for r in runs if r["kind"] == "aa"]
    ab = [r for r in runs if r["kind"] == "ab"]
    aa_ok = [r for r in aa if r["exit_code"] in (0, 1)]
    ab_ok = [r for r in ab if r["exit_code"] in (0, 1)]
    summary = {
        "runs": {"aa": len(aa), "ab": len(ab),
                 "errors": [{"kind": r["kind"], "seed": r["seed"], "exit_code": r["exit_code"]}
                            for r in runs if r["exit_code"] not in (0, 1)]},
    }

    # A/A: failures and warnings.
    failures = sum(1 for r in aa_ok if r["exit_code"] == 1)
    summary["aa_failures"] = rate(failures, len(aa_ok))
    warned_runs = 0
    warned_benchmarks = 0
    flagged_benchmarks = 0
    improved_benchmarks = 0
    benchmarks_compared = 0
    for r in aa_ok:
        levels = [v[1] for measures in r["benchmarks"].values() for v in measures.values()]
        warned_runs += any(level == "warn" for level in levels)
        benchmarks_compared += r["benchmarks_in_report"]
        for measures in r["benchmarks"].values():
            cls = [measures[m][0] for m in TIME_MEASURES if m in measures]
            warned_benchmarks += any(measures[m][1] == "warn" for m in measures)
            flagged_benchmarks += any(c in MINOR_OR_WORSE for c in cls)
            improved_benchmarks += any(c == "improved" for c in cls)
    summary["aa_runs_with_warning"] = rate(warned_runs, len(aa_ok))
    summary["aa_benchmarks_warned"] = rate(warned_benchmarks, benchmarks_compared)
    summary["aa_benchmarks_flagged"] = rate(flagged_benchmarks, benchmarks_compared)
    summary["aa_benchmarks_improved"] = rate(improved_benchmarks, benchmarks_compared)

    # A/B: the changed benchmarks, per measure and either.
    changed = {}
    for name, expected in CHANGED.items():
        wanted = MINOR_OR_WORSE if expected == "minor" else ("severe",)
        entry = {"expected": expected}
        for label, which in (("either", TIME_MEASURES), ("cpu_time", ("cpu_time",)),
                             ("real_time", ("real_time",))):
            hits = sum(1 for r in ab_ok
                       if any(classes_of(r, name, m) in wanted for m in which))
            entry[label] = rate(hits, len(ab_ok))
        for measure in TIME_MEASURES:
            entry["ratio_" + measure] = spread(
                [r["benchmarks"][name][measure][2] for r in ab_ok
                 if measure in r["benchmarks"].get(name, {})])
            counts = {}
            for r in ab_ok:
                cls = classes_of(r, name, measure)
                counts[cls] = counts.get(cls, 0) + 1
            entry["classes_" + measure] = counts
        changed[name] = entry
    summary["ab_changed"] = changed

    # A/B: unchanged benchmarks flagged.
    unchanged_flagged = 0
    unchanged_compared = 0
    runs_with_unchanged_flagged = 0
    for r in ab_ok:
        unchanged_compared += r["benchmarks_in_report"] - len(CHANGED)
        hits = sum(1 for name, measures in r["benchmarks"].items()
                   if name not in CHANGED and any(
                       measures.get(m, [None])[0] in MINOR_OR_WORSE for m in TIME_MEASURES))
        unchanged_flagged += hits
        runs_with_unchanged_flagged += hits > 0
    summary["ab_unchanged_flagged"] = rate(unchanged_flagged, unchanged_compared)
    summary["ab_runs_with_unchanged_flagged"] = rate(runs_with_unchanged_flagged, len(ab_ok))
    summary["ab_failures"] = rate(sum(1 for r in ab_ok if r["exit_code"] == 1), len(ab_ok))

    ok = aa_ok + ab_ok
    summary["wall_s"] = spread([r["wall_s"] for r in ok])
    summary["load1_before"] = spread([r["load_before"][0] for r in runs])
    summary["other_cpu_cores"] = spread([r["other_cpu_cores"] for r in runs])
    summary["steal_fraction"] = spread([r["steal_fraction"] for r in runs])
    noise = [r["noise_on_fraction"] for r in runs if r.get("noise_on_fraction") is not None]
    summary["noise_on_fraction"] = spread(noise)

    # The goals, on the counts (scaled to the runs made).
    summary["goals"] = {
        "aa_failures_at_most_1_in_50": failures <= GOAL_AA_MAX_FAILURES_PER_50 * max(
            1, len(aa_ok)) / 50,
        "minor_found_95": (changed["BM_Fnv1aHash"]["either"]["rate"] or 0) >= GOAL_MINOR_FOUND,
        "severe_found_90": (changed["BM_Crc32"]["either"]["rate"] or 0) >= GOAL_SEVERE_FOUND,
    }
    return summary


def pct(entry):
    if entry is None or entry["rate"] is None:
        return "n/a"
    low, high = entry["ci95"]
    return (f"{entry['count']}/{entry['of']} = {100 * entry['rate']:.1f}% "
            f"[{100 * low:.1f}, {100 * high:.1f}]")


def fmt_spread(entry, digits=3):
    if entry is None:
        return "n/a"
    return (f"{entry['min']:.{digits}f} / {entry['median']:.{digits}f} / "
            f"{entry['max']:.{digits}f}")


def markdown(result):
    s = result["summary"]
    config = result["config"]
    fnv, crc = s["ab_changed"]["BM_Fnv1aHash"], s["ab_changed"]["BM_Crc32"]
    yes = {True: "met", False: "**missed**"}
    lines = [
        f"### ab evaluation: {s['runs']['aa']} A/A + {s['runs']['ab']} A/B runs, "
        f"{config['rounds']} rounds, noise {'on, ' + str(config['noise_threads']) + ' thread(s)' if config['noise'] else 'off'}",
        "",
        f"Machine: {config['machine']['nproc']} CPUs, {config['machine']['cpu_model']}; "
        f"load average (1 min) before the runs {fmt_spread(s['load1_before'], 2)} "
        f"(min / median / max); CPU used by other processes during a run "
        f"{fmt_spread(s['other_cpu_cores'], 2)} cores.",
        "",
        "Rates are count / runs with the 95% Clopper-Pearson interval in brackets.",
        "",
        "| what | goal | result | |",
        "| --- | --- | --- | --- |",
        f"| A/A runs that fail (exit 1) | at most 1 in 50 | {pct(s['aa_failures'])} | "
        f"{yes[s['goals']['aa_failures_at_most_1_in_50']]} |",
        f"| A/A runs with a warning (minor) | | {pct(s['aa_runs_with_warning'])} | |",
        f"| A/A benchmarks warned | | {pct(s['aa_benchmarks_warned'])} | |",
        f"| A/A benchmarks improved (cpu or real) | | {pct(s['aa_benchmarks_improved'])} | |",
        f"| 1.3x `BM_Fnv1aHash` minor or worse, cpu or real | >= 95% | {pct(fnv['either'])} | "
        f"{yes[s['goals']['minor_found_95']]} |",
        f"| ... by cpu_time | | {pct(fnv['cpu_time'])} | |",
        f"| ... by real_time | | {pct(fnv['real_time'])} | |",
        f"| 2.2x `BM_Crc32` severe, cpu or real | >= 90% | {pct(crc['either'])} | "
        f"{yes[s['goals']['severe_found_90']]} |",
        f"| ... by cpu_time | | {pct(crc['cpu_time'])} | |",
        f"| ... by real_time | | {pct(crc['real_time'])} | |",
        f"| A/B unchanged benchmarks flagged (minor or worse) | | "
        f"{pct(s['ab_unchanged_flagged'])} | |",
        f"| A/B runs with an unchanged benchmark flagged | | "
        f"{pct(s['ab_runs_with_unchanged_flagged'])} | |",
        "",
        "| measured ratio (A/B) | min | median | max | classes |",
        "| --- | --: | --: | --: | --- |",
    ]
    for name, entry in (("BM_Fnv1aHash", fnv), ("BM_Crc32", crc)):
        for measure in TIME_MEASURES:
            r = entry["ratio_" + measure]
            classes = ", ".join(f"{k} {v}" for k, v in sorted(
                entry["classes_" + measure].items(), key=lambda kv: str(kv[0])))
            if r:
                lines.append(f"| `{name}` {measure} | {r['min']:.3f} | {r['median']:.3f} | "
                             f"{r['max']:.3f} | {classes} |")
    lines += [
        "",
        f"Wall time per ab run: {fmt_spread(s['wall_s'], 1)} s (min / median / max).",
    ]
    if s["noise_on_fraction"]:
        lines.append(f"Share of each run with the noise ON: "
                     f"{fmt_spread(s['noise_on_fraction'], 2)}.")
    if s["runs"]["errors"]:
        lines.append(f"Runs that ended with another exit code (not counted): "
                     f"{s['runs']['errors']}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--build-dir", default="build",
                        help="the build directory with caws-gate and tests/ab_sample_*")
    parser.add_argument("--caws-gate", help="the caws-gate binary (default BUILD_DIR/caws-gate)")
    parser.add_argument("--aa-runs", type=int, default=50, help="A/A runs (base against base)")
    parser.add_argument("--ab-runs", type=int, default=50, help="A/B runs (base against head)")
    parser.add_argument("--rounds", type=int, default=10, help="ab --rounds")
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("--noise", dest="noise", action="store_true", default=True,
                       help="run the noise process during each ab run")
    noise.add_argument("--no-noise", dest="noise", action="store_false",
                       help="do not run the noise process (a quiet control)")
    parser.add_argument("--noise-threads", type=int, default=1,
                        help="busy threads of the noise process")
    parser.add_argument("--seed-base", type=int, default=1000,
                        help="run i (from 0) uses seed SEED_BASE + i for the noise and ab")
    parser.add_argument("--gate", help="a gate file instead of the built-in one "
                        "(real_time and cpu_time gated)")
    parser.add_argument("--json", help="write the configuration, the summary and the "
                        "compact per-run results here (rewritten after every run)")
    parser.add_argument("--summarize", metavar="FILE",
                        help="print the summary of a results file written by --json; "
                        "run nothing")
    args = parser.parse_args(argv)
    if args.caws_gate is None:
        args.caws_gate = os.path.join(args.build_dir, "caws-gate")
    return args


def write_json(path, result):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")
    os.replace(temporary, path)


def main(argv):
    args = parse_args(argv)
    if args.summarize:
        with open(args.summarize) as handle:
            result = json.load(handle)
        result["summary"] = summarize(result["runs"])
        sys.stdout.write(markdown(result))
        return 0

    needed = [args.caws_gate] + [os.path.join(args.build_dir, "tests", name)
                                 for name in ("ab_sample_base", "ab_sample_head")]
    if args.noise:
        needed.append(os.path.join(args.build_dir, "tests", "noise_process"))
    missing = [path for path in needed if not os.access(path, os.X_OK)]
    if missing:
        sys.stderr.write(f"ab_evaluation: not built: {', '.join(missing)}\n")
        return 2

    # A/A and A/B alternate until both counts are reached.
    kinds = []
    aa, ab = args.aa_runs, args.ab_runs
    while aa or ab:
        if aa:
            kinds.append("aa")
            aa -= 1
        if ab:
            kinds.append("ab")
            ab -= 1

    result = {
        "format": "caws-gate/ab-evaluation@1",
        "config": {
            "command": "/usr/bin/python3 tests/bench/ab_evaluation.py " + " ".join(
                shlex.quote(a) for a in argv),
            "rounds": args.rounds,
            "noise": args.noise,
            "noise_threads": args.noise_threads if args.noise else 0,
            "seed_base": args.seed_base,
            "aa_runs": args.aa_runs,
            "ab_runs": args.ab_runs,
            "gate": None,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"nproc": os.cpu_count(), "cpu_model": cpu_model(),
                        "kernel": platform.release()},
        },
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="ab-evaluation-") as workdir:
        gate_path = args.gate
        if gate_path is None:
            gate_path = os.path.join(workdir, "gate.json")
            with open(gate_path, "w") as handle:
                json.dump(DEFAULT_GATE, handle)
            result["config"]["gate"] = DEFAULT_GATE
        else:
            with open(gate_path) as handle:
                result["config"]["gate"] = json.load(handle)
        for index, kind in enumerate(kinds):
            seed = args.seed_base + index
            run = run_once(args, kind, index, seed, workdir, gate_path)
            result["runs"].append(compact_run(run))
            sys.stderr.write(
                f"[{index + 1}/{len(kinds)}] {kind} seed {seed}: exit {run['exit_code']}, "
                f"{run['wall_s']:.1f} s, load {run['load_before'][0]:.2f}, "
                f"others {run['other_cpu_cores']:.2f} cores\n")
            if args.json:
                result["summary"] = summarize(result["runs"])
                write_json(args.json, result)
    result["config"]["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    result["summary"] = summarize(result["runs"])
    if args.json:
        write_json(args.json, result)
    sys.stdout.write(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
