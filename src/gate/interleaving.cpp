#include "gate/interleaving.hpp"

#include <string>

namespace caws::gate {
namespace {

// What the score keeps when the repetitions ran back to back.
constexpr double k_back_to_back = 50;

// The order a run recorded; undetermined when it recorded none.
model::RepetitionOrder order_of(const model::Run* run) {
    if (run == nullptr || !run->context.repetitions.has_value()) {
        return model::RepetitionOrder::undetermined;
    }
    return run->context.repetitions.value();
}

bool recorded(const model::Run* run) {
    return run != nullptr && run->context.repetitions.has_value();
}

bool back_to_back(const model::Run* run) {
    return order_of(run) == model::RepetitionOrder::back_to_back;
}

// "the candidate", "the baseline" or "both runs": whose repetitions ran back to back;
// empty when none.
std::string back_to_back_runs(const ScoreInput& input) {
    const bool baseline = back_to_back(input.baseline);
    const bool candidate = back_to_back(input.candidate);
    if (baseline && candidate) return "both runs";
    if (candidate) return "the candidate";
    if (baseline) return "the baseline";
    return {};
}

// Why the order does not cost anything, from the candidate's record (else the baseline's).
std::string unpenalised_detail(const ScoreInput& input) {
    const model::Run* run = recorded(input.candidate) ? input.candidate : input.baseline;
    if (!recorded(run)) return "repetition order not recorded";
    switch (order_of(run)) {
        case model::RepetitionOrder::interleaved:
            return "repetitions interleaved across benchmarks";
        case model::RepetitionOrder::single:
            return "one repetition per benchmark: no order to judge";
        default:
            break;
    }
    return "the order of so few benchmarks cannot tell whether their repetitions were "
           "interleaved";
}

}  // namespace

model::ScoreComponent interleaving_component(const ScoreInput& input, double weight) {
    if (input.paired_rounds) {
        return {"interleaving", 100, weight, "base and head ran in interleaved rounds (ab)"};
    }
    const std::string who = back_to_back_runs(input);
    if (who.empty()) return {"interleaving", 100, weight, unpenalised_detail(input)};
    return {"interleaving", k_back_to_back, weight,
            "each benchmark's repetitions ran back to back in " + who +
                ": a machine that slows down for a while shifts one benchmark's whole sample"};
}

std::optional<model::Recommendation> interleaving_recommendation(const ScoreInput& input) {
    if (input.paired_rounds) return std::nullopt;
    const std::string who = back_to_back_runs(input);
    if (who.empty()) return std::nullopt;
    return model::Recommendation{
        "interleave-repetitions",
        {},
        "Interleave the repetitions of the benchmarks (Google Benchmark: "
        "`--benchmark_repetitions=10 --benchmark_enable_random_interleaving=true`): in " +
            who +
            " each benchmark's repetitions ran back to back, so a machine that slows down for "
            "a while shifts one benchmark's whole sample, which then reads as a change; "
            "interleaved, the slowdown spreads over every benchmark as noise."};
}

}  // namespace caws::gate
