// Reads memory series from stdin and prints, per series, the slope and the 95% intervals of
// the plain fit (independent residuals), of `leak` (trend::analyse_leak: AR(1) noise) and of
// the earlier Newey-West fit with fixed-b critical values, for tests/bench/leak_coverage.py.
// Input: per series, little-endian doubles: n, then n seconds, then n megabytes.
// Output: one line per series:
//   slope iid_low iid_high leak_low leak_high df hac_low hac_high lags
#include <cstdio>
#include <iostream>
#include <vector>

#include "model/unit.hpp"
#include "stats/linear_regression.hpp"
#include "stats/newey_west.hpp"
#include "trend/leak.hpp"

namespace {

bool read_doubles(std::vector<double>& out, std::size_t n) {
    out.resize(n);
    return std::fread(out.data(), sizeof(double), n, stdin) == n;
}

}  // namespace

int main() {
    using namespace caws;
    std::vector<double> header;
    std::vector<double> seconds;
    std::vector<double> megabytes;
    std::cout.precision(17);
    while (read_doubles(header, 1)) {
        const auto n = static_cast<std::size_t>(header[0]);
        if (!read_doubles(seconds, n) || !read_doubles(megabytes, n)) return 1;
        const stats::LinearFit iid = stats::linear_regression(seconds, megabytes);
        model::Metric metric;
        metric.name = "series";
        metric.unit = model::bytes();
        metric.timestamps = seconds;
        for (const double mb : megabytes) metric.samples.push_back(mb * 1e6);
        const trend::Leak leak = trend::analyse_leak(metric);
        const stats::LinearFit hac = stats::fixed_b_regression(seconds, megabytes);
        std::cout << iid.slope << ' ' << iid.low << ' ' << iid.high << ' ' << leak.low << ' '
                  << leak.high << ' ' << leak.df << ' ' << hac.low << ' ' << hac.high << ' '
                  << hac.lags << '\n';
    }
    return 0;
}
