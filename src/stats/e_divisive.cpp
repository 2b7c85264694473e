#include "stats/e_divisive.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "stats/random.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

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
        std::vector<std::size_t> order(size_);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return values[begin + a] < values[begin + b];
        });
        const double centre = size_ == 0 ? 0.0 : values[begin + order[size_ / 2]];
        for (std::size_t r = 0; r < size_; ++r) {
            rank_of_[order[r]] = static_cast<std::uint32_t>(r);
            sorted_[r] = values[begin + order[r]] - centre;
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

    // The largest q over the splits of a random reordering of the segment.
    double permuted_best(Random& random, std::size_t min_size) {
        permuted_ = identity_;
        for (std::size_t i = permuted_.size(); i > 1; --i) {
            const std::uint32_t j = random.below(static_cast<std::uint32_t>(i));
            std::swap(permuted_[i - 1], permuted_[j]);
        }
        return scan(permuted_, min_size).q;
    }

  private:
    // Moves the values, in `ranks` order, one by one from the right side to the left and
    // keeps the within sums of both sides; the cross sum is the rest of the total.
    Split scan(const std::vector<std::uint32_t>& ranks, std::size_t min_size) {
        Split best;
        if (size_ < 2 * min_size || size_ < 2) return best;
        std::fill(count_.begin(), count_.end(), 0u);
        std::fill(sum_.begin(), sum_.end(), 0.0);
        double within_left = 0;
        double within_right = total_;
        double left_sum = 0;
        const double m = static_cast<double>(size_);
        best.q = -std::numeric_limits<double>::infinity();
        for (std::size_t t = 0; t + 1 < size_; ++t) {
            const std::uint32_t r = ranks[t];
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
                x * lc - less_sum + (left_sum - less_sum) - x * (static_cast<double>(t) - lc);
            within_left += to_left;
            within_right -= row_sum_[r] - to_left;
            for (std::size_t i = r + 1; i <= size_; i += i & (~i + 1)) {
                ++count_[i];
                sum_[i] += x;
            }
            left_sum += x;
            const std::size_t left = t + 1;
            const std::size_t right = size_ - left;
            if (left < min_size || right < min_size) continue;
            const double l = static_cast<double>(left);
            const double rr = static_cast<double>(right);
            const double cross = total_ - within_left - within_right;
            double e = 2 * cross / (l * rr);
            if (left > 1) e -= within_left / (l * (l - 1) / 2);
            if (right > 1) e -= within_right / (rr * (rr - 1) / 2);
            const double q = l * rr / m * e;
            if (q > best.q) {
                best.q = q;
                best.index = left;
            }
        }
        if (best.index == 0) best.q = 0;
        return best;
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
            double best = -std::numeric_limits<double>::infinity();
            for (Candidate& candidate : candidates) {
                best = std::max(best, candidate.segment.permuted_best(random, options.min_size));
            }
            if (best >= observed) ++exceed;
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
