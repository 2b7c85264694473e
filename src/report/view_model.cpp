#include "report/view_model.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "compare/methods.hpp"
#include "model/comparison.hpp"
#include "model/quantity_format.hpp"
#include "model/unit.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

data boolean(bool value) {
    return value ? data(data::type::bool_true) : data(data::type::bool_false);
}

std::string text_or(const ordered_json& object, const char* key, std::string fallback = {}) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_string()) return fallback;
    return found->get<std::string>();
}

std::optional<double> number_at(const ordered_json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || !found->is_number()) return std::nullopt;
    return found->get<double>();
}

const char* level_icon(std::string_view level) {
    if (level == "fail") return "❌";
    if (level == "warn") return "⚠️";
    if (level == "info") return "ℹ️";
    return "✅";
}

int class_rank(std::string_view change) {
    if (change == "severe") return 0;
    if (change == "moderate") return 1;
    if (change == "minor") return 2;
    return 3;
}

std::string plural(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

data comparison_row(const ordered_json& c, bool gated_report) {
    const model::Unit unit = model::unit_from_symbol(text_or(c, "unit"));
    data row;
    row.set("name", text_or(c, "metric"));
    row.set("measure", text_or(c, "measure"));
    row.set("statistic", text_or(c, "statistic"));
    const auto baseline = number_at(c, "baseline");
    const auto candidate = number_at(c, "candidate");
    row.set("baseline", baseline ? model::format_quantity(*baseline, unit) : "—");
    row.set("candidate", candidate ? model::format_quantity(*candidate, unit) : "—");
    std::string ratio = "—";
    if (const auto r = number_at(c, "ratio")) {
        ratio = model::format_ratio(*r);
    } else if (c.value("ratio_infinite", false)) {
        ratio = "∞";
    }
    if (const auto ci = c.find("ci"); ci != c.end() && ci->is_array() && ci->size() == 2) {
        ratio += " [" + model::format_number((*ci)[0].get<double>(), 3) + ", " +
                 model::format_number((*ci)[1].get<double>(), 3) + "]";
    }
    row.set("ratio", ratio);
    // The adjusted p-value decides significance, so it is the one shown; the raw value is in
    // the JSON report.
    std::string p = "untested";
    if (const auto value = number_at(c, "p_adjusted")) {
        p = model::format_p_value(*value);
    } else if (const auto raw = number_at(c, "p_value")) {
        p = model::format_p_value(*raw);
    }
    if (!c.value("gated", true)) p = "not gated";
    row.set("p_value", p);
    std::string test = text_or(c, "test", "none");
    if (test == "none") test = "—";
    if (text_or(c, "test_variant") == "summary") test += " (summaries)";
    row.set("test", test);
    const auto n = c.find("n");
    if (n != c.end() && n->is_array() && n->size() == 2) {
        row.set("n", std::to_string((*n)[0].get<std::size_t>()) + " vs " +
                         std::to_string((*n)[1].get<std::size_t>()));
    }
    row.set("class", text_or(c, "class"));
    row.set("level", text_or(c, "level"));
    // `compare` does not gate: no pass/fail icons there.
    row.set("icon", gated_report ? level_icon(text_or(c, "level")) : "");
    std::string notes;
    if (const auto list = c.find("notes"); list != c.end() && list->is_array()) {
        for (const auto& note : *list) {
            if (!notes.empty()) notes += "; ";
            notes += note.get<std::string>();
        }
    }
    row.set("notes", notes);
    return row;
}

std::string percent(double fraction) {
    return model::format_plain(fraction * 100) + "%";
}

// "2.48x", or "none" when no change can be detected.
std::string detectable_text(const ordered_json& power) {
    if (power.value("min_detectable_ratio_infinite", false)) return "none (too few samples)";
    if (const auto mdr = number_at(power, "min_detectable_ratio")) return model::format_ratio(*mdr);
    return "unknown";
}

// Metrics whose test cannot detect the minor threshold, least sensitive first.
data repetition_rows(const ordered_json& comparisons, std::size_t limit, std::size_t& total) {
    std::vector<const ordered_json*> flagged;
    for (const auto& c : comparisons) {
        const auto power = c.find("power");
        if (power == c.end() || !power->is_object()) continue;
        if (power->value("needs_repetitions", false)) flagged.push_back(&c);
    }
    const auto sensitivity = [](const ordered_json* c) {
        const ordered_json& power = c->at("power");
        if (power.value("min_detectable_ratio_infinite", false)) {
            return std::numeric_limits<double>::infinity();
        }
        return number_at(power, "min_detectable_ratio").value_or(0.0);
    };
    std::stable_sort(flagged.begin(), flagged.end(),
                     [&](const auto* a, const auto* b) { return sensitivity(a) > sensitivity(b); });
    total = flagged.size();
    data rows(data::type::list);
    for (std::size_t i = 0; i < flagged.size() && i < limit; ++i) {
        const ordered_json& c = *flagged[i];
        const ordered_json& power = c.at("power");
        data row;
        row.set("name", text_or(c, "metric"));
        row.set("measure", text_or(c, "measure"));
        const auto n = c.find("n");
        if (n != c.end() && n->is_array() && n->size() == 2) {
            row.set("n", std::to_string((*n)[0].get<std::size_t>()) + " vs " +
                             std::to_string((*n)[1].get<std::size_t>()));
        }
        row.set("detectable", detectable_text(power));
        const auto needed = power.find("repetitions_needed");
        row.set("repetitions", needed != power.end() && needed->is_number()
                                   ? std::to_string(needed->get<std::size_t>())
                                   : std::string("unknown (noise not measurable)"));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

data build_view(const ordered_json& report) {
    data view;
    const bool gated = report.value("gated", true);
    const std::string verdict = text_or(report, "verdict", "pass");
    view.set("gated", boolean(gated));
    view.set("command", text_or(report, "command", "check"));
    view.set("verdict", verdict);
    view.set("verdict_icon", level_icon(verdict));
    std::string title = verdict;
    std::transform(title.begin(), title.end(), title.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    view.set("verdict_title", title);
    view.set("title", gated ? std::string(level_icon(verdict)) + " caws-gate: " + title
                            : std::string("caws-gate compare"));
    // How the numbers were computed, for the footer; reports written before these
    // settings existed get the defaults of that time.
    std::string method = "Medians are compared with a two-sided Mann-Whitney U test";
    std::string alpha = "0.05";
    view.set("power", std::string("80%"));
    if (const auto settings = report.find("settings"); settings != report.end()) {
        alpha = model::format_plain(settings->value("alpha", 0.05));
        view.set("alpha", alpha);
        if (const auto t = settings->find("thresholds"); t != settings->end()) {
            view.set("minor", model::format_plain(t->value("minor", 1.2)));
            view.set("moderate", model::format_plain(t->value("moderate", 1.5)));
            view.set("severe", model::format_plain(t->value("severe", 2.0)));
        }
        view.set("power", percent(settings->value("power", 0.8)));
        if (settings->contains("test")) {
            const auto test = compare::test_from_string(text_or(*settings, "test", "auto"));
            method = "Medians are compared with ";
            method += !test || *test == compare::SignificanceTest::automatic
                          ? "a Mann-Whitney U test where the sample sizes can reach the "
                            "corrected alpha, otherwise a t-test on log values (moderated when "
                            "the run has enough metrics to pool their noise)"
                          : "the " + std::string(compare::label_of(*test));
        }
    }
    method += ", alpha " + alpha;
    if (const auto settings = report.find("settings"); settings != report.end()) {
        const auto correction =
            compare::correction_from_string(text_or(*settings, "correction", "none"));
        const std::size_t tested = report.at("summary").value("tested", std::size_t{0});
        if (correction && *correction != compare::Correction::none && tested > 0) {
            method += "; p-values adjusted with " + std::string(compare::label_of(*correction)) +
                      " across " + plural(tested, "tested metric", "tested metrics");
        }
        if (const auto ci = settings->find("ci"); ci != settings->end() && ci->is_object()) {
            const auto ci_method = compare::ci_method_from_string(text_or(*ci, "method", "hl"));
            method += "; intervals: " + percent(ci->value("confidence", 0.95)) + " " +
                      std::string(
                          compare::label_of(ci_method.value_or(compare::CiMethod::hodges_lehmann)));
        }
        if (settings->value("drop_outliers", false)) method += "; Tukey outliers dropped";
    }
    view.set("method", method);
    if (const auto tool = report.find("tool"); tool != report.end()) {
        view.set("tool_version", text_or(*tool, "version"));
    }

    // Counts per class, in the report's order.
    const ordered_json& counts = report.at("summary").at("counts");
    data count_list(data::type::list);
    std::size_t regressions = 0;
    for (const auto& [name, value] : counts.items()) {
        data entry;
        entry.set("class", name);
        entry.set("count", std::to_string(value.get<std::size_t>()));
        count_list.push_back(entry);
        if (model::change_class_from_string(name) &&
            model::is_regression(*model::change_class_from_string(name))) {
            regressions += value.get<std::size_t>();
        }
    }
    view.set("counts", count_list);

    const auto count_of = [&counts](const char* key) { return counts.value(key, std::size_t{0}); };
    std::string headline;
    if (regressions > 0) {
        std::string parts;
        for (const char* key : {"severe", "moderate", "minor"}) {
            if (count_of(key) == 0) continue;
            if (!parts.empty()) parts += ", ";
            parts += std::to_string(count_of(key)) + " " + key;
        }
        headline = plural(regressions, "regression", "regressions") + " (" + parts + ")";
    } else {
        headline = "no regressions";
    }
    headline += ", " + plural(count_of("improved"), "improvement", "improvements") + ", " +
                std::to_string(count_of("unchanged")) + " unchanged";
    for (const char* key : {"failed", "removed", "added", "skipped", "not_gated"}) {
        if (count_of(key) > 0) {
            headline += ", " + std::to_string(count_of(key)) + " " +
                        (std::string_view(key) == "not_gated" ? "not gated" : key);
        }
    }
    headline += " of " + plural(report.at("summary").value("comparisons", std::size_t{0}), "metric",
                                "metrics");
    view.set("headline", headline);

    // Health and trust (docs/scoring.md), when the report has them.
    if (const auto scores = report.find("scores"); scores != report.end() && scores->is_object()) {
        view.set("has_scores", boolean(true));
        view.set("health", model::format_plain(scores->value("health", 0.0)));
        view.set("trust", model::format_plain(scores->value("trust", 0.0)));
    } else {
        view.set("has_scores", boolean(false));
    }

    // The summary row.
    const ordered_json& summary = report.at("summary");
    if (const auto g = summary.find("geomean"); g != summary.end() && g->is_object()) {
        std::string text = model::format_ratio(g->value("ratio", 1.0));
        if (const auto ci = g->find("ci"); ci != g->end() && ci->is_array() && ci->size() == 2) {
            text += " [" + model::format_number((*ci)[0].get<double>(), 3) + ", " +
                    model::format_number((*ci)[1].get<double>(), 3) + "]";
        }
        view.set("geomean", text);
        view.set("geomean_metrics",
                 plural(g->value("metrics", std::size_t{0}), "metric", "metrics"));
        view.set("has_geomean", boolean(true));
    } else {
        view.set("has_geomean", boolean(false));
    }

    // Metrics that need more repetitions to detect the minor threshold.
    constexpr std::size_t k_repetition_rows = 10;
    std::size_t repetitions_total = 0;
    view.set("repetitions",
             repetition_rows(report.at("comparisons"), k_repetition_rows, repetitions_total));
    view.set("has_repetitions", boolean(repetitions_total > 0));
    view.set("repetitions_count", plural(repetitions_total, "metric", "metrics"));
    view.set("has_more_repetitions", boolean(repetitions_total > k_repetition_rows));
    view.set("more_repetitions", std::to_string(repetitions_total > k_repetition_rows
                                                    ? repetitions_total - k_repetition_rows
                                                    : 0));

    // Regressions worst first; improvements best first; everything else as reported.
    std::vector<const ordered_json*> regressed, improved, others;
    for (const auto& c : report.at("comparisons")) {
        const std::string change = text_or(c, "class");
        const bool gated_metric = c.value("gated", true);
        if (gated_metric && (change == "severe" || change == "moderate" || change == "minor")) {
            regressed.push_back(&c);
        } else if (gated_metric && change == "improved") {
            improved.push_back(&c);
        } else if (change == "unchanged" || !gated_metric) {
            others.push_back(&c);
        }
    }
    const auto ratio_of = [](const ordered_json* c) {
        if (c->value("ratio_infinite", false)) return std::numeric_limits<double>::infinity();
        const auto r = c->find("ratio");
        return r != c->end() && r->is_number() ? r->get<double>() : 1.0;
    };
    std::stable_sort(regressed.begin(), regressed.end(), [&](const auto* a, const auto* b) {
        const int ra = class_rank(text_or(*a, "class"));
        const int rb = class_rank(text_or(*b, "class"));
        if (ra != rb) return ra < rb;
        return ratio_of(a) > ratio_of(b);
    });
    std::stable_sort(improved.begin(), improved.end(),
                     [&](const auto* a, const auto* b) { return ratio_of(a) < ratio_of(b); });
    const auto rows = [gated](const std::vector<const ordered_json*>& list) {
        data out(data::type::list);
        for (const auto* c : list) out.push_back(comparison_row(*c, gated));
        return out;
    };
    view.set("regressions", rows(regressed));
    view.set("has_regressions", boolean(!regressed.empty()));
    view.set("improvements", rows(improved));
    view.set("has_improvements", boolean(!improved.empty()));
    view.set("others", rows(others));
    view.set("has_others", boolean(!others.empty()));
    view.set("others_count", std::to_string(others.size()));

    // Findings about whole benchmarks (failed, removed, added, skipped).
    data attention(data::type::list);
    std::size_t attention_count = 0;
    for (const auto& f : report.at("findings")) {
        const std::string code = text_or(f, "code");
        if (code == "regression" || code == "improvement") continue;
        data entry;
        entry.set("icon", level_icon(text_or(f, "level")));
        entry.set("level", text_or(f, "level"));
        entry.set("code", code);
        entry.set("metric", text_or(f, "metric"));
        entry.set("message", text_or(f, "message"));
        attention.push_back(entry);
        ++attention_count;
    }
    view.set("attention", attention);
    view.set("has_attention", boolean(attention_count > 0));

    data notes(data::type::list);
    bool has_notes = false;
    if (const auto list = report.find("notes"); list != report.end()) {
        for (const auto& note : *list) {
            notes.push_back(data(note.get<std::string>()));
            has_notes = true;
        }
    }
    view.set("notes", notes);
    view.set("has_notes", boolean(has_notes));

    const ordered_json& baseline = report.at("baseline");
    view.set("baseline_label", text_or(baseline, "label"));
    if (const auto provenance = baseline.find("provenance"); provenance != baseline.end()) {
        view.set("baseline_created", text_or(*provenance, "created"));
        const std::string commit = text_or(*provenance, "commit");
        view.set("baseline_commit", commit.substr(0, 12));
        view.set("has_baseline_commit", boolean(!commit.empty()));
    }
    std::string candidate_files;
    for (const auto& source : report.at("candidate").at("sources")) {
        if (!candidate_files.empty()) candidate_files += ", ";
        candidate_files += text_or(source, "path") + " (" + text_or(source, "format") + ")";
    }
    view.set("candidate_files", candidate_files);
    return view;
}

}  // namespace caws::report
