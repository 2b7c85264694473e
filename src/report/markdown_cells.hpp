#pragma once

// The cells of the Markdown report's tables, kept narrow enough for a pull-request comment
// (about 780 px wide on GitHub): a number with its unit and a ratio with its interval never
// break across lines, a column that holds the same value in every row is said once under
// its table, and long notes become numbers with the notes listed under the table.

#include <string>
#include <string_view>
#include <vector>

#include "model/comparison.hpp"

namespace caws::report {

// `text` with its spaces made non-breaking (U+00A0), which GitHub keeps and browsers do
// not break at: "1.71x [1.70, 1.82]" stays on one line.
std::string unbreakable(std::string_view text);

// The words for a comparison's test: "Mann-Whitney U", "Welch's t-test on log values", the
// name as written when it has no label, "no test" when it is "none"; "... on summaries"
// when only summaries were compared; "... on the p95" for a statistic other than the median
// (its own test: "permutation on the p95", "sign-flip on the p95").
std::string test_label(const model::Comparison& comparison);

// What the rows of one table share: their measure, test and sample counts.
struct SharedColumns {
    bool same_measure = true;
    bool same_test = true;
    bool same_sizes = true;
    // "All rows: cpu_time; Mann-Whitney U, 10 vs 10 samples." (or the part that is
    // shared; "10 vs 10 rounds" in `ab`); empty when the rows share none of them or there
    // are none.
    std::string sentence;
    // What the counts count: "samples", or "rounds" in `ab`.
    std::string counted = "samples";
    // Whether the table needs its "test, n" column: the rows differ in one of them.
    bool varies() const { return !same_test || !same_sizes; }
};
// `rounds`: the counts are `ab`'s paired rounds, not samples.
SharedColumns shared_columns(const std::vector<const model::Comparison*>& rows,
                             bool rounds = false);

// The "test, n" cell of a row: only what the rows do not share ("welch, 3 vs 5", "3 vs 5").
std::string varying_cell(const model::Comparison& comparison, const SharedColumns& shared);

// Notes numbered in the order they first appear, each text once.
class NoteNumbers {
  public:
    // The numbers of `notes` ("1", "1, 3"), adding the texts not yet numbered.
    std::string refer(const std::vector<std::string>& notes);
    // The same numbers as superscripts, for a mark after a cell's value: "¹", "¹,³".
    static std::string marks(std::string_view refs);
    // Every text, the one numbered 1 first.
    const std::vector<std::string>& notes() const { return notes_; }

  private:
    std::vector<std::string> notes_;
};

}  // namespace caws::report
