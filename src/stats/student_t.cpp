#include "stats/student_t.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace caws::stats {
namespace {

std::uint64_t bits_of(double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

// Boost computes a double's distribution in long double by default (promote_double), which
// costs several times as much and changes the p-value by an ulp or two, below what any
// reference checks (scipy's own values differ by as much).
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

}  // namespace

double student_t_two_sided_p(double t, double df) {
    if (std::isnan(t)) return 1;
    const double magnitude = std::fabs(t);
    if (std::isinf(magnitude)) return 0;
    if (magnitude == 0) return 1;
    if (std::isinf(df)) return std::erfc(magnitude / std::sqrt(2.0));
    const boost::math::students_t_distribution<double, DoublePolicy> distribution(df);
    return 2 * boost::math::cdf(boost::math::complement(distribution, magnitude));
}

double student_t_quantile(double p, double df) {
    struct Hash {
        std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& key) const {
            return key.first * 0x9e3779b97f4a7c15ULL ^ key.second;
        }
    };
    thread_local std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, double, Hash> cache;
    const auto key = std::make_pair(bits_of(p), bits_of(df));
    if (const auto found = cache.find(key); found != cache.end()) return found->second;
    double value = 0;
    if (std::isinf(df)) {
        value = boost::math::quantile(boost::math::normal_distribution<double>(), p);
    } else {
        value = boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
    }
    if (cache.size() > 65536) cache.clear();
    cache.emplace(key, value);
    return value;
}

double normal_cdf(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

}  // namespace caws::stats
