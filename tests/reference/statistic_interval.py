#!/usr/bin/env python3
"""Reference values for stats::quantile_interval and stats::mean_interval
(tests/unit/stats/statistic_interval_test.cpp), computed with scipy.

Order-statistic interval of the p-quantile: l = binom.ppf(tail, n, p), u = binom.ppf(1 - tail,
n, p) + 1 (1-based order statistics), as in Conover (1999), sec. 3.2.
"""
import numpy as np
from scipy import stats

values = [12.0, 3.5, 7.25, 9.0, 1.5, 4.0, 11.0, 6.5, 8.0, 2.0, 5.0, 10.5]
x = np.sort(values)
n = len(x)
for p, conf in [(0.5, 0.95), (0.5, 0.9), (0.9, 0.8), (0.25, 0.95)]:
    tail = (1 - conf) / 2
    l = int(stats.binom.ppf(tail, n, p))
    u = int(stats.binom.ppf(1 - tail, n, p)) + 1
    coverage = stats.binom.cdf(u - 1, n, p) - stats.binom.cdf(l - 1, n, p)
    if l < 1 or u > n:
        print(f"p={p} conf={conf}: none")
    else:
        print(f"p={p} conf={conf}: l={l} u={u} [{x[l-1]!r}, {x[u-1]!r}] coverage={coverage:.6f}")
for n_small in [5, 6]:
    l = int(stats.binom.ppf(0.025, n_small, 0.5))
    u = int(stats.binom.ppf(0.975, n_small, 0.5)) + 1
    print(f"median of {n_small} at 95%: l={l} u={u} available={l >= 1 and u <= n_small}")
m = np.mean(values)
lo, hi = stats.t.interval(0.95, n - 1, loc=m, scale=stats.sem(values))
print(f"mean 95%: [{lo!r}, {hi!r}]")
