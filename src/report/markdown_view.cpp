// The Markdown report's view (templates/markdown.mustache) and its shortening to a length
// limit. A row of the report's table of formats (report_formats.cpp).

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "compare/statistic_test.hpp"
#include "model/quantity_format.hpp"
#include "model/source_kind.hpp"
#include "report/escape.hpp"
#include "report/markdown_cells.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_formats.hpp"
#include "report/report_view.hpp"
#include "report/rerun_view.hpp"
#include "report/trend_section_view.hpp"
#include "report/view_fields.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

// The Markdown lists in the order a shortened report keeps them: the first rows of the
// first lists survive. Each list `x` comes with `has_x`, and `has_x_omitted`/`x_omitted`
// for rows left out.
constexpr std::string_view k_markdown_lists[] = {"attention",       "findings",     "budgets",
                                                 "recommendations", "improvements", "waivers",
                                                 "others",          "notes"};

// Metrics that need more repetitions to detect the minor threshold: at most this many.
constexpr std::size_t k_repetition_rows = 10;

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

// A comparison as a table row. Numbers with units, the ratio with its interval and the
// class with its icon are unbreakable; `test` and `n` stay for custom templates, and
// `varying` holds only what the rows of its table do not share.
data comparison_row(const model::Comparison& c, bool gated_report, const SharedColumns& shared,
                    NoteNumbers& notes) {
    data row;
    put(row, "name", c.metric);
    put(row, "measure", c.measure);
    put(row, "statistic", c.statistic);
    put(row, "baseline",
        c.baseline ? unbreakable(model::format_quantity(*c.baseline, c.unit)) : "—");
    put(row, "candidate",
        c.candidate ? unbreakable(model::format_quantity(*c.candidate, c.unit)) : "—");
    std::string ratio = ratio_text(c);
    if (c.ci) ratio += ' ' + interval_text(*c.ci);
    put(row, "ratio", unbreakable(ratio));
    // The adjusted p-value decides significance, so it is the one shown; the raw value is in
    // the JSON report.
    std::string p = "untested";
    if (c.p_adjusted) {
        p = model::format_p_value(*c.p_adjusted);
    } else if (c.p_value) {
        p = model::format_p_value(*c.p_value);
    }
    if (!c.gated) p = "not gated";
    put(row, "p_value", unbreakable(p));
    std::string test = c.test == "none" ? std::string("—") : c.test;
    if (c.test_variant == "summary") test += " (summaries)";
    put(row, "test", std::move(test));
    put(row, "n", sample_sizes(c));
    put(row, "varying", varying_cell(c, shared));
    const std::string change(model::to_string(c.change));
    put(row, "class", change);
    put(row, "level", std::string(model::to_string(c.level)));
    // `compare` does not gate: no pass/fail icons there.
    const std::string icon = gated_report ? level_icon(c.level) : "";
    put(row, "icon", icon);
    put(row, "icon_class", icon.empty() ? change : icon + "\u00a0" + change);
    std::string text;
    for (const std::string& note : c.notes) {
        if (!text.empty()) text += "; ";
        text += note;
    }
    put(row, "notes", std::move(text));
    const std::string refs = notes.refer(c.notes);
    put(row, "note_marks", NoteNumbers::marks(refs));
    put(row, "note_refs", refs);
    return row;
}

// Whether the report compares benchmark results: some source of either side is in a format
// outside model::k_application_formats, or no side says where it came from.
bool benchmark_results(const Report& report) {
    bool known = false;
    for (const ReportSide* side : {&report.baseline, &report.candidate}) {
        for (const model::Source& source : side->sources) {
            known = true;
            if (!model::is_application_format(source.format)) return true;
        }
    }
    return !known;
}

// "9 benchmarks", or "9 benchmarks (17 gated measures)" when some benchmark has several
// gated measures among the `rows`; "metrics" for application metrics.
std::string benchmarks_needing(const std::vector<const model::Comparison*>& rows, bool benchmarks) {
    std::set<std::string_view> names;
    for (const auto* c : rows) names.insert(c->metric);
    std::string text = benchmarks ? plural(names.size(), "benchmark", "benchmarks")
                                  : plural(names.size(), "metric", "metrics");
    if (rows.size() > names.size()) text += " (" + std::to_string(rows.size()) + " gated measures)";
    return text;
}

// `ab`'s rounds, and the samples per round and side of a tail quantile: "10 (20 samples)".
std::string rounds_cell(const model::Comparison& c) {
    std::string text = std::to_string(c.n_baseline);
    if (c.power->samples_per_round) {
        text += " (" + std::to_string(*c.power->samples_per_round) + " samples)";
    }
    return text;
}

// The rounds or repetitions needed, and for a tail quantile in `ab` the samples per round
// that would do with the rounds run: "55 (or 110 samples)".
std::string needed_cell(std::size_t needed, std::optional<std::size_t> samples) {
    std::string text = std::to_string(needed);
    if (samples) text += " (or " + std::to_string(*samples) + " samples)";
    return text;
}

// The gated measures whose test cannot detect the minor threshold, least sensitive first:
// the measures not gated (a benchmark's second clock, its rates) decide nothing, and the
// add-repetitions recommendation counts the same benchmarks.
void set_repetitions(data& view, const Report& report) {
    std::vector<const model::Comparison*> flagged;
    for (const auto& c : report.comparisons) {
        if (c.gated && c.power && c.power->needs_repetitions) flagged.push_back(&c);
    }
    const auto sensitivity = [](const model::Comparison* c) {
        return c->power->min_detectable_ratio.value_or(0.0);
    };
    std::stable_sort(flagged.begin(), flagged.end(),
                     [&](const auto* a, const auto* b) { return sensitivity(a) > sensitivity(b); });
    data rows(data::type::list);
    bool unknown_repetitions = false;
    bool extreme_repetitions = false;
    const bool rounds = report.rounds.has_value();  // `ab`: rounds, not repetitions
    for (std::size_t i = 0; i < flagged.size() && i < k_repetition_rows; ++i) {
        const model::Comparison& c = *flagged[i];
        const auto& detectable = c.power->min_detectable_ratio;
        data row;
        row.set("name", c.metric);
        row.set("measure", c.measure);
        row.set("n", rounds ? rounds_cell(c) : sample_sizes(c));
        row.set("detectable",
                !detectable ? std::string("unknown")
                : std::isinf(*detectable)
                    ? std::string(rounds ? "none (too few rounds)" : "none (too few samples)")
                    : model::format_ratio(*detectable));
        const auto& needed = rounds ? c.power->rounds_needed : c.power->repetitions_needed;
        // "unknown" fits a comment's column; the sentence under the table says why. A
        // minimum or maximum gets no number: more samples help it little.
        const bool extreme = compare::is_extreme(c.statistic);
        row.set("repetitions", needed    ? needed_cell(*needed, c.power->samples_per_round_needed)
                               : extreme ? std::string("none: gate a quantile")
                                         : std::string("unknown"));
        if (!needed && !extreme) unknown_repetitions = true;
        if (!needed && extreme) extreme_repetitions = true;
        rows.push_back(row);
    }
    view.set("repetitions_of_rounds", boolean(rounds));
    view.set("repetitions_unknown", boolean(unknown_repetitions));
    view.set("repetitions_extreme", boolean(extreme_repetitions));
    const std::size_t total = flagged.size();
    view.set("repetitions", rows);
    view.set("has_repetitions", boolean(total > 0));
    const bool benchmarks = benchmark_results(report);
    view.set("repetitions_count", benchmarks_needing(flagged, benchmarks));
    view.set("repetitions_of_benchmarks", boolean(benchmarks));
    view.set("has_more_repetitions", boolean(total > k_repetition_rows));
    view.set("more_repetitions",
             std::to_string(total > k_repetition_rows ? total - k_repetition_rows : 0));
}

int class_rank(model::ChangeClass change) {
    switch (change) {
        case model::ChangeClass::severe:
            return 0;
        case model::ChangeClass::moderate:
            return 1;
        case model::ChangeClass::minor:
            return 2;
        default:
            return 3;
    }
}

template <typename List, typename Of>
std::vector<const model::Comparison*> comparisons_of(const List& list, Of comparison_of) {
    std::vector<const model::Comparison*> out;
    out.reserve(list.size());
    for (const auto& item : list) out.push_back(comparison_of(item));
    return out;
}

// The list `name` of comparison rows, at most `cap`, with what its rows share
// (`name_shared`, `has_name_shared`, `name_varies`: the "test, n" column is needed) and
// its numbered notes (`name_notes`: `number`, `text`; `has_name_notes`).
void set_comparison_list(data& view, const std::string& name,
                         const std::vector<const model::Comparison*>& list, bool gated,
                         std::size_t cap, bool rounds) {
    const SharedColumns shared = shared_columns(list, rounds);
    NoteNumbers notes;
    std::vector<data> rows;
    rows.reserve(std::min(cap, list.size()));
    for (const model::Comparison* c : list) {
        if (rows.size() == cap) break;
        rows.push_back(comparison_row(*c, gated, shared, notes));
    }
    set_list(view, name, std::move(rows), list.size());
    view.set("has_" + name + "_shared", boolean(!shared.sentence.empty()));
    view.set(name + "_shared", shared.sentence);
    view.set(name + "_varies", boolean(shared.varies()));
    view.set(name + "_measure_varies", boolean(!shared.same_measure));
    data numbered(data::type::list);
    for (std::size_t i = 0; i < notes.notes().size(); ++i) {
        data note;
        note.set("number", std::to_string(i + 1));
        note.set("text", notes.notes()[i]);
        numbered.push_back(note);
    }
    view.set("has_" + name + "_notes", boolean(!notes.notes().empty()));
    view.set(name + "_notes", numbered);
}

// Regressions the gate acted on, fail then warn then the rest, worst class and largest
// ratio first; improvements best first; everything else as reported. At most `cap` rows
// each. Returns whether there are regressions.
bool set_comparison_lists(data& view, const Report& report, std::size_t cap) {
    struct Entry {
        const model::Comparison* c;
        int level;
        int change;
        double ratio;
    };
    std::vector<Entry> regressed, improved;
    std::vector<const model::Comparison*> others;
    for (const auto& c : report.comparisons) {
        const bool regression = model::is_regression(c.change);
        if (c.gated && (regression || c.change == model::ChangeClass::improved)) {
            Entry entry{&c, level_rank(c.level), class_rank(c.change), c.ratio.value_or(1.0)};
            (regression ? regressed : improved).push_back(entry);
        } else if (c.change == model::ChangeClass::unchanged || !c.gated) {
            others.push_back(&c);
        }
    }
    std::stable_sort(regressed.begin(), regressed.end(), [](const Entry& a, const Entry& b) {
        if (a.level != b.level) return a.level < b.level;
        if (a.change != b.change) return a.change < b.change;
        return a.ratio > b.ratio;
    });
    std::stable_sort(improved.begin(), improved.end(),
                     [](const Entry& a, const Entry& b) { return a.ratio < b.ratio; });
    const auto of_entry = [](const Entry& e) { return e.c; };
    const auto of_pointer = [](const model::Comparison* c) { return c; };
    const bool rounds = report.rounds.has_value();
    set_comparison_list(view, "attention", comparisons_of(regressed, of_entry), report.gated, cap,
                        rounds);
    set_comparison_list(view, "improvements", comparisons_of(improved, of_entry), report.gated, cap,
                        rounds);
    set_comparison_list(view, "others", comparisons_of(others, of_pointer), report.gated, cap,
                        rounds);
    return !regressed.empty();
}

// Findings about whole benchmarks and budgets (failed, removed, added, skipped, ...),
// fail first; waived findings on their own. Returns whether any is listed.
bool set_findings(data& view, const std::vector<model::Finding>& findings) {
    std::vector<const model::Finding*> listed;
    std::vector<data> waived;
    for (const model::Finding& f : findings) {
        if (f.waiver) {
            data entry;
            entry.set("icon", level_icon(f.level));
            entry.set("code", f.code);
            entry.set("name", f.metric);
            entry.set("measure", f.measure);
            entry.set("reason", f.waiver->reason);
            entry.set("owner", f.waiver->owner);
            entry.set("expires", f.waiver->expires);
            entry.set("expired", boolean(f.waiver->expired));
            entry.set("message", f.message);
            waived.push_back(entry);
            // An expired waiver still asks for action: it is listed with the others.
            const bool acts = f.level == model::Level::warn || f.level == model::Level::fail;
            if (f.code == "regression" || !acts) continue;
        }
        if (f.code == "regression" || f.code == "improvement") continue;
        listed.push_back(&f);
    }
    std::stable_sort(listed.begin(), listed.end(), [](const auto* a, const auto* b) {
        return level_rank(a->level) < level_rank(b->level);
    });
    std::vector<data> rows;
    for (const model::Finding* f : listed) {
        data entry;
        entry.set("icon", level_icon(f->level));
        entry.set("level", std::string(model::to_string(f->level)));
        entry.set("code", f->code);
        entry.set("metric", f->metric);
        entry.set("message", f->message);
        rows.push_back(entry);
    }
    const bool any = !rows.empty();
    set_list(view, "findings", std::move(rows));
    set_list(view, "waivers", std::move(waived));
    return any;
}

// A budget's number as its sentence writes it (`shown`, in the gate file's unit), or, for
// reports without it, formatted with sizes in powers of 1000 as gate files write them.
std::string budget_quantity(const std::string& shown, const std::optional<double>& value,
                            const model::Unit& unit) {
    if (!shown.empty()) return shown;
    return value ? model::format_quantity(*value, unit, model::SizePrefixes::decimal) : "—";
}

data budget_row(const model::BudgetCheck& b) {
    const model::Unit unit = model::unit_from_symbol(b.unit);
    data row;
    row.set("icon", level_icon(b.level));
    row.set("level", std::string(model::to_string(b.level)));
    row.set("name", b.metric);
    row.set("measure", b.measure);
    row.set("statistic", b.statistic);
    row.set("measure_statistic", b.measure + " (" + b.statistic + ")");
    row.set("value", unbreakable(budget_quantity(b.value_text, b.value, unit)));
    row.set("warning", unbreakable(budget_quantity(b.warning_text, b.warning, unit)));
    row.set("critical", unbreakable(budget_quantity(b.critical_text, b.critical, unit)));
    std::string ratio = "—";
    if (b.max_ratio) {
        ratio = (b.ratio ? model::format_ratio(*b.ratio) : std::string("—")) + " (max " +
                model::format_ratio(*b.max_ratio) + ")";
    }
    row.set("ratio", unbreakable(ratio));
    row.set("message", b.message);
    return row;
}

// Budgets worst first, recommendations and notes in the report's order.
void set_advice(data& view, const Report& report) {
    std::vector<const model::BudgetCheck*> budgets;
    for (const auto& b : report.budgets) budgets.push_back(&b);
    std::stable_sort(budgets.begin(), budgets.end(), [](const auto* a, const auto* b) {
        return level_rank(a->level) < level_rank(b->level);
    });
    std::vector<data> budget_rows;
    for (const auto* b : budgets) budget_rows.push_back(budget_row(*b));
    set_list(view, "budgets", std::move(budget_rows));

    std::vector<data> recommendation_rows;
    for (const model::Recommendation& r : report.recommendations) {
        data entry;
        entry.set("code", r.code);
        entry.set("metric", r.metric);
        entry.set("message", r.message);
        // Already Markdown, for {{{ }}}: the commands in the message render as code.
        entry.set("message_markdown", escape_markdown_message(r.message));
        recommendation_rows.push_back(entry);
    }
    set_list(view, "recommendations", std::move(recommendation_rows));

    std::vector<data> note_rows;
    for (const std::string& note : report.notes) note_rows.emplace_back(note);
    set_list(view, "notes", std::move(note_rows));
}

}  // namespace

// The header keys, the lists of k_markdown_lists, the repetitions, the rerun and the trend
// section.
// With a length limit, no list holds more rows than could fit (a row takes more than 30
// characters); `x_total` always gives the whole count.
data markdown_view(const Report& report, const RenderOptions& options, RowLists&) {
    data view = header_view(report);
    const data* confidence = view.get("confidence");
    view.set("ratio_heading", unbreakable("ratio [" + confidence->string_value() + " CI]"));
    if (!options.full_report.empty()) view.set("full_report", options.full_report);
    const std::size_t cap = options.max_length == 0 ? std::numeric_limits<std::size_t>::max()
                                                    : options.max_length / 30 + 1;
    set_repetitions(view, report);
    const bool regressions = set_comparison_lists(view, report, cap);
    const bool findings = set_findings(view, report.findings);
    view.set("has_needs_attention", boolean(regressions || findings));
    set_advice(view, report);
    add_rerun_view(view, report);  // how to rerun the regressions, or the rerun that confirmed
    add_trend_section(view, report, false,
                      options.trend_rows);  // the history's trends, when check analysed one
    return view;
}

namespace {

// Below this many rows a report is rendered whole first: it almost always fits.
constexpr std::size_t k_whole_first = 2000;

// The rows of the Markdown lists, taken out of the view.
struct ListRows {
    std::vector<std::vector<data>> lists;  // in k_markdown_lists order
    std::vector<std::size_t> totals;       // each list's whole count, rows left out included
    std::size_t in_view = 0;               // rows the view held
    std::size_t all = 0;                   // rows the report has
    bool capped = false;                   // the view held fewer rows than the report has
};

// Moves the rows of the lists out of `view`, leaving the lists empty.
ListRows take_rows(data& view) {
    ListRows rows;
    for (const std::string_view name : k_markdown_lists) {
        const std::string key(name);
        data& list = view[key];
        rows.lists.push_back(list.is_list() ? std::move(rows_of(list)) : std::vector<data>{});
        list = data(data::type::list);
        const data* count = view.get(key + "_total");
        rows.totals.push_back(count != nullptr && count->is_string()
                                  ? std::stoul(count->string_value())
                                  : rows.lists.back().size());
        rows.capped = rows.capped || rows.totals.back() > rows.lists.back().size();
        rows.in_view += rows.lists.back().size();
        rows.all += rows.totals.back();
    }
    return rows;
}

// Renders `view` with the first `keep` rows over all lists, in priority order, and the
// notice saying how many are left out. The rows are moved into the view for the rendering
// and back out after it: copying kainjow values is what costs most here.
std::string render_keeping(data& view, ListRows& rows, std::size_t keep,
                           const std::function<std::string(const data&)>& render) {
    std::size_t left = keep;
    for (std::size_t i = 0; i < rows.lists.size(); ++i) {
        const std::string name(k_markdown_lists[i]);
        const std::size_t kept = std::min(left, rows.lists[i].size());
        left -= kept;
        kainjow::mustache::list& shown = rows_of(view[name]);
        shown.reserve(kept);  // kainjow values are copied, not moved, when a vector grows
        for (std::size_t r = 0; r < kept; ++r) shown.push_back(std::move(rows.lists[i][r]));
        view.set("has_" + name, boolean(kept > 0));
        const std::size_t omitted = rows.totals[i] - kept;
        view.set("has_" + name + "_omitted", boolean(omitted > 0));
        view.set(name + "_omitted", std::to_string(omitted));
    }
    view.set("truncated", boolean(keep < rows.all));
    view.set("omitted", keep < rows.all ? std::to_string(rows.all - std::min(keep, rows.in_view))
                                        : std::string("0"));
    std::string text = render(view);
    for (std::size_t i = 0; i < rows.lists.size(); ++i) {
        kainjow::mustache::list& shown = rows_of(view[std::string(k_markdown_lists[i])]);
        for (std::size_t r = 0; r < shown.size(); ++r) rows.lists[i][r] = std::move(shown[r]);
        shown.clear();
    }
    return text;
}

}  // namespace

// The Markdown report within options.max_length (utf16_length): whole when it fits, or
// with rows dropped from the end of the lists in k_markdown_lists order (the worst
// findings stay) and a notice saying how many are left out and where the full report is.
std::string fit_markdown(data view, const std::function<std::string(const data&)>& render,
                         const RenderOptions& options) {
    const std::size_t limit = options.max_length;
    const auto length = [](const std::string& text) { return utf16_length(text); };
    ListRows rows = take_rows(view);
    if (!rows.capped && (limit == 0 || rows.in_view <= k_whole_first)) {
        std::string whole = render_keeping(view, rows, rows.in_view, render);
        if (limit == 0 || length(whole) <= limit) return whole;
    }

    // The largest `keep` that fits, found by interpolation: the length grows about
    // linearly with the rows kept, so a few renders suffice. It stops once the text is
    // within a row or two of the limit.
    const std::size_t total = rows.in_view;
    std::size_t good = 0;
    std::string best = render_keeping(view, rows, 0, render);
    std::size_t good_length = length(best);
    const std::size_t base_length = good_length;
    std::size_t bad = total + 1;
    std::size_t bad_length = 0;
    std::size_t probe = std::min<std::size_t>(256, total);
    constexpr std::size_t k_close_enough = 400;
    for (int step = 0; step < 40 && bad - good > 1 && probe > good; ++step) {
        std::string text = render_keeping(view, rows, probe, render);
        const std::size_t probe_length = length(text);
        if (probe_length <= limit) {
            good = probe;
            good_length = probe_length;
            best = std::move(text);
            if (good == total || limit - good_length < k_close_enough) break;
        } else {
            bad = probe;
            bad_length = probe_length;
        }
        // The next guess: on the line through the last fitting render and the row size
        // seen so far, a little short of the limit so that it tends to fit.
        const double per_row =
            bad_length > good_length && bad <= total
                ? static_cast<double>(bad_length - good_length) / static_cast<double>(bad - good)
                : static_cast<double>(good_length - base_length + 1) /
                      static_cast<double>(std::max<std::size_t>(good, 1));
        const double room = static_cast<double>(limit - good_length) * 0.98;
        auto next = good + static_cast<std::size_t>(room / std::max(per_row, 1.0));
        if (bad > total && next <= good) next = good * 2;
        probe = std::clamp<std::size_t>(next, good + 1, std::min(bad - 1, total));
    }
    return best;
}

}  // namespace caws::report
