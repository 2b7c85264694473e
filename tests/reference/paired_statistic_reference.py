#!/usr/bin/python3
"""Reference values for src/stats/paired_statistic_bootstrap (tests/unit/stats/paired_statistic_bootstrap_test.cpp).

`caws-gate ab` compares a statistic other than the median (p90, p95, p99, mean, min, max)
over rounds: each round gave both sides samples, and the ratio is
statistic(head samples of all rounds) / statistic(base samples of all rounds). The rounds
are the units: the bootstrap resamples rounds (both sides of a round together) and the
permutation test exchanges the sides within rounds.

scipy sees the rounds through their ids: the base of round r is id r, the head id r + R,
and the statistic pools the samples of the ids it is given. Then
scipy.stats.bootstrap((base_ids, head_ids), ratio, paired=True) resamples rounds, and
scipy.stats.permutation_test((base_ids, head_ids), |log ratio|, permutation_type="samples")
exchanges the sides of each round: exactly the paired methods of the C++ code.

- The ratio of GIVEN round resamples (index sets drawn here with numpy's generator and
  committed): the C++ pooled_ratio must give numpy's value.
- BCa of a GIVEN bootstrap distribution (those replicates): scipy's own BCa code,
  scipy.stats._resampling._bca_interval (Debian 12's scipy 1.10.1) on the round ids, as
  bootstrap(paired=True) calls it (the jackknife leaves one round out), gives the levels,
  the bias and the acceleration; the interval is numpy.percentile of the replicates at
  those levels. This checks the formula exactly, whatever the generator.
- The exact sign-flip p-value: permutation_test enumerates all 2^12 exchanges (alternative
  "greater" on |log ratio|); the C++ test enumerates them too and must agree to rounding,
  and its Monte Carlo p-value must agree within its binomial error.
- The expanded level (Hesterberg 2015) at which the C++ code takes the bootstrap's
  quantiles for few rounds, from scipy's t and normal distributions.
- End to end: scipy.stats.bootstrap(paired=True, method="BCa" or "percentile",
  n_resamples=20000) on the same rounds, at the expanded level of 95% for their number,
  and the spread of its ends over five seeds, which
  sets the Monte Carlo tolerance of the C++ test (with as many resamples from its own
  generator). Also on rounds of one value each, where scipy is given the values themselves:
  bootstrap((base, head), paired=True).
The output is committed as tests/reference/paired_statistic_reference.inc. Regenerate:

    /usr/bin/python3 tests/reference/paired_statistic_reference.py \\
        > tests/reference/paired_statistic_reference.inc
"""
import math

import numpy as np
import scipy
from scipy import stats
from scipy.stats import _resampling

rng = np.random.default_rng(20261207)
R = 12
CONFIDENCE = 0.95

# Rounds of 4 to 9 samples per side: a drift per round shared by both sides, log-normal
# noise, and a head whose upper tail is heavier (its median about the same).
base_rounds = []
head_rounds = []
for r in range(R):
    drift = rng.lognormal(0.0, 0.15)
    nb, nh = rng.integers(4, 10, 2)
    base_rounds.append(np.round(100 * drift * rng.lognormal(0.0, 0.2, nb), 4))
    head = 100 * drift * rng.lognormal(0.0, 0.2, nh)
    head = np.where(head > 100 * drift * 1.15, head * 1.4, head)
    head_rounds.append(np.round(head, 4))
ROUNDS = base_rounds + head_rounds  # by id: base r is r, head r is R + r

STATISTICS = [("mean", None), ("p90", 90.0), ("p95", 95.0), ("p99", 99.0), ("min", 0.0),
              ("max", 100.0)]


def statistic_of(q):
    if q is None:
        return lambda v: float(np.mean(v))
    return lambda v: float(np.percentile(v, q, method="linear"))


def pooled(ids):
    return np.concatenate([ROUNDS[int(i)] for i in ids])


def along_last(f):
    """f of 1-d id arrays, applied along the last axis as scipy's batches need."""
    def g(*arrays, axis=-1):
        arrays = [np.asarray(a) for a in arrays]
        if arrays[0].ndim == 1:
            return f(*arrays)
        shape = arrays[0].shape[:-1]
        flat = [a.reshape(-1, a.shape[-1]) for a in arrays]
        return np.array([f(*rows) for rows in zip(*flat)]).reshape(shape)
    return g


def ratio_of(q):
    f = statistic_of(q)
    return along_last(lambda base_ids, head_ids: f(pooled(head_ids)) / f(pooled(base_ids)))


def abs_log_ratio_of(q):
    f = statistic_of(q)
    return along_last(
        lambda base_ids, head_ids: abs(math.log(f(pooled(head_ids)) / f(pooled(base_ids)))))


def ratio_of_rounds(q):
    """The same ratio as a statistic of one sample of round numbers (bootstrap(paired=True)
    turns its samples into one such sample before the BCa step)."""
    f = statistic_of(q)
    return along_last(lambda rounds: f(pooled(rounds + R)) / f(pooled(rounds)))


def cpp_list(values):
    return "{" + ", ".join(repr(float(v)) for v in values) + "}"


def cpp_sizes(values):
    return "{" + ", ".join(str(int(v)) for v in values) + "}"


BASE_IDS = np.arange(R)
HEAD_IDS = np.arange(R) + R

# Given resamples of the rounds, then scipy's BCa on their ratios.
B_GIVEN = 400
drawn = rng.integers(0, R, (B_GIVEN, R))
given = []
for name, q in STATISTICS:
    ratio = ratio_of(q)
    replicates = np.array([ratio(row, row + R) for row in drawn])
    estimate = float(ratio(BASE_IDS, HEAD_IDS))
    jackknife = [float(ratio(np.delete(BASE_IDS, i), np.delete(HEAD_IDS, i))) for i in range(R)]
    alpha = (1 - CONFIDENCE) / 2
    a1, a2, a_hat = _resampling._bca_interval((BASE_IDS,), ratio_of_rounds(q), -1, alpha,
                                              replicates, None)
    a1, a2 = float(np.squeeze(a1)), float(np.squeeze(a2))
    bca = (float(np.percentile(replicates, a1 * 100)), float(np.percentile(replicates, a2 * 100)))
    percentile = (float(np.percentile(replicates, 2.5)), float(np.percentile(replicates, 97.5)))
    z0 = float(stats.norm.ppf(_resampling._percentile_of_score(replicates, estimate, -1)))
    given.append((name, estimate, replicates, jackknife, a1, a2, float(np.squeeze(a_hat)), z0,
                  bca, percentile))

# The exact sign-flip p-value: every one of the 2^R exchanges.
exact = []
for name, q in STATISTICS:
    r = stats.permutation_test((BASE_IDS, HEAD_IDS), abs_log_ratio_of(q),
                               permutation_type="samples", alternative="greater",
                               n_resamples=np.inf, vectorized=True)
    exact.append((name, float(r.pvalue)))

# scipy.stats.bootstrap end to end, and its Monte Carlo spread over seeds.
B_END = 20000


def expanded(confidence, n):
    """Hesterberg's expanded level: the normal quantile of the tail replaced by
    sqrt(n / (n - 1)) times Student's t with n - 1 degrees of freedom."""
    t = stats.t.ppf(1 - (1 - confidence) / 2, n - 1)
    return min(1 - 2 * stats.norm.cdf(-math.sqrt(n / (n - 1)) * t), 1 - 1e-9)


EXPANDED = [(c, n, expanded(c, n)) for c in (0.95, 0.9, 0.99) for n in (2, 3, 6, 10, 12, 20, 100)]


def end_to_end(data, statistic, method):
    """At the level the C++ code takes its quantiles for CONFIDENCE over these rounds."""
    ends = []
    level = expanded(CONFIDENCE, len(data[0]))
    for seed in range(5):
        r = stats.bootstrap(data, statistic, paired=True, n_resamples=B_END, method=method,
                            confidence_level=level, vectorized=True, random_state=seed)
        ends.append((r.confidence_interval.low, r.confidence_interval.high))
    ends = np.array(ends)
    spread = ends.std(axis=0, ddof=1)
    return float(ends[0, 0]), float(ends[0, 1]), float(max(spread[0], spread[1]))


end_to_end_rounds = []
for name, q, method in [("mean", None, "BCa"), ("p90", 90.0, "BCa"), ("p95", 95.0, "BCa"),
                        ("max", 100.0, "percentile")]:
    end_to_end_rounds.append((name, method) +
                             end_to_end((BASE_IDS, HEAD_IDS), ratio_of(q), method))

# Rounds of one value each: scipy is given the values, paired.
N_SINGLE = 20
single_base = np.round(100 * rng.lognormal(0.0, 0.2, N_SINGLE), 4)
single_head = np.round(single_base * rng.lognormal(0.05, 0.1, N_SINGLE), 4)
end_to_end_single = []
for name, q in [("mean", None), ("p90", 90.0)]:
    f = statistic_of(q)

    def value_ratio(a, b, axis=-1, f=f):
        return along_last(lambda x, y: f(y) / f(x))(a, b)
    end_to_end_single.append((name, "BCa") +
                             end_to_end((single_base, single_head), value_ratio, "BCa"))

print(f"// Generated by tests/reference/paired_statistic_reference.py with scipy "
      f"{scipy.__version__}, numpy {np.__version__}.")
print("// Do not edit: regenerate instead.")
print("// The samples of each round, base and head.")
print("inline const std::vector<std::vector<double>> k_ps_base = {")
for values in base_rounds:
    print(f"    {cpp_list(values)},")
print("};")
print("inline const std::vector<std::vector<double>> k_ps_head = {")
for values in head_rounds:
    print(f"    {cpp_list(values)},")
print("};")
print("// The rounds drawn for each given resample (numpy's generator).")
print("inline const std::vector<std::vector<std::size_t>> k_ps_drawn = {")
for row in drawn:
    print(f"    {cpp_sizes(row)},")
print("};")
print("""struct PairedGivenReference {
    const char* statistic;
    double estimate;                 // the ratio of all rounds
    std::vector<double> replicates;  // of the rounds of k_ps_drawn
    std::vector<double> jackknife;   // round i left out
    double level_low;                // scipy's BCa levels, acceleration and bias
    double level_high;
    double acceleration;
    double bias;
    double bca_low;
    double bca_high;
    double percentile_low;
    double percentile_high;
};""")
print("inline const std::vector<PairedGivenReference> k_ps_given = {")
for (name, est, reps, jack, a1, a2, a_hat, z0, bca, pct) in given:
    print(f"    {{\"{name}\", {est!r}, {cpp_list(reps)}, {cpp_list(jack)}, {a1!r}, {a2!r}, "
          f"{a_hat!r}, {z0!r}, {bca[0]!r}, {bca[1]!r}, {pct[0]!r}, {pct[1]!r}}},")
print("};")
print("""struct PairedExactReference {
    const char* statistic;
    double p_value;  // scipy.stats.permutation_test, all 2^12 exchanges
};""")
print("inline const std::vector<PairedExactReference> k_ps_exact = {")
for (name, p) in exact:
    print(f"    {{\"{name}\", {p!r}}},")
print("};")
print(f"inline constexpr std::size_t k_ps_end_to_end_resamples = {B_END};")
print("""struct PairedEndToEndReference {
    const char* statistic;
    const char* method;  // "BCa" or "percentile"
    double low;          // scipy.stats.bootstrap(paired=True), seed 0
    double high;
    double spread;  // the larger standard deviation of the ends over 5 seeds
};""")
print("inline const std::vector<PairedEndToEndReference> k_ps_end_to_end = {")
for (name, method, lo, hi, sd) in end_to_end_rounds:
    print(f"    {{\"{name}\", \"{method}\", {lo!r}, {hi!r}, {sd!r}}},")
print("};")
print("""struct ExpandedLevelReference {
    double confidence;
    std::size_t units;
    double level;  // 1 - 2 Phi(-sqrt(n / (n - 1)) t(1 - (1 - confidence) / 2; n - 1)), scipy
};""")
print("inline const std::vector<ExpandedLevelReference> k_ps_expanded = {")
for (c, n, level) in EXPANDED:
    print(f"    {{{c!r}, {n}, {level!r}}},")
print("};")
print("// Rounds of one value each.")
print(f"inline const std::vector<double> k_ps_single_base = {cpp_list(single_base)};")
print(f"inline const std::vector<double> k_ps_single_head = {cpp_list(single_head)};")
print("inline const std::vector<PairedEndToEndReference> k_ps_single_end_to_end = {")
for (name, method, lo, hi, sd) in end_to_end_single:
    print(f"    {{\"{name}\", \"{method}\", {lo!r}, {hi!r}, {sd!r}}},")
print("};")
