#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace caws::test {

// A fake Google Benchmark program for `ab`: a shell script in a temporary directory,
//   bench.sh OUT SIDE [FAIL_AT]
// that counts its runs per SIDE and writes Google Benchmark JSON to OUT with three
// benchmarks, times in ns:
//   BM_Crc   base 100 d, head 210 d       (2.1x: severe)
//   BM_Hash  base 100 d, head 130 d       (1.3x: minor)
//   BM_Same  100 d on both sides          (unchanged)
// where d (0.9 to 1.1 thousand) drifts from run to run, the same on both sides of a round,
// and each side adds a jitter of its own below 0.2%. On its run number FAIL_AT it prints
// two lines to standard error and exits with status 1.
class FakeBenchmark {
  public:
    FakeBenchmark();

    // "SCRIPT {out} SIDE" (and FAIL_AT when not 0).
    std::string command(const std::string& side, int fail_at = 0) const;
    // How many times SIDE ran.
    int runs(const std::string& side) const;
    std::string file(const std::string& name) const { return dir_.file(name); }

  private:
    TempDir dir_;
    std::string script_;
};

}  // namespace caws::test
