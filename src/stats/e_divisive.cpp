#include "stats/e_divisive.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <utility>

#include "stats/random.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

// The denominators of q for the split after t + 1 values, as reciprocals (see Segment).
struct Reciprocals {
    double cross = 0;   // 2 / (l r)
    double left = 0;    // 1 / (l (l - 1) / 2), 0 for one value
    double right = 0;   // 1 / (r (r - 1) / 2), 0 for one value
    double factor = 0;  // l r / m, computed as the exact q is
    double spread = 0;  // cross + left + right
};

// A fixed-point copy of a segment's values for the permutation scans: value r is
// round((sorted[r] - sorted[0]) / unit), exact integer sums replace the floating-point
// ones, and a two-level table of prefix sums (blocks of ranks) replaces the Fenwick tree,
// updated by loops of fixed length that vectorise. q from it is within a bound of the
// exact scan's q, so it decides "below" or "reaches" except near `observed`.
struct FixedPoint {
    static constexpr int k_count_shift = 48;  // packed = count << 48 | sum of values
    static constexpr std::uint64_t k_sum_mask = (std::uint64_t{1} << k_count_shift) - 1;
    double unit = 0;
    // Bound of the exact scan's rounding errors in its sums of absolute differences.
    double sum_error = 0;
    std::size_t block = 0;                    // ranks per block: 32, 64 or 128
    std::size_t blocks = 0;                   // blocks of the table: 32, 64 or 256
    std::vector<std::int64_t> value;          // per rank
    std::vector<std::uint64_t> packed;        // per rank: 1 << 48 | value
    std::vector<std::int64_t> row_sum;        // per rank: sum of |value - others|
    std::int64_t total = 0;                   // sum over pairs of |difference|
    std::vector<std::uint64_t> in_block;      // left values of the block below each rank
    std::vector<std::uint64_t> block_prefix;  // left values of the blocks below each block
    // Per split, e in units below which q is surely below `observed`, and from which it
    // surely reaches it; for the observed q they were computed for.
    std::vector<double> below_under;
    std::vector<double> reaches_from;
    double thresholds_for = std::numeric_limits<double>::quiet_NaN();
};

enum class Outcome { below, reaches, unsure };

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CAWS_GATE_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CAWS_GATE_VECTOR_CLONES
#endif

// The thresholds of e (in units) for `observed`. The scan estimates q as factor * unit *
// e with e = cross * 2/(l r) - within_left * 1/C(l,2) - within_right * 1/C(r,2) from the
// exact integer sums. Rounding to the unit moves each |difference| by at most one unit,
// so e by at most 4; the exact scan's sums are off by at most sum_error; the last
// operations of both, and these thresholds, by a few units in the last place of the
// terms (each sum is at most the total) or of `observed`. The bound is twice all that.
void prepare_thresholds(FixedPoint& f, const Reciprocals* reciprocals, std::size_t size,
                        double observed) {
    if (f.thresholds_for == observed) return;
    f.thresholds_for = observed;
    f.below_under.resize(size);
    f.reaches_from.resize(size);
    const double total = static_cast<double>(f.total);
    for (std::size_t t = 0; t + 1 < size; ++t) {
        const Reciprocals& k = reciprocals[t];
        const double bound =
            2 * k.factor *
                (4.5 * f.unit + f.sum_error * k.spread + 1e-12 * k.spread * total * f.unit) +
            1e-12 * std::fabs(observed);
        const double scale = k.factor * f.unit;
        f.below_under[t] = (observed - bound) / scale;
        f.reaches_from[t] = (observed + bound) / scale;
    }
}

// Moves the values to the left in `ranks` order as Segment's scan does, in fixed point;
// `reaches` as soon as a split's q is surely >= the observed q of prepare_thresholds,
// `unsure` as soon as one cannot be told apart from it, `below` when every split's q is
// surely below. Blocks of `Block` ranks, at most `Blocks` of them: loops of fixed length.
template <std::size_t Block, std::size_t Blocks>
[[gnu::always_inline]] inline Outcome fixed_point_scan(FixedPoint& f, const std::uint32_t* ranks,
                                                       std::size_t size, std::size_t min_size,
                                                       const Reciprocals* reciprocals) {
    std::uint64_t* const in_block = f.in_block.data();
    std::uint64_t* const block_prefix = f.block_prefix.data();
    const std::int64_t* const value = f.value.data();
    const std::uint64_t* const packed = f.packed.data();
    const std::int64_t* const row_sum = f.row_sum.data();
    const double* const below_under = f.below_under.data();
    const double* const reaches_from = f.reaches_from.data();
    const std::int64_t total = f.total;
    constexpr std::size_t block = Block;
    // Only the blocks that ranks below `size` reach are read: a short series (a check's
    // history of a few runs) clears a few hundred bytes per permutation, not the table.
    std::fill_n(f.in_block.begin(), (size + block - 1) / block * block, 0);
    std::fill(f.block_prefix.begin(), f.block_prefix.end(), 0);
    std::int64_t within_left = 0;
    std::int64_t within_right = total;
    std::int64_t left_sum = 0;
    // The prefix of the next value is read before this value's update is stored, and
    // this value added to it by hand: the next step need not wait for the stores.
    std::uint64_t below = 0;
    for (std::size_t t = 0; t + 1 < size; ++t) {
        const std::uint32_t r = ranks[t];
        const std::size_t b = r / block;
        const std::size_t offset = r - b * block;
        const std::uint64_t add = packed[r];
        const std::uint32_t next = ranks[t + 1];
        const std::uint64_t next_below =
            block_prefix[next / block] + in_block[next] + (r < next ? add : std::uint64_t{0});
        const auto less_count = static_cast<std::int64_t>(below >> FixedPoint::k_count_shift);
        const auto less_sum = static_cast<std::int64_t>(below & FixedPoint::k_sum_mask);
        const std::int64_t x = value[r];
        const std::int64_t to_left = x * less_count - less_sum + (left_sum - less_sum) -
                                     x * (static_cast<std::int64_t>(t) - less_count);
        within_left += to_left;
        within_right -= row_sum[r] - to_left;
        left_sum += x;
        std::uint64_t* const row = in_block + b * block;
        for (std::size_t j = 0; j < block; ++j) row[j] += j > offset ? add : 0;
        for (std::size_t k = 0; k < Blocks; ++k) block_prefix[k] += k > b ? add : 0;
        below = next_below;

        const std::size_t left = t + 1;
        if (left < min_size || size - left < min_size) continue;
        const Reciprocals& k = reciprocals[t];
        const std::int64_t cross = total - within_left - within_right;
        const double e = static_cast<double>(cross) * k.cross -
                         static_cast<double>(within_left) * k.left -
                         static_cast<double>(within_right) * k.right;
        if (e < below_under[t]) continue;
        return e >= reaches_from[t] ? Outcome::reaches : Outcome::unsure;
    }
    return Outcome::below;
}

// Segments of up to 1,024 and 4,096 values (beyond, the table loops cost more than the
// Fenwick tree of the exact scan).
CAWS_GATE_VECTOR_CLONES Outcome fixed_point_scan_small(FixedPoint& f, const std::uint32_t* ranks,
                                                       std::size_t size, std::size_t min_size,
                                                       const Reciprocals* reciprocals) {
    return fixed_point_scan<32, 32>(f, ranks, size, min_size, reciprocals);
}

CAWS_GATE_VECTOR_CLONES Outcome fixed_point_scan_medium(FixedPoint& f, const std::uint32_t* ranks,
                                                        std::size_t size, std::size_t min_size,
                                                        const Reciprocals* reciprocals) {
    return fixed_point_scan<64, 64>(f, ranks, size, min_size, reciprocals);
}

// One segment of the series, prepared for scanning its splits in any order of its values:
// the values sorted (and centred, so that the running sums keep their precision), each
// position's rank, and for each rank the sum of absolute differences to all others.
class Segment {
  public:
    Segment(std::span<const double> values, std::size_t begin, std::size_t end)
        : begin_(begin),
          size_(end - begin),
          rank_of_(size_),
          sorted_(size_),
          row_sum_(size_),
          count_(size_ + 1),
          sum_(size_ + 1) {
        // Sorted by value, equal values by position: the order of a stable sort.
        std::vector<std::pair<double, std::uint32_t>> order(size_);
        for (std::size_t i = 0; i < size_; ++i) {
            order[i] = {values[begin + i], static_cast<std::uint32_t>(i)};
        }
        std::sort(order.begin(), order.end());
        const double centre = size_ == 0 ? 0.0 : order[size_ / 2].first;
        for (std::size_t r = 0; r < size_; ++r) {
            rank_of_[order[r].second] = static_cast<std::uint32_t>(r);
            sorted_[r] = order[r].first - centre;
        }
        // row_sum[r] = sum_s |sorted[r] - sorted[s]| from prefix sums of the sorted values.
        double prefix = 0;
        double all = 0;
        for (double v : sorted_) all += v;
        for (std::size_t r = 0; r < size_; ++r) {
            const double x = sorted_[r];
            const double below = static_cast<double>(r) * x - prefix;
            const double above = (all - prefix - x) - static_cast<double>(size_ - r - 1) * x;
            row_sum_[r] = below + above;
            prefix += x;
            total_ += row_sum_[r];
        }
        total_ /= 2;
        identity_.assign(rank_of_.begin(), rank_of_.end());
    }

    std::size_t begin() const { return begin_; }
    std::size_t size() const { return size_; }

    // The best split in the series' own order.
    Split best(std::size_t min_size) { return scan(identity_, min_size); }

    // Whether a random reordering of the segment has a split with q >= `observed` (q = 0
    // for a segment too short to split): all that the permutation test needs. Draws the
    // same random numbers whatever the answer, and scans only when `need_scan`.
    bool permuted_reaches(Random& random, std::size_t min_size, double observed, bool need_scan) {
        permuted_ = identity_;
        for (std::size_t i = permuted_.size(); i > 1; --i) {
            const std::uint32_t j = random.below(static_cast<std::uint32_t>(i));
            std::swap(permuted_[i - 1], permuted_[j]);
        }
        if (!need_scan) return false;
        if (size_ < 2 * min_size || size_ < 2) return 0.0 >= observed;
        if (prepare_fixed_point()) {
            prepare_reciprocals();
            prepare_thresholds(fixed_, reciprocals_.data(), size_, observed);
            const auto scan = size_ <= 1024 ? fixed_point_scan_small : fixed_point_scan_medium;
            const Outcome outcome =
                scan(fixed_, permuted_.data(), size_, min_size, reciprocals_.data());
            if (outcome != Outcome::unsure) return outcome == Outcome::reaches;
        }
        return reaches(permuted_, min_size, observed);
    }

  private:
    // The running sums of a scan, in which the values move one by one, in a given order
    // of ranks, from the right side to the left; the cross sum is the rest of the total.
    struct Running {
        double within_left = 0;
        double within_right = 0;
        double left_sum = 0;
    };

    void start(Running& running) {
        std::fill(count_.begin(), count_.end(), 0u);
        std::fill(sum_.begin(), sum_.end(), 0.0);
        running = {0, total_, 0};
    }

    // Moves the value of rank `r`, the (t+1)-th, to the left side.
    void move_left(Running& running, std::uint32_t r, std::size_t t) {
        const double x = sorted_[r];
        // Left values of lower rank: their count and sum (Fenwick prefix query).
        std::uint32_t less_count = 0;
        double less_sum = 0;
        for (std::size_t i = r; i > 0; i &= i - 1) {
            less_count += count_[i];
            less_sum += sum_[i];
        }
        const double lc = static_cast<double>(less_count);
        const double to_left =
            x * lc - less_sum + (running.left_sum - less_sum) - x * (static_cast<double>(t) - lc);
        running.within_left += to_left;
        running.within_right -= row_sum_[r] - to_left;
        for (std::size_t i = r + 1; i <= size_; i += i & (~i + 1)) {
            ++count_[i];
            sum_[i] += x;
        }
        running.left_sum += x;
    }

    // q of the split with `left` values on the left.
    double q_of(const Running& running, std::size_t left) const {
        const std::size_t right = size_ - left;
        const double l = static_cast<double>(left);
        const double rr = static_cast<double>(right);
        const double m = static_cast<double>(size_);
        const double cross = total_ - running.within_left - running.within_right;
        double e = 2 * cross / (l * rr);
        if (left > 1) e -= running.within_left / (l * (l - 1) / 2);
        if (right > 1) e -= running.within_right / (rr * (rr - 1) / 2);
        return l * rr / m * e;
    }

    Split scan(const std::vector<std::uint32_t>& ranks, std::size_t min_size) {
        Split best;
        if (size_ < 2 * min_size || size_ < 2) return best;
        Running running;
        start(running);
        best.q = -std::numeric_limits<double>::infinity();
        for (std::size_t t = 0; t + 1 < size_; ++t) {
            move_left(running, ranks[t], t);
            const std::size_t left = t + 1;
            if (left < min_size || size_ - left < min_size) continue;
            const double q = q_of(running, left);
            if (q > best.q) {
                best.q = q;
                best.index = left;
            }
        }
        if (best.index == 0) best.q = 0;
        return best;
    }

    // Whether scan(ranks, min_size).q >= observed, without the divisions of q_of at most
    // splits: q is first estimated with the reciprocals of its denominators, and q_of is
    // evaluated only where the estimate comes within a bound of its rounding error of
    // `observed`, so the answer is scan's to the bit. The first split that reaches
    // `observed` ends the scan. The segment must be long enough to split.
    bool reaches(const std::vector<std::uint32_t>& ranks, std::size_t min_size, double observed) {
        prepare_reciprocals();
        Running running;
        start(running);
        bool any = false;  // a split whose q is a number (scan() gives q = 0 otherwise)
        for (std::size_t t = 0; t + 1 < size_; ++t) {
            move_left(running, ranks[t], t);
            const std::size_t left = t + 1;
            if (left < min_size || size_ - left < min_size) continue;
            const Reciprocals& k = reciprocals_[t];
            const double cross = total_ - running.within_left - running.within_right;
            const double a = cross * k.cross;
            const double b = running.within_left * k.left;
            const double c = running.within_right * k.right;
            const double estimate = k.factor * (a - b - c);
            const double bound =
                k.factor * (std::fabs(a) + std::fabs(b) + std::fabs(c)) * k_estimate_error;
            if (estimate + bound < observed) {
                any = true;  // a finite estimate: q_of is a number too
                continue;
            }
            const double q = q_of(running, left);
            if (q >= observed) return true;
            any = any || !std::isnan(q);
        }
        return !any && 0.0 >= observed;
    }

    // Error allowed between the estimate and q_of, relative to the sum of the terms' sizes:
    // about 450 units in the last place, where the operations account for fewer than 20.
    static constexpr double k_estimate_error = 1e-13;

    void prepare_reciprocals() {
        if (!reciprocals_.empty() || size_ < 2) return;
        reciprocals_.resize(size_ - 1);
        const double m = static_cast<double>(size_);
        for (std::size_t t = 0; t + 1 < size_; ++t) {
            const std::size_t left = t + 1;
            const std::size_t right = size_ - left;
            const double l = static_cast<double>(left);
            const double rr = static_cast<double>(right);
            Reciprocals& k = reciprocals_[t];
            k.cross = 2 / (l * rr);
            k.left = left > 1 ? 1 / (l * (l - 1) / 2) : 0.0;
            k.right = right > 1 ? 1 / (rr * (rr - 1) / 2) : 0.0;
            k.factor = l * rr / m;
            k.spread = k.cross + k.left + k.right;
        }
    }

    // Sets up fixed_ once; false when the segment does not suit it (over 4,096 values,
    // where the exact scan is as fast; all values equal; values too large for the bounds).
    bool prepare_fixed_point() {
        if (fixed_ready_) return fixed_usable_;
        fixed_ready_ = true;
        constexpr std::size_t k_max_size = 4096;
        if (size_ < 2 || size_ > k_max_size) return false;
        const double range = sorted_.back() - sorted_.front();
        const double largest = std::max(std::fabs(sorted_.front()), std::fabs(sorted_.back()));
        if (!(range > 0) || !std::isfinite(range) || !std::isfinite(largest)) return false;
        FixedPoint& f = fixed_;
        // Values below 2^bits, so that n of them sum below 2^48 next to the count.
        const int bits = FixedPoint::k_count_shift - 1 - static_cast<int>(std::bit_width(size_));
        f.unit = range / std::ldexp(1.0, bits);
        const double n = static_cast<double>(size_);
        f.sum_error = 16 * std::numeric_limits<double>::epsilon() * largest * n * n * (n + 16);
        if (!(f.unit > 0) || !std::isfinite(f.sum_error)) return false;
        f.value.resize(size_);
        f.packed.resize(size_);
        f.row_sum.resize(size_);
        std::int64_t all = 0;
        for (std::size_t r = 0; r < size_; ++r) {
            f.value[r] = std::llround((sorted_[r] - sorted_.front()) / f.unit);
            f.packed[r] = (std::uint64_t{1} << FixedPoint::k_count_shift) |
                          static_cast<std::uint64_t>(f.value[r]);
            all += f.value[r];
        }
        // Values ascend with the rank: row sums from prefix sums, exactly.
        std::int64_t prefix = 0;
        std::int64_t twice_total = 0;
        for (std::size_t r = 0; r < size_; ++r) {
            const std::int64_t x = f.value[r];
            const auto below = static_cast<std::int64_t>(r);
            const auto above = static_cast<std::int64_t>(size_ - r - 1);
            f.row_sum[r] = (below * x - prefix) + ((all - prefix - x) - above * x);
            prefix += x;
            twice_total += f.row_sum[r];
        }
        f.total = twice_total / 2;
        f.block = size_ <= 1024 ? 32 : 64;
        f.blocks = f.block;
        f.in_block.assign(f.blocks * f.block, 0);
        f.block_prefix.assign(f.blocks, 0);
        fixed_usable_ = true;
        return true;
    }

    std::size_t begin_;
    std::size_t size_;
    std::vector<std::uint32_t> rank_of_;
    std::vector<double> sorted_;
    std::vector<double> row_sum_;
    double total_ = 0;
    std::vector<std::uint32_t> identity_;
    std::vector<std::uint32_t> permuted_;
    std::vector<std::uint32_t> count_;
    std::vector<double> sum_;
    std::vector<Reciprocals> reciprocals_;
    FixedPoint fixed_;
    bool fixed_ready_ = false;
    bool fixed_usable_ = false;
};

struct Candidate {
    Segment segment;
    Split split;
};

// The hierarchical splitting shared by both methods; `accept(candidates, chosen)` returns
// the p-value of splitting candidate `chosen`, and the loop stops at the first split whose
// p-value exceeds `threshold`.
template <typename Test>
std::vector<ChangePointEstimate> divide(std::span<const double> values, std::size_t min_size,
                                        double threshold, Test test) {
    std::vector<ChangePointEstimate> found;
    std::vector<Candidate> candidates;
    const auto add = [&](std::size_t begin, std::size_t end) {
        Segment segment(values, begin, end);
        const Split split = segment.best(min_size);
        candidates.push_back({std::move(segment), split});
    };
    add(0, values.size());
    while (true) {
        std::size_t chosen = candidates.size();
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (candidates[i].split.index == 0) continue;
            if (chosen == candidates.size() || candidates[i].split.q > candidates[chosen].split.q)
                chosen = i;
        }
        if (chosen == candidates.size()) break;
        const double p = test(candidates, chosen);
        if (p > threshold) break;
        const std::size_t begin = candidates[chosen].segment.begin();
        const std::size_t end = begin + candidates[chosen].segment.size();
        const std::size_t index = begin + candidates[chosen].split.index;
        found.push_back({index, candidates[chosen].split.q, p});
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(chosen));
        add(begin, index);
        add(index, end);
    }
    std::sort(found.begin(), found.end(),
              [](const ChangePointEstimate& a, const ChangePointEstimate& b) {
                  return a.index < b.index;
              });
    return found;
}

struct Moments {
    double mean = 0;
    double m2 = 0;  // sum of squared deviations
    std::size_t n = 0;
};

Moments moments(std::span<const double> values, std::size_t begin, std::size_t end) {
    Moments m;
    m.n = end - begin;
    if (m.n == 0) return m;
    for (std::size_t i = begin; i < end; ++i) m.mean += values[i];
    m.mean /= static_cast<double>(m.n);
    for (std::size_t i = begin; i < end; ++i) m.m2 += (values[i] - m.mean) * (values[i] - m.mean);
    return m;
}

}  // namespace

Split best_split(std::span<const double> values, std::size_t min_size) {
    Segment segment(values, 0, values.size());
    return segment.best(min_size);
}

std::vector<ChangePointEstimate> e_divisive(std::span<const double> values,
                                            const EDivisiveOptions& options) {
    Random random(options.seed);
    const std::size_t permutations = options.permutations;
    // The most permuted maxima at or above q that still leave p <= alpha.
    const double allowed = options.alpha * static_cast<double>(permutations + 1) - 1;
    const auto test = [&](std::vector<Candidate>& candidates, std::size_t chosen) {
        const double observed = candidates[chosen].split.q;
        std::size_t exceed = 0;
        for (std::size_t p = 0; p < permutations; ++p) {
            // The permuted maximum over the segments reaches q once one segment's does;
            // the others are still shuffled, which keeps the random stream.
            bool reached = false;
            for (Candidate& candidate : candidates) {
                reached = candidate.segment.permuted_reaches(random, options.min_size, observed,
                                                             !reached) ||
                          reached;
            }
            if (reached) ++exceed;
            if (static_cast<double>(exceed) > allowed) break;  // cannot become significant
        }
        return static_cast<double>(exceed + 1) / static_cast<double>(permutations + 1);
    };
    return divide(values, options.min_size, options.alpha, test);
}

double pooled_t_p_value(std::span<const double> values, std::size_t begin, std::size_t split,
                        std::size_t end) {
    const Moments a = moments(values, begin, split);
    const Moments b = moments(values, split, end);
    if (a.n == 0 || b.n == 0 || a.n + b.n < 3) return 1.0;
    const double df = static_cast<double>(a.n + b.n - 2);
    const double pooled = (a.m2 + b.m2) / df;
    const double difference = b.mean - a.mean;
    const double scale =
        std::sqrt(pooled * (1.0 / static_cast<double>(a.n) + 1.0 / static_cast<double>(b.n)));
    if (scale <= 0) return difference == 0 ? 1.0 : 0.0;
    return student_t_two_sided_p(difference / scale, df);
}

std::vector<ChangePointEstimate> otava_change_points(std::span<const double> values,
                                                     const OtavaOptions& options) {
    const std::size_t n = values.size();
    const std::size_t window = std::max<std::size_t>(options.window, 2 * options.min_size);
    const std::size_t step = std::max<std::size_t>(window / 2, 1);
    std::set<std::size_t> indexes;
    std::vector<double> q_of(n + 1, 0.0);
    for (std::size_t start = 0; start < n;) {
        const std::size_t end = std::min(start + window, n);
        const std::span<const double> part = values.subspan(start, end - start);
        const auto test = [&](std::vector<Candidate>& candidates, std::size_t chosen) {
            const Candidate& c = candidates[chosen];
            const std::size_t b = c.segment.begin();
            return pooled_t_p_value(part, b, b + c.split.index, b + c.segment.size());
        };
        std::size_t last = 0;
        for (const ChangePointEstimate& found :
             divide(part, options.min_size, options.max_p_value * 10, test)) {
            indexes.insert(start + found.index);
            q_of[start + found.index] = found.q;
            last = std::max(last, start + found.index);
        }
        if (end == n) break;
        start = std::max(last, start + step);
    }
    // Merge: drop the weakest change point, judged against its neighbours, until all hold.
    std::vector<std::size_t> points(indexes.begin(), indexes.end());
    std::vector<double> p_values;
    while (true) {
        p_values.assign(points.size(), 1.0);
        std::size_t weakest = points.size();
        double weakest_p = -1;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const std::size_t begin = i == 0 ? 0 : points[i - 1];
            const std::size_t end = i + 1 == points.size() ? n : points[i + 1];
            p_values[i] = pooled_t_p_value(values, begin, points[i], end);
            const Moments before = moments(values, begin, points[i]);
            const Moments after = moments(values, points[i], end);
            const double magnitude = before.mean == 0 ? std::numeric_limits<double>::infinity()
                                                      : std::fabs(after.mean / before.mean - 1);
            const double badness = magnitude < options.min_magnitude ? 2.0 : p_values[i];
            if (badness > weakest_p) {
                weakest_p = badness;
                weakest = i;
            }
        }
        if (weakest == points.size() || weakest_p <= options.max_p_value) break;
        points.erase(points.begin() + static_cast<std::ptrdiff_t>(weakest));
    }
    std::vector<ChangePointEstimate> result;
    for (std::size_t i = 0; i < points.size(); ++i) {
        result.push_back({points[i], q_of[points[i]], p_values[i]});
    }
    return result;
}

}  // namespace caws::stats
