#!/usr/bin/python3
"""Reference values for the paired power analysis of `caws-gate ab` (stats/power.hpp:
paired_minimum_detectable_shift and pairs_needed; tests/unit/stats/power_test.cpp).

A paired design tests the mean log ratio of n rounds (a one-sample test), so the smallest
shift detected with probability `power` at two-sided level alpha is, by the usual
approximation (Cohen 1988, ch. 2),

    shift = (t(1 - alpha/2; n - 1) + t(power; n - 1)) sigma / sqrt(efficiency n)

with sigma the standard deviation of one round's log ratio and `efficiency` the test's
asymptotic relative efficiency to the t-test (3 / pi for the signed-rank test). This script
computes it with scipy's t quantiles, the exact power of the one-sample t-test at that shift
(non-central t, scipy.stats.nct; efficiency 1 only), and the smallest n whose shift is at
most a given one by a linear search from 2. The output is committed as
tests/reference/paired_power_reference.inc. Regenerate:

    /usr/bin/python3 tests/reference/paired_power_reference.py \\
        > tests/reference/paired_power_reference.inc
"""
import math

import numpy as np
import scipy
from scipy import stats

RANK = 3 / math.pi


def shift_of(sigma, n, alpha, power, efficiency):
    factor = stats.t.ppf(1 - alpha / 2, n - 1) + stats.t.ppf(power, n - 1)
    return factor * sigma / math.sqrt(efficiency * n)


def exact_power(sigma, n, alpha, shift):
    """Two-sided one-sample t-test power at `shift` (non-central t)."""
    df = n - 1
    nc = shift * math.sqrt(n) / sigma
    crit = stats.t.ppf(1 - alpha / 2, df)
    return float(stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc))


def needed(sigma, shift, alpha, power, efficiency):
    n = 2
    while shift_of(sigma, n, alpha, power, efficiency) > shift:
        n += 1
    return n


cases = []
for sigma, n, alpha, power, efficiency in [
        (0.05, 10, 0.05, 0.8, 1.0), (0.05, 10, 0.05, 0.8, RANK), (0.2, 10, 0.05, 0.8, 1.0),
        (0.2, 20, 0.01, 0.8, 1.0), (0.1, 6, 0.05, 0.9, RANK), (0.3, 40, 0.05 / 12, 0.8, 1.0),
        (0.02, 3, 0.05, 0.8, 1.0)]:
    shift = shift_of(sigma, n, alpha, power, efficiency)
    exact = exact_power(sigma, n, alpha, shift) if efficiency == 1.0 else float("nan")
    cases.append((sigma, n, alpha, power, efficiency, shift, exact))

rounds = []
for sigma, shift, alpha, power, efficiency in [
        (0.05, math.log(1.2), 0.05, 0.8, 1.0), (0.05, math.log(1.2), 0.05, 0.8, RANK),
        (0.3, math.log(1.2), 0.05, 0.8, 1.0), (0.3, math.log(1.2), 0.05 / 12, 0.8, RANK),
        (0.6, math.log(1.1), 0.01, 0.8, 1.0), (0.01, math.log(1.2), 0.05, 0.8, 1.0)]:
    rounds.append((sigma, shift, alpha, power, efficiency,
                   needed(sigma, shift, alpha, power, efficiency)))


def signed_rank_attained(n, alpha):
    """The size the exact two-sided signed-rank test attains at `alpha` with n differences:
    the distribution of W+ counted over all 2^n sign patterns (ranks 1..n), then the
    largest min(1, 2 P(W+ <= w)) at most alpha; 0 when there is none."""
    counts = [1]
    for rank in range(1, n + 1):
        grown = [0] * (len(counts) + rank)
        for w, c in enumerate(counts):
            grown[w] += c
            grown[w + rank] += c
        counts = grown
    cumulative, best = 0, 0.0
    for c in counts:
        cumulative += c
        p = min(1.0, 2 * cumulative / 2 ** n)
        if p > alpha:
            break
        best = p
    return best


def needed_attained(sigma, shift, alpha, power, efficiency):
    """The rounds `ab` asks for: the smallest n (at least those that can reach alpha) whose
    detectable shift at the attained size of the signed-rank test is at most `shift`."""
    n = 2
    while True:
        attained = signed_rank_attained(n, alpha)
        if attained > 0 and shift_of(sigma, n, attained, power, efficiency) <= shift:
            return n
        n += 1


ATTAINED = [(n, alpha, signed_rank_attained(n, alpha))
            for n, alpha in [(5, 0.05), (6, 0.05), (7, 0.05), (8, 0.05), (10, 0.05), (20, 0.05),
                             (12, 0.01), (30, 0.05 / 12)]]

# `ab` on the median of round values: ten rounds whose log ratios are D, one gated metric
# (alpha 0.05), the signed-rank test (efficiency 3 / pi), the minor threshold 1.2x; the
# detectable ratio and the rounds needed at the size the exact test attains (0.0488 with
# ten rounds, 0.03125 with six).
D = [0.10, 0.12, 0.08, 0.15, 0.05, 0.11, 0.09, 0.13, 0.07, 0.10]
D_SD = float(np.std(D, ddof=1))
D_RATIO = math.exp(shift_of(D_SD, len(D), signed_rank_attained(len(D), 0.05), 0.8, RANK))
D_ROUNDS = needed_attained(D_SD, math.log(1.2), 0.05, 0.8, RANK)
# The same log ratios ten times as spread: more rounds than were run.
D10_ROUNDS = needed_attained(10 * D_SD, math.log(1.2), 0.05, 0.8, RANK)
D10_RATIO = math.exp(shift_of(10 * D_SD, len(D), signed_rank_attained(len(D), 0.05), 0.8, RANK))
# Four times as spread: the approximation at the nominal 0.05 would ask for 6 rounds, where
# the test rejects only when all six agree (a test at 0.03125); at that size, more.
D4_NOMINAL = max(needed(4 * D_SD, math.log(1.2), 0.05, 0.8, RANK), 6)
D4_ROUNDS = needed_attained(4 * D_SD, math.log(1.2), 0.05, 0.8, RANK)


def number(v):
    return "std::numeric_limits<double>::quiet_NaN()" if math.isnan(v) else repr(float(v))


print(f"// Generated by tests/reference/paired_power_reference.py with scipy {scipy.__version__},"
      f" numpy {np.__version__}.")
print("// Do not edit: regenerate instead.")
print("""struct PairedPowerReference {
    double sigma;
    std::size_t n;
    double alpha, power, efficiency;
    double shift;        // (t(1 - alpha/2; n - 1) + t(power; n - 1)) sigma / sqrt(efficiency n)
    double exact_power;  // of the one-sample t-test at that shift (efficiency 1), else NaN
};""")
print("inline const std::vector<PairedPowerReference> k_paired_power = {")
for (sigma, n, alpha, power, efficiency, shift, exact) in cases:
    print(f"    {{{sigma!r}, {n}, {alpha!r}, {power!r}, {efficiency!r}, {shift!r}, "
          f"{number(exact)}}},")
print("};")
print("""struct PairsNeededReference {
    double sigma, shift, alpha, power, efficiency;
    std::size_t n;  // the smallest n whose shift is at most `shift`, by linear search
};""")
print("inline const std::vector<PairsNeededReference> k_pairs_needed = {")
for (sigma, shift, alpha, power, efficiency, n) in rounds:
    print(f"    {{{sigma!r}, {shift!r}, {alpha!r}, {power!r}, {efficiency!r}, {n}}},")
print("};")
print("// The size the exact signed-rank test attains: n, alpha, attained.")
print("struct AttainedAlphaReference {")
print("    std::size_t n;")
print("    double alpha, attained;")
print("};")
print("inline const std::vector<AttainedAlphaReference> k_signed_rank_attained = {")
for n, alpha, attained in ATTAINED:
    print(f"    {{{n}, {alpha!r}, {attained!r}}},")
print("};")
print("// `ab`, the median of ten rounds whose log ratios are k_ab_log_ratios (and ten times them).")
print(f"inline const std::vector<double> k_ab_log_ratios = {{{', '.join(repr(v) for v in D)}}};")
print(f"inline constexpr double k_ab_noise = {D_SD!r};")
print(f"inline constexpr double k_ab_min_detectable_ratio = {D_RATIO!r};")
print(f"inline constexpr std::size_t k_ab_rounds_needed = {D_ROUNDS};")
print(f"inline constexpr double k_ab_wide_min_detectable_ratio = {D10_RATIO!r};")
print(f"inline constexpr std::size_t k_ab_four_nominal_rounds = {D4_NOMINAL};")
print(f"inline constexpr std::size_t k_ab_four_rounds_needed = {D4_ROUNDS};")
print(f"inline constexpr std::size_t k_ab_wide_rounds_needed = {D10_ROUNDS};")
