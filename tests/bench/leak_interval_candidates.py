#!/usr/bin/python3
"""The slope intervals considered for `caws-gate leak`, measured in numpy before choosing.

The same model as leak_coverage.py without the sawtooth (200 MB + 0.01 MB per sample +
AR(1) noise, innovations of 1 MB, started stationary, one sample a second), the share of
95% intervals that hold the true growth, for:

  b1        Newey-West with the bandwidth n (b = 1, Kiefer, Vogelsang and Bunzel 2000) and
            the fixed-b critical value of src/stats/newey_west.cpp at b = 1
  prewhite  AR(1) prewhitening and recolouring (Andrews and Monahan 1992) of the scores with
            the bias-corrected rho, Bartlett kernel with Andrews' lag on the prewhitened
            scores, Student t on n - 2 df
  ar1_raw   the AR(1) variance of the slope (src/stats/ar1_regression.cpp) with the
            uncorrected autocorrelation r, Student t on n - 2 df
  ar1_bc    the same with rho = (n r + 2) / (n - 4), Student t on n - 2 df
  ar1_satt  the same with Satterthwaite's df tr(MR)^2 / tr(MRMR)
  ar1_now   the same with df = 2 / var(log V) (Satterthwaite's term and rho's): the interval
            `leak` uses

and small-sample refinements of ar1_now for short, persistent series:

  r_var     var(rho) in the df from the moments of r for the design (r a ratio of quadratic
            forms in normal noise, the delta method with exact traces), times (n / (n - 4))^2
  post      rho the posterior mean under a uniform prior on (-1, 1) with the restricted
            likelihood of an AR(1) around a line (Zellner and Tiao 1964; Harville 1974)
  post_var  the same, with the posterior variance of rho in the df
  post_mix  the t-interval integrated over that posterior: the half-width h with
            sum_k w_k P(|t(df_k)| <= h / se_k) = 0.95 over a grid of rho (se_k and
            Satterthwaite's df_k at each rho, w_k the posterior weights)
  jeff_*    post, post_var and post_mix with Jeffreys' prior (1 - rho^2)^(-1/2) instead

and, first, the mean bias of r against -(2 + 4 rho) / n. The earlier interval (Newey-West,
four times Andrews' bandwidth, fixed-b) is measured by leak_coverage.py from the C++ code.

    nice -n 15 /usr/bin/python3 tests/bench/leak_interval_candidates.py
"""
import argparse

import numpy as np
from scipy import signal, stats

GROWTH = 0.01


def series(n, phi, reps, rng):
    innovations = rng.standard_normal((reps, n))
    first = innovations[:, 0] / np.sqrt(1 - phi * phi)
    rest = signal.lfilter([1.0], [1.0, -phi], innovations[:, 1:], axis=1,
                          zi=(phi * first)[:, None])[0]
    t = np.arange(n, dtype=float)
    return t, 200 + GROWTH * t + np.concatenate((first[:, None], rest), axis=1)


def dense(n, rho):
    lag = np.abs(np.subtract.outer(np.arange(n), np.arange(n))).astype(float)
    return rho**lag, np.where(lag > 0, lag * rho ** np.maximum(lag - 1, 0), 0.0)


class Design:
    """tr(MR), tr(MRMR), c'Rc and their derivatives on a grid of rho, for one length."""

    def __init__(self, n):
        t = np.arange(n, dtype=float)
        self.xc = t - t.mean()
        self.c = self.xc / (self.xc @ self.xc)
        X = np.column_stack((np.ones(n), self.xc))
        M = np.eye(n) - X @ np.linalg.solve(X.T @ X, X.T)
        self.grid = np.linspace(-0.97, 0.99, 197)
        rows = []
        for rho in self.grid:
            R, dR = dense(n, rho)
            MR = M @ R
            tr, crc = np.trace(MR), self.c @ R @ self.c
            d_log_v = (self.c @ dR @ self.c) / crc - np.trace(M @ dR) / tr
            rows.append((tr, tr * tr / np.sum(MR * MR.T), crc, d_log_v))
        self.tr, self.satt, self.crc, self.dlogv = np.array(rows).T
        # var(r) to first order in the deviations of r's numerator e'Ae and denominator
        # e'De from their means, e = M u, u ~ N(0, R): exact traces for this design
        A = np.zeros((n, n))
        i = np.arange(n - 1)
        A[i, i + 1] = A[i + 1, i] = 0.5
        D = np.eye(n)
        D[-1, -1] = 0
        QA, QD = M @ A @ M, M @ D @ M
        rvar = []
        for rho in self.grid:
            R, _ = dense(n, rho)
            AR, DR = QA @ R, QD @ R
            mean_a, mean_d = np.trace(AR), np.trace(DR)
            ratio = mean_a / mean_d
            rvar.append(2 * (np.sum(AR * AR.T) - 2 * ratio * np.sum(AR * DR.T)
                             + ratio**2 * np.sum(DR * DR.T)) / mean_d**2)
        self.rvar = np.array(rvar)
        # the posterior's grid: uniform in rho, so the weights are the densities
        self.post_grid = np.linspace(-0.9995, 0.9995, 400)
        post_rows = []
        for rho in self.post_grid:
            R, _ = dense(n, rho)
            MR = M @ R
            tr = np.trace(MR)
            post_rows.append((self.c @ R @ self.c / tr, tr * tr / np.sum(MR * MR.T)))
        self.post_f, self.post_satt = np.array(post_rows).T

    def at(self, table, rho):
        return np.interp(rho, self.grid, table)


def fit(t, y):
    n = len(t)
    xc = t - t.mean()
    slope = y @ (xc / (xc @ xc))
    e = y - y.mean(1, keepdims=True) - slope[:, None] * xc[None, :]
    r = np.clip(np.sum(e[:, 1:] * e[:, :-1], 1) / np.sum(e[:, :-1] ** 2, 1), -0.97, 0.97)
    return slope, e, r, np.clip((n * r + 2) / (n - 4), -0.97, 0.99)


def posterior(t, y, grid, jeffreys):
    """Posterior weights of rho on the grid: restricted likelihood x prior."""
    n = len(t)
    X = np.column_stack((np.ones(n), t - t.mean()))
    logp = np.empty((y.shape[0], len(grid)))
    for k, rho in enumerate(grid):
        s = np.sqrt(1 - rho * rho)
        Z = np.vstack((s * X[:1], X[1:] - rho * X[:-1]))
        z = np.concatenate((s * y[:, :1], y[:, 1:] - rho * y[:, :-1]), axis=1)
        gram = Z.T @ Z
        Zz = z @ Z
        rss = np.sum(z * z, 1) - np.sum((Zz @ np.linalg.inv(gram)) * Zz, 1)
        logp[:, k] = 0.5 * np.log(1 - rho * rho) - 0.5 * np.log(np.linalg.det(gram)) \
            - (n - 2) / 2 * np.log(rss)
        if jeffreys:
            logp[:, k] -= 0.5 * np.log(1 - rho * rho)
    w = np.exp(logp - logp.max(1, keepdims=True))
    return w / w.sum(1, keepdims=True)


def mixture_halfwidth(se, df, w):
    lo, hi = np.zeros(len(w)), 1000 * np.max(se, 1)
    for _ in range(50):
        mid = (lo + hi) / 2
        p = np.sum(w * (2 * stats.t.cdf(mid[:, None] / se, df[None, :]) - 1), 1)
        lo, hi = np.where(p < 0.95, mid, lo), np.where(p < 0.95, hi, mid)
    return (lo + hi) / 2


def bartlett(h, bandwidth):
    n = h.shape[1]
    size = int(2 ** np.ceil(np.log2(2 * n)))
    f = np.fft.rfft(h, size, axis=1)
    gamma = np.fft.irfft(f * np.conj(f), size, axis=1)[:, :n]
    weights = np.clip(1 - np.arange(n)[None, :] / bandwidth[:, None], 0, None)
    return gamma[:, 0] + 2 * np.sum(gamma[:, 1:] * weights[:, 1:], 1)


def candidate(name, n, t, y, design):
    slope, e, r, rho = fit(t, y)
    xc = t - t.mean()
    sxx = xc @ xc
    student = stats.t.ppf(0.975, n - 2)
    rho_variance = None  # of the rho in the df: (1 - rho^2) / n unless a candidate says
    if name == "b1":
        h = xc[None, :] * e
        variance = bartlett(h, np.full(len(e), float(n))) / sxx**2 * n / (n - 2)
        b = 1.0
        return slope, np.sqrt(variance), student + ((0.7999 * b - 2.8) * b + 5.7657) * b
    if name == "prewhite":
        h = xc[None, :] * e
        star = h[:, 1:] - np.minimum(rho, 0.97)[:, None] * h[:, :-1]
        rs = np.clip(np.sum(star[:, 1:] * star[:, :-1], 1) / np.sum(star[:, :-1] ** 2, 1),
                     -0.97, 0.97)
        alpha = 4 * rs**2 / ((1 - rs) ** 2 * (1 + rs) ** 2)
        lags = np.minimum(np.floor(1.1447 * np.cbrt(alpha * n)), n - 3)
        s = bartlett(star, lags + 1) / (1 - np.minimum(rho, 0.97)) ** 2
        return slope, np.sqrt(s / sxx**2 * n / (n - 2)), student
    if name.startswith(("post", "jeff")):
        w = posterior(t, y, design.post_grid, name.startswith("jeff"))
        if name.endswith("mix"):
            ee = np.sum(e * e, 1)
            se = np.sqrt(ee[:, None] * design.post_f[None, :])
            return slope, mixture_halfwidth(se, design.post_satt, w), 1.0
        mean = w @ design.post_grid
        rho = np.clip(mean, -0.97, 0.99)
        if name.endswith("var"):
            rho_variance = w @ design.post_grid**2 - mean**2
        name = "ar1_now"
    use = r if name == "ar1_raw" else rho
    se = np.sqrt(np.sum(e * e, 1) / design.at(design.tr, use) * design.at(design.crc, use))
    if name in ("ar1_raw", "ar1_bc"):
        return slope, se, student
    satt = design.at(design.satt, use)
    if name == "ar1_satt":
        return slope, se, stats.t.ppf(0.975, satt)
    dlogv = design.at(design.dlogv, use)
    if name == "r_var":
        rho_variance = (n / (n - 4)) ** 2 * design.at(design.rvar, use)
    elif rho_variance is None:
        rho_variance = (1 - use * use) / n
    df = np.maximum(1, 2 / (2 / satt + dlogv**2 * rho_variance))
    return slope, se, stats.t.ppf(0.975, df)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--lengths", default="30,60,120,300")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    lengths = [int(v) for v in args.lengths.split(",")]
    print("| n | bias of r, rho 0 | rho 0.5 | rho 0.9 |  (-(2 + 4 rho) / n in brackets)")
    print("| ---: | ---: | ---: | ---: |")
    for n in lengths:
        cells = []
        for phi in (0.0, 0.5, 0.9):
            t, y = series(n, phi, 20000, rng)
            r = fit(t, y)[2]
            cells.append(f"{np.mean(r) - phi:.3f} ({-(2 + 4 * phi) / n:.3f})")
        print(f"| {n} | " + " | ".join(cells) + " |")
    names = ["b1", "prewhite", "ar1_raw", "ar1_bc", "ar1_satt", "ar1_now", "r_var", "post",
             "post_var", "post_mix", "jeff", "jeff_var", "jeff_mix"]
    print()
    print("| noise | n | " + " | ".join(names) + " |")
    print("| --- | ---: |" + " ---: |" * len(names))
    designs = {n: Design(n) for n in lengths}
    for phi in (0.9, 0.5, 0.0):
        for n in lengths:
            t, y = series(n, phi, args.reps, rng)
            cells = []
            for name in names:
                slope, se, q = candidate(name, n, t, y, designs[n])
                cells.append(f"{100 * np.mean(np.abs(slope - GROWTH) <= q * se):.1f}%")
            print(f"| AR(1) {phi:g} | {n} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
