#!/usr/bin/python3
"""Reference values for the paired statistics of src/stats/ (wilcoxon, hodges_lehmann_one_sample,
paired_comparison) and their tests in tests/unit/stats/.

- The Wilcoxon signed-rank test: scipy.stats.wilcoxon (Debian 12's scipy 1.10.1), two-sided,
  for every zero method, method and continuity setting the C++ test offers.
- Its exact null distribution: every one of the 2^n sign patterns enumerated, counted in
  integers (n <= 12).
- The one-sample Hodges-Lehmann estimate and interval, by brute force: every Walsh average
  sorted, the rank k of the ends from the enumerated sign patterns (n <= 16), scipy's own
  exact distribution (n <= 50), or scipy's normal quantile with the tie correction.
The output is committed as tests/reference/paired_reference.inc so that the tests do not
need Python. Regenerate with:

    /usr/bin/python3 tests/reference/paired_reference.py > tests/reference/paired_reference.inc
"""
import itertools
import math
import warnings
from fractions import Fraction

import numpy as np
import scipy
from scipy import stats
from scipy.stats import _morestats

warnings.simplefilter("ignore")  # scipy warns about zeros and small samples; both are cases here
rng = np.random.RandomState(20261201)


def cpp_list(values):
    return "{" + ", ".join(repr(float(v)) for v in values) + "}"


def cpp_bool(value):
    return "true" if value else "false"


def log_ratio(base, head):
    """The C++ paired_log_ratio: log1p of the relative difference, antisymmetric."""
    if head >= base:
        return math.log1p((head - base) / base)
    return -math.log1p((base - head) / head)


# --- Wilcoxon signed-rank test ---------------------------------------------------------------

def scipy_uses_exact(d, method):
    """scipy 1.10.1: 'auto' is exact for at most 50 differences, and zeros force 'approx'."""
    exact = method == "exact" or (method == "auto" and len(d) <= 50)
    return exact and not any(v == 0 for v in d)


wilcoxon_cases = []


def add_wilcoxon(name, d, zero_method="wilcox", method="auto", correction=False):
    d = [float(v) for v in d]

    def run(values, alternative="two-sided"):
        return stats.wilcoxon(values, zero_method=zero_method, correction=correction,
                              method=method, alternative=alternative)
    result = run(d)
    # scipy rounds W+ down before looking up its exact distribution; with ties that depends
    # on the orientation. The C++ test rounds min(W+, W-) down: scipy's value for the
    # differences oriented so that W+ <= W-. 'greater' makes scipy return W+ itself.
    w_plus = float(run(d, "greater").statistic)
    oriented = result if w_plus <= float(result.statistic) else run([-v for v in d])
    wilcoxon_cases.append((name, d, zero_method, method, correction, float(result.statistic),
                           float(oriented.pvalue), float(result.pvalue), scipy_uses_exact(d, method)))


# n = 1..4: the exact test can never get below 2 / 2^n.
add_wilcoxon("n1_positive", [0.3])
add_wilcoxon("n1_negative", [-0.3])
add_wilcoxon("n2_mixed", [0.1, -0.2])
add_wilcoxon("n3_all_positive", [0.1, 0.2, 0.3])
add_wilcoxon("n4_mixed", [0.4, -0.1, 0.3, 0.2])
add_wilcoxon("n4_all_negative", [-0.4, -0.1, -0.3, -0.2])
# Small n, exact, no ties.
add_wilcoxon("n5_one_negative", [0.05, 0.12, -0.03, 0.08, 0.2])
add_wilcoxon("n6_all_positive", [0.01, 0.02, 0.05, 0.03, 0.04, 0.06])
add_wilcoxon("n6_centre", [1.0, -2.0, 3.0, -4.0, 5.0, -6.0])
add_wilcoxon("n8_shift", rng.normal(0.03, 0.05, 8))
add_wilcoxon("n10_null", rng.normal(0.0, 0.05, 10))
add_wilcoxon("n10_shift", rng.normal(0.05, 0.03, 10))
add_wilcoxon("n15_shift", rng.normal(-0.02, 0.04, 15))
add_wilcoxon("n20_null", rng.normal(0.0, 0.1, 20))
add_wilcoxon("n30_shift_exact", rng.normal(0.01, 0.03, 30))
add_wilcoxon("n50_shift_exact", rng.normal(0.008, 0.03, 50))
add_wilcoxon("n50_all_positive", rng.uniform(0.01, 0.1, 50))
# Ties among |d|: scipy 1.10.1 keeps the exact distribution and rounds W+ down.
add_wilcoxon("ties_n10_exact", [0.05, 0.02, 0.03, 0.05, -0.02, 0.04, 0.01, 0.03, 0.06, -0.01])
add_wilcoxon("ties_opposite_signs", [0.01, -0.01, 0.02, 0.03, -0.03, 0.04, 0.05])
# W+ = 28.5, W- = 7.5: scipy 1.10.1 looks up 28 (2 P(W+ <= 8)), but 7 for the negated
# differences (2 P(W+ <= 7)).
add_wilcoxon("ties_half_rank_floor", [0.01, -0.01, 0.02, 0.03, 0.04, -0.05, 0.06, 0.07])
add_wilcoxon("ties_half_rank_floor_negated", [-0.01, 0.01, -0.02, -0.03, -0.04, 0.05, -0.06, -0.07])
add_wilcoxon("all_equal_n7", [0.05] * 7)
add_wilcoxon("ties_n12_approx", np.round(rng.normal(0.02, 0.03, 12), 2), method="approx")
# Zeros force the normal approximation, for each zero method.
zeros_d = [0.0, 0.03, -0.01, 0.02, 0.0, 0.05, 0.04, -0.02, 0.06, 0.01, 0.07, 0.0]
add_wilcoxon("zeros_wilcox", zeros_d, "wilcox")
add_wilcoxon("zeros_pratt", zeros_d, "pratt")
add_wilcoxon("zeros_zsplit", zeros_d, "zsplit")
add_wilcoxon("zeros_wilcox_continuity", zeros_d, "wilcox", correction=True)
add_wilcoxon("zeros_exact_requested", zeros_d, "wilcox", method="exact")
add_wilcoxon("zeros_with_ties_pratt", [0.0, 0.0, 0.01, 0.01, -0.01, 0.02, 0.03, 0.03, -0.04, 0.05], "pratt")
add_wilcoxon("zeros_few_left", [0.0, 0.0, 0.0, 0.1, 0.2], "wilcox")
add_wilcoxon("all_zero_zsplit", [0.0] * 6, "zsplit")
# The normal approximation.
add_wilcoxon("n30_approx", rng.normal(0.01, 0.03, 30), method="approx")
add_wilcoxon("n30_approx_continuity", rng.normal(0.01, 0.03, 30), method="approx", correction=True)
add_wilcoxon("n60_auto", rng.normal(0.005, 0.03, 60))
add_wilcoxon("n60_continuity", rng.normal(0.005, 0.03, 60), correction=True)
add_wilcoxon("n200_auto", rng.normal(0.003, 0.03, 200))
add_wilcoxon("n200_ties", np.round(rng.normal(0.003, 0.03, 200), 3))
add_wilcoxon("n200_far_tail", rng.normal(0.05, 0.03, 200))
# Exact requested beyond 50 (scipy computes its distribution for any n).
add_wilcoxon("n60_exact", rng.normal(0.005, 0.03, 60), method="exact")
add_wilcoxon("n200_exact", rng.normal(0.002, 0.03, 200), method="exact")
add_wilcoxon("n9_exact_continuity_ignored", rng.normal(0.01, 0.03, 9), method="exact", correction=True)

print("// Generated by tests/reference/paired_reference.py with scipy " + scipy.__version__ + ".")
print("// Do not edit: regenerate instead.")
print("struct WilcoxonReference {")
print("    const char* name;")
print("    std::vector<double> d;")
print("    const char* zero_method;")
print("    const char* method;")
print("    bool correction;")
print("    double statistic;")
print("    double p_value;        // scipy on the orientation with W+ <= W-")
print("    double scipy_p_value;  // scipy on d as given")
print("    bool exact;")
print("};")
print("inline const std::vector<WilcoxonReference> k_wilcoxon_reference = {")
for name, d, zero_method, method, correction, statistic, p, scipy_p, exact in wilcoxon_cases:
    print(f'    {{"{name}", {cpp_list(d)}, "{zero_method}", "{method}", {cpp_bool(correction)}, '
          f'{statistic!r}, {p!r}, {scipy_p!r}, {cpp_bool(exact)}}},')
print("};")


# --- The exact distribution of W+ by enumerating sign patterns --------------------------------

def enumerated_counts(n):
    """counts[w]: how many of the 2^n sign patterns give W+ = w."""
    counts = [0] * (n * (n + 1) // 2 + 1)
    for signs in itertools.product((0, 1), repeat=n):
        counts[sum(rank for rank, positive in zip(range(1, n + 1), signs) if positive)] += 1
    return counts


def enumerated_cdf(n):
    counts = enumerated_counts(n)
    total, running, cdf = 2 ** n, 0, []
    for c in counts:
        running += c
        cdf.append(float(Fraction(running, total)))
    return cdf


print("// P(W+ <= w) for w = 0..n(n+1)/2, from all 2^n sign patterns.")
print("inline const std::vector<std::vector<double>> k_signed_rank_cdf = {")
for n in range(0, 13):
    print(f"    {cpp_list(enumerated_cdf(n))},")
print("};")


# --- One-sample Hodges-Lehmann ----------------------------------------------------------------

def exact_cdf(n):
    if n <= 16:
        counts = enumerated_counts(n)
        return np.cumsum(counts) / 2.0 ** n
    return np.cumsum(_morestats._get_wilcoxon_distr(n))


def hodges_lehmann_one_sample(d, confidence):
    n = len(d)
    walsh = sorted((d[i] + d[j]) / 2 for i in range(n) for j in range(i, n))
    m = len(walsh)
    estimate = float(np.median(walsh))
    _, tie_counts = np.unique(np.abs(d), return_counts=True)
    tie_term = float(sum(t ** 3 - t for t in tie_counts))
    tail = (1 - confidence) / 2
    if tie_term == 0 and n <= 50:
        cdf = exact_cdf(n)
        k, achieved = 0, 0.0
        for c in range(m // 2):
            if cdf[c] > tail:
                break
            k, achieved = c + 1, 1 - 2 * cdf[c]
        exact = True
    else:
        sigma = math.sqrt(n * (n + 1) * (2 * n + 1) / 24 - tie_term / 48)
        z = stats.norm.ppf(1 - tail)
        k = int(math.floor(m / 2 - z * sigma + 0.5))
        k = min(k, m // 2)
        achieved = 1 - 2 * stats.norm.cdf((k - 0.5 - m / 2) / sigma) if k >= 1 else 0.0
        exact = False
    if k >= 1:
        return estimate, True, walsh[k - 1], walsh[m - k], exact, float(achieved), k
    return estimate, False, 0.0, 0.0, exact, 0.0, 0


hl_cases = [
    ("n1", [0.2], 0.95),
    ("n2", [0.2, -0.1], 0.95),
    ("n5_no_interval", list(rng.normal(0.05, 0.03, 5)), 0.95),
    ("n6_smallest_interval", list(rng.normal(0.05, 0.03, 6)), 0.95),
    ("n8_90", list(rng.normal(0.02, 0.03, 8)), 0.90),
    ("n10", list(rng.normal(0.05, 0.03, 10)), 0.95),
    ("n10_99", list(rng.normal(0.05, 0.03, 10)), 0.99),
    ("n17_scipy_distribution", list(rng.normal(-0.01, 0.05, 17)), 0.95),
    ("n30", list(rng.normal(0.01, 0.02, 30)), 0.95),
    ("n50_exact", list(rng.standard_t(3, 50) * 0.02 + 0.01), 0.95),
    ("n51_normal", list(rng.normal(0.01, 0.02, 51)), 0.95),
    ("ties_n10_normal", list(np.round(rng.normal(0.02, 0.03, 10), 2)), 0.95),
    ("zeros_n12", [0.0, 0.03, -0.01, 0.02, 0.0, 0.05, 0.04, -0.02, 0.06, 0.01, 0.07, 0.0], 0.95),
    ("one_zero_n9_exact", [0.0, 0.03, -0.01, 0.02, 0.05, 0.04, -0.02, 0.06, 0.011], 0.95),
    ("all_equal_n8", [0.05] * 8, 0.95),
    ("n64_enumerated", list(rng.normal(0.01, 0.02, 64)), 0.95),
    ("n65_counted", list(rng.normal(0.01, 0.02, 65)), 0.95),
    ("n200_counted", list(rng.normal(0.003, 0.03, 200)), 0.95),
    ("n200_ties_counted", list(np.round(rng.normal(0.003, 0.03, 200), 3)), 0.90),
    ("n300_skewed", list(rng.exponential(0.05, 300) - 0.03), 0.95),
]
print("struct OneSampleReference {")
print("    const char* name;")
print("    std::vector<double> d;")
print("    double confidence;")
print("    double estimate;")
print("    bool has_interval;")
print("    double low;")
print("    double high;")
print("    bool exact;")
print("    double achieved;")
print("    std::size_t k;")
print("};")
print("inline const std::vector<OneSampleReference> k_one_sample_reference = {")
for name, d, confidence in hl_cases:
    d = [float(v) for v in d]
    est, has, low, high, exact, achieved, k = hodges_lehmann_one_sample(d, confidence)
    print(f'    {{"{name}", {cpp_list(d)}, {confidence!r}, {est!r}, {cpp_bool(has)}, {float(low)!r}, '
          f'{float(high)!r}, {cpp_bool(exact)}, {achieved!r}, {k}}},')
print("};")


# --- A paired comparison of one metric ------------------------------------------------------

paired_cases = [
    ("n10_head_5pct_slower", list(rng.lognormal(0, 0.03, 10)), 1.05),
    ("n5_too_few", list(rng.lognormal(0, 0.03, 5)), 1.10),
    ("n30_same", list(rng.lognormal(0, 0.05, 30)), 1.0),
    ("n200_head_faster", list(rng.lognormal(0, 0.05, 200)), 0.98),
]
print("struct PairedReference {")
print("    const char* name;")
print("    std::vector<double> base;")
print("    std::vector<double> head;")
print("    double median;")
print("    double estimate;")
print("    bool has_interval;")
print("    double low;")
print("    double high;")
print("    double statistic;")
print("    double p_value;")
print("};")
print("inline const std::vector<PairedReference> k_paired_reference = {")
for name, base, factor in paired_cases:
    # head: the same rounds, slower by `factor`, with its own noise; times in nanoseconds,
    # rounded to 0.1 ns as tools print them.
    base = [round(1000 * b, 1) for b in base]
    head = [round(b * factor * float(rng.lognormal(0, 0.02)), 1) for b in base]
    d = [log_ratio(b, h) for b, h in zip(base, head)]
    est, has, low, high, _, _, _ = hodges_lehmann_one_sample(d, 0.95)
    result = stats.wilcoxon(d)
    print(f'    {{"{name}", {cpp_list(base)}, {cpp_list(head)}, {float(np.median(d))!r}, {est!r}, '
          f'{cpp_bool(has)}, {float(low)!r}, {float(high)!r}, {float(result.statistic)!r}, {float(result.pvalue)!r}}},')
print("};")
