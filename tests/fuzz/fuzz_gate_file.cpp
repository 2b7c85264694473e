// The gate-file parser; a gate that parses is then applied to a comparison of two small
// runs, as `check` applies it (rules, globs, budgets, waivers, required metrics, scores).
#include <cstdint>
#include <string_view>

#include "compare/comparator.hpp"
#include "gate/gate_check.hpp"
#include "gate/gate_file.hpp"
#include "sample_runs.hpp"
#include "support.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace caws;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    gate::Gate parsed;
    try {
        parsed = gate::parse_gate(text, "gate.json");
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
        return 0;
    }
    static const model::Run baseline = fuzz::sample_run(1, "base.json");
    static const model::Run candidate = fuzz::sample_run(1.5, "new.json");
    compare::Options options;
    options.resamples = 100;
    try {
        const model::Verdict verdict =
            gate::compare_and_check(parsed, baseline, candidate, options, "2026-06-01");
        fuzz::trace("gate applied: " + std::to_string(verdict.findings.size()) + " findings");
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
    }
    return 0;
}
