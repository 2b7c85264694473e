#!/usr/bin/python3
"""Coverage of the 95% slope interval of `caws-gate leak`, plain and Newey-West.

Simulates memory series (seeded): 200 MB + a linear growth of 0.01 MB per sample + AR(1)
noise (innovations of 1 MB, phi 0, 0.5 or 0.9, started from its stationary distribution),
optionally + a garbage-collector sawtooth (4 MB high, a random period of 20 to 59 samples
and a random phase). One sample a second. For each length and model, the share of series
whose interval holds the true growth, for the interval that assumes independent residuals
(Student t, n - 2 df) and for the Newey-West interval `leak` uses (Bartlett kernel, four
times Andrews' AR(1) plug-in bandwidth, n/(n-2), fixed-b critical values). Both intervals come
from the C++ code: the leak_intervals harness (tests/bench/tools/leak_intervals.cpp) runs
trend::analyse_leak and stats::linear_regression on each series.

    cmake --build build --target leak_intervals
    nice -n 15 /usr/bin/python3 tests/bench/leak_coverage.py --harness build/tests/bench/leak_intervals --reps 2000
"""
import argparse
import subprocess

import numpy as np
from scipy import signal

GROWTH = 0.01  # MB per second


def series(n, phi, sawtooth, rng):
    innovations = rng.standard_normal(n)
    first = innovations[0] / np.sqrt(1 - phi * phi)  # the stationary distribution
    rest = signal.lfilter([1.0], [1.0, -phi], innovations[1:], zi=[phi * first])[0]
    noise = np.concatenate(([first], rest))
    t = np.arange(n, dtype=float)
    y = 200 + GROWTH * t + noise
    if sawtooth:
        period = rng.integers(20, 60)
        phase = rng.integers(0, period)
        y += 4.0 * (((np.arange(n) + phase) % period) / period - 0.5)
    return t, y


def coverage(harness, n, phi, sawtooth, reps, rng):
    chunks = []
    for _ in range(reps):
        t, y = series(n, phi, sawtooth, rng)
        chunks.append(np.concatenate(([float(n)], t, y)))
    data = np.concatenate(chunks).astype("<f8").tobytes()
    out = subprocess.run([harness], input=data, capture_output=True, check=True).stdout
    rows = np.array([[float(v) for v in line.split()] for line in out.decode().splitlines()])
    iid = np.mean((rows[:, 1] <= GROWTH) & (GROWTH <= rows[:, 2]))
    hac = np.mean((rows[:, 3] <= GROWTH) & (GROWTH <= rows[:, 4]))
    return iid, hac, np.median(rows[:, 5])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", default="build/tests/bench/leak_intervals")
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--lengths", default="30,60,120,300,1000,3600,10000")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lengths = [int(v) for v in args.lengths.split(",")]
    print(f"| noise | sawtooth | n | plain | Newey-West | median lags |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for sawtooth in (False, True):
        for phi in (0.0, 0.5, 0.9):
            for n in lengths:
                iid, hac, lags = coverage(args.harness, n, phi, sawtooth, args.reps, rng)
                print(f"| AR(1) {phi:g} | {'yes' if sawtooth else 'no'} | {n} | "
                      f"{100 * iid:.1f}% | {100 * hac:.1f}% | {lags:g} |", flush=True)


if __name__ == "__main__":
    main()
