#!/usr/bin/python3
"""Coverage and power of the 95% slope interval of `caws-gate leak`.

Simulates memory series (seeded): 200 MB + a linear growth of 0.01 MB per sample + AR(1)
noise (innovations of 1 MB, phi 0, 0.5 or 0.9, started from its stationary distribution),
optionally + a garbage-collector sawtooth (4 MB high, a random period of 20 to 59 samples
and a random phase). One sample a second. For each length and model: the share of series
whose interval holds the true growth ("holds") and whose lower bound is above zero (the
growth is found: the power against this leak at a threshold of 0), for three intervals: the
one that assumes independent residuals (Student t, n - 2 df), the one `leak` uses (AR(1)
noise: the AR(1) coefficient's posterior mean, the exact AR(1) variance of the slope,
Student t on Satterthwaite's df with the coefficient's posterior variance) and the earlier
Newey-West one (Bartlett kernel, four times Andrews' AR(1) plug-in bandwidth, fixed-b
critical values). All come from the C++ code: the
leak_intervals harness (tests/bench/tools/leak_intervals.cpp) runs stats::linear_regression,
trend::analyse_leak and stats::fixed_b_regression on each series.

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


def intervals(harness, n, phi, sawtooth, reps, rng):
    chunks = []
    for _ in range(reps):
        t, y = series(n, phi, sawtooth, rng)
        chunks.append(np.concatenate(([float(n)], t, y)))
    data = np.concatenate(chunks).astype("<f8").tobytes()
    out = subprocess.run([harness], input=data, capture_output=True, check=True).stdout
    return np.array([[float(v) for v in line.split()] for line in out.decode().splitlines()])


def holds(low, high):
    return 100 * np.mean((low <= GROWTH) & (GROWTH <= high))


def finds(low):
    return 100 * np.mean(low > 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", default="build/tests/bench/leak_intervals")
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--lengths", default="30,60,120,300,1000,3600,10000")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lengths = [int(v) for v in args.lengths.split(",")]
    print("| noise | sawtooth | n | plain holds | Newey-West holds | AR(1) holds | "
          "Newey-West finds | AR(1) finds | AR(1) df | width AR(1) / Newey-West |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for sawtooth in (False, True):
        for phi in (0.0, 0.5, 0.9):
            for n in lengths:
                r = intervals(args.harness, n, phi, sawtooth, args.reps, rng)
                width = np.median((r[:, 4] - r[:, 3]) / (r[:, 7] - r[:, 6]))
                print(f"| AR(1) {phi:g} | {'yes' if sawtooth else 'no'} | {n} | "
                      f"{holds(r[:, 1], r[:, 2]):.1f}% | {holds(r[:, 6], r[:, 7]):.1f}% | "
                      f"{holds(r[:, 3], r[:, 4]):.1f}% | {finds(r[:, 6]):.1f}% | "
                      f"{finds(r[:, 3]):.1f}% | {np.median(r[:, 5]):.3g} | {width:.2f} |",
                      flush=True)


if __name__ == "__main__":
    main()
