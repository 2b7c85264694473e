#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gate/gate_file.hpp"
#include "model/comparison.hpp"
#include "model/verdict.hpp"

namespace caws::gate {

// Whether `text` is a calendar date written YYYY-MM-DD ("2026-02-29" is not).
bool valid_date(std::string_view text);

// The UTC date of a Unix time, YYYY-MM-DD: "today" for waivers.
std::string date_of(std::int64_t unix_seconds);

// Applies the gate's waivers to the findings that warn or fail. The first waiver whose
// pattern (and measure, when it names one) matches a finding's metric takes it:
// - until its expiry date (inclusive, compared with `today`), the finding becomes code
//   "waived" at level info, keeps its sentence with the waiver's reason and owner added,
//   and carries the waiver; the matching comparison's level becomes info;
// - after that date, the finding keeps its level and carries the waiver marked expired,
//   and a `waiver-expired` warning is added for it.
// An expired waiver that matches nothing adds one `waiver-expired` warning, so that stale
// waivers get removed. Findings coded "waiver-expired" are never waived.
void apply_waivers(const std::vector<WaiverRule>& waivers, std::string_view today,
                   std::vector<model::Finding>& findings,
                   std::vector<model::Comparison>& comparisons);

}  // namespace caws::gate
