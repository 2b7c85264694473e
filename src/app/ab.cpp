#include "app/ab.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "exec/manifest.hpp"
#include "exec/rounds.hpp"
#include "gate/gate_check.hpp"
#include "gate/policy.hpp"
#include "gate/rules.hpp"
#include "gate/waivers.hpp"
#include "model/quantity_format.hpp"
#include "stats/wilcoxon.hpp"
#include "util/error.hpp"

namespace caws::app {

void check_ab_test(const std::string& test) {
    if (std::find(std::begin(k_ab_tests), std::end(k_ab_tests), test) != std::end(k_ab_tests)) {
        return;
    }
    if (compare::test_from_string(test)) {
        throw util::Error("--test", {},
                          "ab compares its rounds as pairs with the Wilcoxon signed-rank test; \"" +
                              test +
                              "\" is a test of two independent samples (use auto or wilcoxon)");
    }
    throw util::Error("--test", {}, "expected auto or wilcoxon, got \"" + test + "\"");
}

namespace {

// Appended to the reader's message when a command's standard output was its results: the
// usual cause is a tool that prints a table there and writes its results to a file.
constexpr std::string_view k_stdout_hint =
    "; this command's standard output was read as its results: for a tool that writes them to "
    "a file, put {out} where the file's path goes (hyperfine --export-json {out})";

// The fewest rounds with which the exact test can reach the gate's alpha at all, whatever
// the number of metrics.
void check_rounds_asked(std::size_t rounds, double alpha) {
    const std::size_t least = stats::wilcoxon_min_pairs(alpha);
    if (rounds >= least) return;
    throw util::Error("--rounds", {},
                      "expected at least " + std::to_string(least) + " rounds: with " +
                          std::to_string(rounds) +
                          " the Wilcoxon signed-rank test's smallest p-value is " +
                          model::format_plain(stats::wilcoxon_min_p(rounds)) + ", above alpha " +
                          model::format_plain(alpha));
}

// "36 gated metrics need at least 11 rounds (...)": why `needed.rounds`.
std::string rounds_needed_text(const compare::RoundsNeeded& needed,
                               const compare::Options& options) {
    const std::size_t m = needed.gated_metrics;
    std::string level = model::format_number(needed.level, 3);
    if (options.correction != compare::Correction::none && m > 1) {
        level = model::format_plain(needed.level * static_cast<double>(m)) + " / " +
                std::to_string(m) + " = " + level + " under the " +
                std::string(compare::label_of(options.correction)) + " correction";
    }
    return std::to_string(m) + (m == 1 ? " gated metric needs" : " gated metrics need") +
           " at least " + std::to_string(needed.rounds) +
           " rounds (the most significant must reach p < " + level +
           ", and with n rounds the Wilcoxon signed-rank test's smallest p-value is 2 / 2^n)";
}

// "\"BM_A\", \"BM_B\", \"BM_C\" and 4 more": the benchmarks of a run, or "nothing".
std::string some_names(const model::Run& run) {
    std::vector<std::string> names;
    for (const model::Metric& metric : run.metrics) {
        if (std::find(names.begin(), names.end(), metric.name) == names.end()) {
            names.push_back(metric.name);
        }
    }
    if (names.empty()) return "nothing";
    constexpr std::size_t k_shown = 3;
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < k_shown; ++i) {
        text += (i == 0 ? "\"" : ", \"") + names[i] + "\"";
    }
    if (names.size() > k_shown) text += " and " + std::to_string(names.size() - k_shown) + " more";
    return text;
}

// Why two outputs cannot be paired: the sides name their benchmarks differently.
std::string nothing_in_common(const model::Run& base, const model::Run& head) {
    std::string text =
        "the base and the head measured no benchmark of the same name (base: " + some_names(base) +
        "; head: " + some_names(head) + "), so there is nothing to compare";
    const bool hyperfine =
        std::any_of(head.sources.begin(), head.sources.end(),
                    [](const model::Source& s) { return s.format == "hyperfine"; });
    if (hyperfine) {
        text +=
            "; hyperfine names a benchmark after its command: give both the same name with "
            "-n NAME";
    }
    return text;
}

// Whether `rounds` cannot reach the level of the gated metrics. Without a gated metric no
// test decides anything, and any number of rounds will do.
bool too_few(std::size_t rounds, const compare::RoundsNeeded& needed) {
    return needed.gated_metrics > 0 && rounds < needed.rounds;
}

// The rounds of a run or a kept run, read.
struct Rounds {
    exec::RunRecord record;
    std::vector<model::Run> base;
    std::vector<model::Run> head;
    compare::RoundsNeeded needed;  // judged on the first round
};

compare::MetricOptions metric_options_of(const GateSetup& setup) {
    if (!setup.gate) return {};
    return gate::metric_options(*setup.gate, setup.options);
}

model::Run with_rules(const GateSetup& setup, model::Run run) {
    if (!setup.gate) return run;
    return gate::apply_rules(*setup.gate, std::move(run));
}

// Reads each output with caws-gate's readers and, once both sides of round 1 are read,
// the rounds the gated metrics need; with `stop_below` rounds asked for and fewer needed,
// it stops the run there.
class RoundReader {
  public:
    RoundReader(const AbRequest& request, const GateSetup& setup, bool kept,
                std::optional<std::size_t> stop_below)
        : request_(request), setup_(setup), kept_(kept), stop_below_(stop_below) {}

    model::Run operator()(const exec::OutputFile& file) {
        model::Run run = read(file);
        if (file.round == 1) {
            (file.side == exec::Side::base ? first_base_ : first_head_) = run;
            if (first_base_ && first_head_) judge_first_round();
        }
        return run;
    }

    const compare::RoundsNeeded& needed() const { return needed_; }

  private:
    model::Run read(const exec::OutputFile& file) const {
        model::Run run;
        try {
            run = read_run({file.path}, request_.inputs);
        } catch (const util::Error& error) {
            // The hint is about how the command was written: not for a kept run read again.
            if (file.capture != exec::CaptureMode::standard_output || request_.from_directory) {
                throw;
            }
            throw util::Error(error.file(), error.where(),
                              error.what_expected() + std::string(k_stdout_hint));
        }
        // A temporary file is gone once the run ends: the report names it by its name.
        if (!kept_) {
            for (model::Source& source : run.sources) {
                source.path = std::filesystem::path(source.path).filename().string();
            }
        }
        return run;
    }

    void judge_first_round() {
        needed_ = compare::rounds_needed(with_rules(setup_, *first_base_),
                                         with_rules(setup_, *first_head_), setup_.options,
                                         metric_options_of(setup_));
        if (needed_.shared_metrics == 0) {
            throw exec::StopRun({}, "round 1", nothing_in_common(*first_base_, *first_head_));
        }
        if (stop_below_ && too_few(*stop_below_, needed_)) {
            throw exec::StopRun("--rounds", {},
                                std::to_string(*stop_below_) + " rounds are too few: " +
                                    rounds_needed_text(needed_, setup_.options) +
                                    "; run --rounds " + std::to_string(needed_.rounds) +
                                    " or more, or gate fewer metrics");
        }
    }

    const AbRequest& request_;
    const GateSetup& setup_;
    bool kept_;
    std::optional<std::size_t> stop_below_;
    std::optional<model::Run> first_base_;
    std::optional<model::Run> first_head_;
    compare::RoundsNeeded needed_;
};

Rounds run_new(const AbRequest& request, const GateSetup& setup, exec::ProgressSink& progress) {
    const exec::RunPlan& plan = request.run;
    check_rounds_asked(plan.rounds, setup.options.alpha);
    RoundReader reader(request, setup, plan.keep_directory.has_value(), plan.rounds);
    auto result = exec::run_rounds(plan, reader, progress);
    Rounds rounds{std::move(result.record), std::move(result.base), std::move(result.head),
                  reader.needed()};
    if (too_few(rounds.record.rounds.size(), rounds.needed)) {
        throw util::Error("--max-time", {},
                          "the time limit stopped the run after " +
                              std::to_string(rounds.record.rounds.size()) + " of " +
                              std::to_string(plan.rounds) + " rounds, and " +
                              rounds_needed_text(rounds.needed, setup.options) +
                              "; nothing was compared: allow more time or gate fewer metrics");
    }
    return rounds;
}

Rounds read_kept(const std::string& directory, const AbRequest& request, const GateSetup& setup) {
    exec::RunRecord record = exec::read_manifest(directory);
    const std::string manifest = directory + "/" + std::string(exec::k_manifest_name);
    if (record.outcome == exec::Outcome::failed || record.outcome == exec::Outcome::interrupted) {
        const std::string error = record.error.substr(0, record.error.find('\n'));
        throw util::Error(
            manifest, "/outcome",
            "the kept run " +
                std::string(record.outcome == exec::Outcome::failed ? "stopped on an error"
                                                                    : "was interrupted") +
                ", and its rounds are not compared" +
                (error.empty() ? std::string() : ": " + error));
    }
    if (record.rounds.empty()) {
        throw util::Error(manifest, "/rounds", "expected at least one round");
    }
    RoundReader reader(request, setup, true, std::nullopt);
    auto result = exec::read_kept_rounds(record, reader);
    Rounds rounds{std::move(result.record), std::move(result.base), std::move(result.head),
                  reader.needed()};
    const std::size_t available = rounds.record.rounds.size();
    if (too_few(available, rounds.needed)) {
        throw util::Error(manifest, "/rounds",
                          std::to_string(available) + " rounds are too few: " +
                              rounds_needed_text(rounds.needed, setup.options) +
                              "; nothing was compared");
    }
    return rounds;
}

AbDesign design_of(const Rounds& rounds, bool reanalysed) {
    const exec::RunRecord& record = rounds.record;
    AbDesign design;
    design.base_command = record.base.command;
    design.head_command = record.head.command;
    design.extra_args = record.extra_args;
    design.rounds_requested = record.rounds_requested;
    design.rounds_run = record.rounds.size();
    design.seed = record.seed;
    design.orders = round_orders_text(record);
    design.max_seconds = record.max_seconds;
    design.stopped_by_max_time = record.outcome == exec::Outcome::max_time;
    design.elapsed_seconds = record.elapsed_seconds;
    design.directory = record.directory;
    design.reanalysed = reanalysed;
    design.needed = rounds.needed;
    return design;
}

std::vector<model::Run> with_rules(const GateSetup& setup, const std::vector<model::Run>& rounds) {
    std::vector<model::Run> out;
    out.reserve(rounds.size());
    for (const model::Run& run : rounds) out.push_back(with_rules(setup, run));
    return out;
}

}  // namespace

exec::RunPlan default_ab_plan() {
    exec::RunPlan plan;
    plan.rounds = k_default_ab_rounds;
    plan.seed = k_default_ab_seed;
    return plan;
}

std::optional<double> parse_duration(std::string_view text) {
    constexpr std::array<std::pair<char, double>, 3> k_units{{{'h', 3600}, {'m', 60}, {'s', 1}}};
    std::size_t next_unit = 0;  // units must come in the order of k_units
    double total = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) != 0)) ++at;
        if (at < text.size() && text[at] == '.') {
            ++at;
            while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) != 0))
                ++at;
        }
        const std::string number(text.substr(start, at - start));
        if (number.empty() || number == ".") return std::nullopt;
        const double value = std::strtod(number.c_str(), nullptr);  // huge: infinity
        if (at == text.size()) {  // a number without a unit: seconds, alone
            if (start != 0) return std::nullopt;
            total = value;
            break;
        }
        const char unit = text[at++];
        while (next_unit < k_units.size() && k_units[next_unit].first != unit) ++next_unit;
        if (next_unit == k_units.size()) return std::nullopt;
        total += value * k_units[next_unit++].second;
    }
    if (!(total > 0) || !std::isfinite(total)) return std::nullopt;
    return total;
}

std::string round_orders_text(const exec::RunRecord& record) {
    std::string text;
    for (const exec::RoundRecord& round : record.rounds) {
        if (!text.empty()) text += ' ';
        text += round.first == exec::Side::base ? "BH" : "HB";
    }
    return text;
}

AbResult run_ab(const AbRequest& request, const util::Environment& environment,
                exec::ProgressSink& progress) {
    check_ab_test(request.test);
    StatisticsRequest statistics = request.statistics;
    statistics.test = "auto";
    statistics.ci = "hl";
    statistics.drop_outliers = false;
    statistics.seed = request.run.seed;
    GateSetup setup = gate_setup(request.gate, statistics);
    const Rounds rounds = request.from_directory
                              ? read_kept(*request.from_directory, request, setup)
                              : run_new(request, setup, progress);
    // A kept run is analysed as it was when it ran: its seed also seeded the bootstrap.
    if (rounds.record.seed) setup.options.seed = *rounds.record.seed;

    // Budgets, required metrics, scores and the report see every metric of the rounds,
    // ignored by a rule or not, as `check` does.
    const model::Run base = compare::merge_rounds(rounds.base);
    const model::Run head = compare::merge_rounds(rounds.head);
    std::vector<model::Comparison> comparisons =
        compare::compare_rounds(with_rules(setup, rounds.base), with_rules(setup, rounds.head),
                                setup.options, metric_options_of(setup));
    const std::int64_t now = environment.now();
    model::Verdict verdict =
        setup.gate ? gate::check_gate(*setup.gate, std::move(comparisons), head, gate::date_of(now))
                   : gate::evaluate(std::move(comparisons));
    const ComparedRuns runs{&base, "base: " + rounds.record.base.command, std::nullopt, &head};
    AbDesign design = design_of(rounds, request.from_directory.has_value());
    ReportContext context;
    context.command = "ab";
    context.rounds = report::PairedRounds{
        design.base_command, design.head_command, design.rounds_requested,   design.rounds_run,
        design.seed,         design.orders,       design.stopped_by_max_time};
    VerdictReport outcome =
        finish_verdict(std::move(verdict), runs, setup, std::move(context), now);
    const ExitCode exit_code = exit_code_of(outcome.verdict.level);
    return AbResult{std::move(outcome), exit_code, std::move(design)};
}

}  // namespace caws::app
