#pragma once

// Interference: a Google Benchmark benchmark whose wall time grew beyond the noise while
// its CPU time did not. The code did not get slower; another process took the CPU while
// the benchmark ran, and the wall clock counted the wait (docs/statistics.md,
// "Interference").

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "model/verdict.hpp"

namespace caws::gate {

// One benchmark with interference suspected.
struct Interference {
    const model::Comparison* wall = nullptr;  // its real_time comparison
    const model::Comparison* cpu = nullptr;   // its cpu_time comparison
};

// What the comparisons of a run say about interference.
struct InterferenceScan {
    // Benchmarks timed by CPU time (Google Benchmark's default) with both real_time and
    // cpu_time compared on both sides: those the rule can judge.
    std::size_t judged = 0;
    std::vector<Interference> suspected;  // in the order of the comparisons
};

// Judges every benchmark with both clocks compared. Wall time grew when real_time is
// significant and at least `minor` worse: its class when the gate classified it, else its
// raw p-value below `alpha` and its ratio at least `minor`; CPU time did not grow when
// cpu_time is not so. Benchmarks timed by wall time (UseRealTime(), UseManualTime()) are
// not judged: their CPU time is not what they measure. The pointers point into
// `comparisons`.
InterferenceScan scan_interference(std::span<const model::Comparison> comparisons, double minor,
                                   double alpha);

// The sentence of the note and the finding: "wall time grew without CPU time:
// interference suspected (real_time 1.58x, cpu_time 0.99x)".
std::string interference_sentence(const Interference& interference);

// Adds that sentence to the notes of each suspected benchmark's real_time comparison and
// an `interference` finding for it: info, or warn when real_time is gated (the gate then
// counts the wait), raising the verdict to warn at most; it never fails the gate.
void add_interference_findings(model::Verdict& verdict, double minor, double alpha);

// The `interference` component of the trust score (docs/scoring.md): 100 * (1 - I / J)
// for I benchmarks suspected of J judged, 100 when none is judged.
model::ScoreComponent interference_component(const model::Verdict& verdict, double minor,
                                             double alpha, double weight);

}  // namespace caws::gate
