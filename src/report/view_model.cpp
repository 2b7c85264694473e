#include "report/view_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compare/methods.hpp"
#include "model/comparison.hpp"
#include "model/quantity_format.hpp"
#include "model/unit.hpp"
#include "report/row_list.hpp"
#include "report/trend_section_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

int class_rank(std::string_view change) {
    if (change == "severe") return 0;
    if (change == "moderate") return 1;
    if (change == "minor") return 2;
    return 3;
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

// Significance stars of an adjusted p-value, as papers print them.
std::string stars_of(const ordered_json& c) {
    if (!c.value("tested", false) || !c.value("gated", true)) return {};
    auto p = number_at(c, "p_adjusted");
    if (!p) p = number_at(c, "p_value");
    if (!p) return {};
    if (*p < 0.001) return "***";
    if (*p < 0.01) return "**";
    if (*p < 0.05) return "*";
    return {};
}

// "1.20 µs" split into its number and its unit ("1.20", "µs"; "12" and "" for counts).
void set_split(const RowList::Row& row, const std::string& prefix,
               const std::optional<double>& value, const model::Unit& unit) {
    put(row, prefix + "_is_number", boolean(value && std::isfinite(*value)));
    if (!value) {
        put(row, prefix + "_value", "—");
        put(row, prefix + "_unit", "");
        return;
    }
    const std::string text = model::format_quantity(*value, unit);
    const std::size_t space = text.find(' ');
    put(row, prefix + "_value", space == std::string::npos ? text : text.substr(0, space));
    put(row, prefix + "_unit", space == std::string::npos ? "" : text.substr(space + 1));
}

std::string key_of(const ordered_json& object) {
    return text_or(object, "metric") + '\x1f' + text_or(object, "measure");
}

// A budget's number as its sentence writes it (`shown`, in the gate file's unit), or, for
// reports without it, formatted with sizes in powers of 1000 as gate files write them.
std::string budget_quantity(const ordered_json& budget, const char* key, const model::Unit& unit) {
    if (const auto shown = budget.find("shown"); shown != budget.end() && shown->is_object()) {
        if (std::string text = text_or(*shown, key); !text.empty()) return text;
    }
    const auto value = number_at(budget, key);
    return value ? model::format_quantity(*value, unit, model::SizePrefixes::decimal) : "—";
}

data budget_row(const ordered_json& b) {
    const model::Unit unit = model::unit_from_symbol(text_or(b, "unit"));
    data row;
    const std::string level = text_or(b, "level");
    row.set("icon", level_icon(level));
    row.set("level", level);
    row.set("name", text_or(b, "metric"));
    row.set("measure", text_or(b, "measure"));
    row.set("statistic", text_or(b, "statistic"));
    row.set("value", budget_quantity(b, "value", unit));
    row.set("warning", budget_quantity(b, "warning", unit));
    row.set("critical", budget_quantity(b, "critical", unit));
    std::string ratio = "—";
    if (const auto max_ratio = number_at(b, "max_ratio")) {
        const auto r = number_at(b, "ratio");
        ratio = (r ? model::format_ratio(*r) : std::string("—")) + " (max " +
                model::format_ratio(*max_ratio) + ")";
    }
    row.set("ratio", ratio);
    row.set("message", text_or(b, "message"));
    return row;
}

// `rows` are the first rows of a list of `total`.
void set_list(data& view, const std::string& name, std::vector<data> rows, std::size_t total) {
    view.set("has_" + name, boolean(!rows.empty()));
    view.set("has_" + name + "_omitted", boolean(total > rows.size()));
    view.set(name + "_omitted", std::to_string(total - rows.size()));
    view.set(name + "_count", std::to_string(total));
    view.set(name + "_total", std::to_string(total));
    put(view, name, list_of(std::move(rows)));
}

void set_list(data& view, const std::string& name, std::vector<data> rows) {
    const std::size_t total = rows.size();
    set_list(view, name, std::move(rows), total);
}

}  // namespace

data build_view(const ordered_json& report, const ViewParts& parts, RowLists* lists) {
    data view;
    RowLists own_lists;
    RowLists& long_lists = lists != nullptr ? *lists : own_lists;
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
    view.set("truncated", boolean(false));
    view.set("omitted", "0");
    view.set("full_report", "the JSON report (--json FILE)");

    // Scores, when a gate computed them.
    const auto scores = report.find("scores");
    const bool has_scores = scores != report.end() && scores->is_object();
    view.set("has_scores", boolean(has_scores));
    if (has_scores) {
        view.set("health", std::to_string(std::lround(scores->value("health", 0.0))));
        view.set("trust", std::to_string(std::lround(scores->value("trust", 0.0))));
        data components(data::type::list);
        if (const auto all = scores->find("components"); all != scores->end() && all->is_object()) {
            for (const char* score : {"health", "trust"}) {
                const auto list = all->find(score);
                if (list == all->end() || !list->is_array()) continue;
                for (const auto& c : *list) {
                    data entry;
                    entry.set("score_name", score);
                    entry.set("name", text_or(c, "name"));
                    entry.set("score", std::to_string(std::lround(c.value("score", 0.0))));
                    entry.set("weight", model::format_plain(c.value("weight", 0.0)));
                    entry.set("detail", text_or(c, "detail"));
                    components.push_back(entry);
                }
            }
        }
        view.set("score_components", components);
    }

    // How the numbers were computed, for the footer; reports written before these
    // settings existed get the defaults of that time.
    std::string method = "Medians are compared with a two-sided Mann-Whitney U test";
    std::string alpha = "0.05";
    std::string adjustment = "not adjusted for multiple comparisons";
    std::string confidence = "95%";
    view.set("power", std::string("80%"));
    view.set("minor", "1.2");
    view.set("moderate", "1.5");
    view.set("severe", "2");
    if (const auto settings = report.find("settings"); settings != report.end()) {
        alpha = model::format_plain(settings->value("alpha", 0.05));
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
    view.set("alpha", alpha);
    method += ", alpha " + alpha;
    if (const auto settings = report.find("settings"); settings != report.end()) {
        const auto correction =
            compare::correction_from_string(text_or(*settings, "correction", "none"));
        const std::size_t tested = report.at("summary").value("tested", std::size_t{0});
        if (correction && *correction != compare::Correction::none) {
            adjustment = "adjusted with " + std::string(compare::label_of(*correction));
            if (tested > 0) {
                method += "; p-values " + adjustment + " across " +
                          plural(tested, "tested metric", "tested metrics");
            }
        }
        if (const auto ci = settings->find("ci"); ci != settings->end() && ci->is_object()) {
            const auto ci_method = compare::ci_method_from_string(text_or(*ci, "method", "hl"));
            confidence = percent(ci->value("confidence", 0.95));
            method += "; intervals: " + confidence + " " +
                      std::string(
                          compare::label_of(ci_method.value_or(compare::CiMethod::hodges_lehmann)));
        }
        if (settings->value("drop_outliers", false)) method += "; Tukey outliers dropped";
    }
    view.set("method", method);
    view.set("p_adjustment", adjustment);
    view.set("confidence", confidence);
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
        std::string parts_text;
        for (const char* key : {"severe", "moderate", "minor"}) {
            if (count_of(key) == 0) continue;
            if (!parts_text.empty()) parts_text += ", ";
            parts_text += std::to_string(count_of(key)) + " " + key;
        }
        headline = plural(regressions, "regression", "regressions") + " (" + parts_text + ")";
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

    const ordered_json& baseline = report.at("baseline");
    view.set("baseline_label", text_or(baseline, "label"));
    view.set("has_baseline_commit", boolean(false));
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

    const ordered_json& comparisons = report.at("comparisons");
    const ordered_json& findings = report.at("findings");
    const auto budgets = report.find("budgets");
    const bool has_budget_list = budgets != report.end() && budgets->is_array();

    if (parts.markdown) {
        // Metrics that need more repetitions to detect the minor threshold.
        constexpr std::size_t k_repetition_rows = 10;
        std::size_t repetitions_total = 0;
        view.set("repetitions", repetition_rows(comparisons, k_repetition_rows, repetitions_total));
        view.set("has_repetitions", boolean(repetitions_total > 0));
        view.set("repetitions_count", plural(repetitions_total, "metric", "metrics"));
        view.set("has_more_repetitions", boolean(repetitions_total > k_repetition_rows));
        view.set("more_repetitions", std::to_string(repetitions_total > k_repetition_rows
                                                        ? repetitions_total - k_repetition_rows
                                                        : 0));

        // Regressions the gate acted on, fail then warn then the rest, worst class and
        // largest ratio first; improvements best first; everything else as reported.
        // Sort keys read once per comparison: looking keys up in an ordered_json object is
        // a linear search, too slow inside a sort of tens of thousands.
        struct Entry {
            const ordered_json* c;
            int level;
            int change;
            double ratio;
        };
        std::vector<Entry> regressed_entries, improved_entries;
        std::vector<const ordered_json*> others;
        for (const auto& c : comparisons) {
            const std::string change = text_or(c, "class");
            const bool gated_metric = c.value("gated", true);
            const bool regression = change == "severe" || change == "moderate" || change == "minor";
            if (gated_metric && (regression || change == "improved")) {
                double ratio = 1.0;
                if (c.value("ratio_infinite", false)) {
                    ratio = std::numeric_limits<double>::infinity();
                } else if (const auto r = number_at(c, "ratio")) {
                    ratio = *r;
                }
                Entry entry{&c, level_rank(text_or(c, "level")), class_rank(change), ratio};
                (regression ? regressed_entries : improved_entries).push_back(entry);
            } else if (change == "unchanged" || !gated_metric) {
                others.push_back(&c);
            }
        }
        std::stable_sort(regressed_entries.begin(), regressed_entries.end(),
                         [](const Entry& a, const Entry& b) {
                             if (a.level != b.level) return a.level < b.level;
                             if (a.change != b.change) return a.change < b.change;
                             return a.ratio > b.ratio;
                         });
        std::stable_sort(improved_entries.begin(), improved_entries.end(),
                         [](const Entry& a, const Entry& b) { return a.ratio < b.ratio; });
        std::vector<const ordered_json*> regressed, improved;
        for (const Entry& e : regressed_entries) regressed.push_back(e.c);
        for (const Entry& e : improved_entries) improved.push_back(e.c);
        const std::size_t cap = parts.max_list_rows == 0 ? std::numeric_limits<std::size_t>::max()
                                                         : parts.max_list_rows;
        const auto rows = [gated, cap](const std::vector<const ordered_json*>& list) {
            std::vector<data> out;
            out.reserve(std::min(cap, list.size()));
            for (const auto* c : list) {
                if (out.size() == cap) break;
                out.push_back(comparison_row(*c, gated));
            }
            return out;
        };
        set_list(view, "attention", rows(regressed), regressed.size());
        set_list(view, "improvements", rows(improved), improved.size());
        set_list(view, "others", rows(others), others.size());

        // Findings about whole benchmarks and budgets (failed, removed, added, skipped, ...),
        // fail first; waived findings on their own.
        std::vector<const ordered_json*> listed;
        std::vector<data> waived;
        for (const auto& f : findings) {
            const std::string code = text_or(f, "code");
            if (const auto waiver = f.find("waiver"); waiver != f.end() && waiver->is_object()) {
                data entry;
                entry.set("icon", level_icon(text_or(f, "level")));
                entry.set("code", code);
                entry.set("name", text_or(f, "metric"));
                entry.set("measure", text_or(f, "measure"));
                entry.set("reason", text_or(*waiver, "reason"));
                entry.set("owner", text_or(*waiver, "owner"));
                entry.set("expires", text_or(*waiver, "expires"));
                entry.set("expired", boolean(waiver->value("expired", false)));
                entry.set("message", text_or(f, "message"));
                waived.push_back(entry);
                // An expired waiver still asks for action: it is listed with the others.
                const std::string level = text_or(f, "level");
                if (code == "regression" || (level != "warn" && level != "fail")) continue;
            }
            if (code == "regression" || code == "improvement") continue;
            listed.push_back(&f);
        }
        std::stable_sort(listed.begin(), listed.end(), [](const auto* a, const auto* b) {
            return level_rank(text_or(*a, "level")) < level_rank(text_or(*b, "level"));
        });
        std::vector<data> finding_rows;
        for (const auto* f : listed) {
            data entry;
            entry.set("icon", level_icon(text_or(*f, "level")));
            entry.set("level", text_or(*f, "level"));
            entry.set("code", text_or(*f, "code"));
            entry.set("metric", text_or(*f, "metric"));
            entry.set("message", text_or(*f, "message"));
            finding_rows.push_back(entry);
        }
        view.set("has_needs_attention", boolean(!regressed.empty() || !finding_rows.empty()));
        set_list(view, "findings", std::move(finding_rows));
        set_list(view, "waivers", std::move(waived));

        std::vector<const ordered_json*> budget_list;
        if (has_budget_list) {
            for (const auto& b : *budgets) budget_list.push_back(&b);
        }
        std::stable_sort(budget_list.begin(), budget_list.end(), [](const auto* a, const auto* b) {
            return level_rank(text_or(*a, "level")) < level_rank(text_or(*b, "level"));
        });
        std::vector<data> budget_rows;
        for (const auto* b : budget_list) budget_rows.push_back(budget_row(*b));
        set_list(view, "budgets", std::move(budget_rows));

        std::vector<data> recommendation_rows;
        if (const auto list = report.find("recommendations");
            list != report.end() && list->is_array()) {
            for (const auto& r : *list) {
                data entry;
                entry.set("code", text_or(r, "code"));
                entry.set("metric", text_or(r, "metric"));
                entry.set("message", text_or(r, "message"));
                recommendation_rows.push_back(entry);
            }
        }
        set_list(view, "recommendations", std::move(recommendation_rows));

        std::vector<data> note_rows;
        if (const auto list = report.find("notes"); list != report.end()) {
            for (const auto& note : *list) note_rows.emplace_back(note.get<std::string>());
        }
        set_list(view, "notes", std::move(note_rows));
    }

    if (parts.latex) {
        // Every comparison in the report's order, numbers apart from units so that a
        // column of them can be aligned on the decimal point.
        RowList& rows = long_lists.add(
            "rows",
            {"name", "measure", "statistic", "baseline_is_number", "baseline_value",
             "baseline_unit", "candidate_is_number", "candidate_value", "candidate_unit",
             "ratio_value", "ratio_is_number", "ci", "has_stars", "stars", "class"},
            comparisons.size());
        for (const auto& c : comparisons) {
            const model::Unit unit = model::unit_from_symbol(text_or(c, "unit"));
            const RowList::Row row = rows.add_row();
            put(row, "name", text_or(c, "metric"));
            put(row, "measure", text_or(c, "measure"));
            put(row, "statistic", text_or(c, "statistic"));
            set_split(row, "baseline", number_at(c, "baseline"), unit);
            set_split(row, "candidate", number_at(c, "candidate"), unit);
            std::string ratio = "—";
            const auto ratio_number = number_at(c, "ratio");
            if (ratio_number) {
                ratio = model::format_ratio(*ratio_number);
                if (!ratio.empty() && ratio.back() == 'x') ratio.pop_back();  // the column says
            } else if (c.value("ratio_infinite", false)) {
                ratio = "∞";
            }
            put(row, "ratio_value", std::move(ratio));
            put(row, "ratio_is_number", boolean(ratio_number.has_value()));
            std::string ci;
            if (const auto interval = c.find("ci");
                interval != c.end() && interval->is_array() && interval->size() == 2) {
                ci = "[" + model::format_number((*interval)[0].get<double>(), 3) + ", " +
                     model::format_number((*interval)[1].get<double>(), 3) + "]";
            }
            put(row, "ci", ci.empty() ? std::string("—") : std::move(ci));
            std::string stars = stars_of(c);
            put(row, "has_stars", boolean(!stars.empty()));
            put(row, "stars", std::move(stars));
            put(row, "class", text_or(c, "class"));
        }
        view.set("has_rows", boolean(!comparisons.empty()));
    }

    if (parts.junit) {
        // One test case per gated metric and per budget; a failure carries the finding's
        // sentence.
        std::unordered_map<std::string, const ordered_json*> finding_of;
        for (const auto& f : findings) {
            finding_of.emplace(key_of(f), &f);
            if (text_or(f, "measure").empty()) finding_of.emplace(text_or(f, "metric"), &f);
        }
        const auto sentence_for = [&](const ordered_json& c) -> std::string {
            if (const auto found = finding_of.find(key_of(c)); found != finding_of.end()) {
                return text_or(*found->second, "message");
            }
            if (const auto found = finding_of.find(text_or(c, "metric"));
                found != finding_of.end()) {
                return text_or(*found->second, "message");
            }
            return text_or(c, "message", text_or(c, "metric") + ": " + text_or(c, "class"));
        };
        std::size_t tests = 0, failures = 0, skipped = 0;
        const std::vector<std::string> case_keys = {"name",    "failure",    "skipped", "type",
                                                    "message", "has_output", "output"};
        const auto add_case = [&](RowList& list, std::size_t& suite_failures,
                                  std::size_t& suite_skipped, std::string name,
                                  const std::string& level, bool skip, std::string type,
                                  std::string message, std::string output) {
            const RowList::Row entry = list.add_row();
            put(entry, "name", std::move(name));
            const bool failed = level == "fail";
            put(entry, "failure", boolean(failed));
            put(entry, "skipped", boolean(!failed && skip));
            put(entry, "type", std::move(type));
            put(entry, "message", std::move(message));
            put(entry, "has_output", boolean(!failed && !output.empty()));
            put(entry, "output", std::move(output));
            ++tests;
            if (failed) {
                ++failures;
                ++suite_failures;
            } else if (skip) {
                ++skipped;
                ++suite_skipped;
            }
        };
        RowList& metric_cases = long_lists.add("metric_cases", case_keys, comparisons.size());
        std::size_t metric_tests = 0, metric_failures = 0, metric_skipped = 0;
        for (const auto& c : comparisons) {
            if (!c.value("gated", true)) continue;
            const std::string level = text_or(c, "level");
            const std::string change = text_or(c, "class");
            std::string name = text_or(c, "metric");
            if (const std::string measure = text_or(c, "measure"); !measure.empty()) {
                name += " (" + measure + ")";
            }
            std::string message = sentence_for(c);
            std::string output;
            if (level == "warn") output = "warning: " + message;
            add_case(metric_cases, metric_failures, metric_skipped, std::move(name), level,
                     change == "skipped", change, std::move(message), std::move(output));
            ++metric_tests;
        }
        RowList& budget_cases =
            long_lists.add("budget_cases", case_keys, has_budget_list ? budgets->size() : 0);
        std::size_t budget_tests = 0, budget_failures = 0, budget_skipped = 0;
        if (has_budget_list) {
            for (const auto& b : *budgets) {
                const std::string level = text_or(b, "level");
                std::string name = text_or(b, "metric");
                if (!text_or(b, "measure").empty()) name += " (" + text_or(b, "measure") + ")";
                name += " " + text_or(b, "statistic");
                std::string output;
                if (level == "warn") output = "warning: " + text_or(b, "message");
                add_case(budget_cases, budget_failures, budget_skipped, name, level, false,
                         "budget", text_or(b, "message"), output);
                ++budget_tests;
            }
        }
        view.set("metric_tests", std::to_string(metric_tests));
        view.set("metric_failures", std::to_string(metric_failures));
        view.set("metric_skipped", std::to_string(metric_skipped));
        view.set("has_budget_cases", boolean(budget_tests > 0));
        view.set("budget_tests", std::to_string(budget_tests));
        view.set("budget_failures", std::to_string(budget_failures));
        view.set("budget_skipped", std::to_string(budget_skipped));
        view.set("tests", std::to_string(tests));
        view.set("failures", std::to_string(failures));
        view.set("skipped", std::to_string(skipped));
    }
    add_trend_section(view, report, parts);  // the history's trends, when check analysed one
    long_lists.place_in(view, lists == nullptr);
    return view;
}

}  // namespace caws::report
