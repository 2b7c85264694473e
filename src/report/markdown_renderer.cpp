#include "report/markdown_renderer.hpp"

#include <algorithm>
#include <vector>

#include "report/escape.hpp"
#include "report/template_renderer.hpp"
#include "report/view_model.hpp"

namespace caws::report {
namespace {

using kainjow::mustache::data;

// Below this many rows a report is rendered whole first: it almost always fits.
constexpr std::size_t k_whole_first = 2000;

}  // namespace

std::string render_markdown(const nlohmann::ordered_json& report, const TemplateSet& templates,
                            const MarkdownOptions& options) {
    // A row takes more than 30 characters: no more rows than this can fit.
    const std::size_t row_cap = options.max_length == 0 ? 0 : options.max_length / 30 + 1;
    data view = build_view(report, ViewParts{true, false, false, row_cap});
    if (!options.full_report.empty()) view.set("full_report", options.full_report);
    const auto render = [&](const data& v) {
        return render_template("markdown", v, templates, escape_markdown);
    };
    const auto fits = [&](const std::string& text) {
        return options.max_length == 0 || utf16_length(text) <= options.max_length;
    };

    std::vector<std::vector<data>> lists;
    std::vector<std::size_t> totals;
    std::size_t total = 0;
    std::size_t all_rows = 0;
    bool capped = false;
    for (const std::string_view name : k_markdown_lists) {
        const data* list = view.get(std::string(name));
        lists.push_back(list != nullptr && list->is_list() ? list->list_value()
                                                           : std::vector<data>{});
        const data* count = view.get(std::string(name) + "_total");
        totals.push_back(count != nullptr && count->is_string() ? std::stoul(count->string_value())
                                                                : lists.back().size());
        capped = capped || totals.back() > lists.back().size();
        total += lists.back().size();
        all_rows += totals.back();
    }
    if (!capped && (options.max_length == 0 || total <= k_whole_first)) {
        std::string whole = render(view);
        if (fits(whole)) return whole;
    }

    // The rows now live in `lists`; copies of the view stay small.
    for (const std::string_view name : k_markdown_lists) {
        view.set(std::string(name), data(data::type::list));
    }

    // Keep the first `keep` rows over all lists, in priority order.
    const auto render_keeping = [&](std::size_t keep) {
        data shortened = view;
        std::size_t left = keep;
        for (std::size_t i = 0; i < lists.size(); ++i) {
            const std::string name(k_markdown_lists[i]);
            const std::size_t kept = std::min(left, lists[i].size());
            left -= kept;
            data list(data::type::list);
            for (std::size_t r = 0; r < kept; ++r) list.push_back(lists[i][r]);
            shortened.set(name, list);
            shortened.set("has_" + name,
                          data(kept > 0 ? data::type::bool_true : data::type::bool_false));
            const std::size_t omitted = totals[i] - kept;
            shortened.set("has_" + name + "_omitted",
                          data(omitted > 0 ? data::type::bool_true : data::type::bool_false));
            shortened.set(name + "_omitted", std::to_string(omitted));
        }
        if (keep < all_rows) {
            shortened.set("truncated", data(data::type::bool_true));
            shortened.set("omitted", std::to_string(all_rows - std::min(keep, total)));
        }
        return render(shortened);
    };

    // The largest `keep` that fits, found by interpolation: the length grows about
    // linearly with the rows kept, so a few renders suffice. It stops once the text is
    // within a row or two of the limit.
    const auto length = [&](const std::string& text) { return utf16_length(text); };
    std::size_t good = 0;
    std::string best = render_keeping(0);
    std::size_t good_length = length(best);
    const std::size_t base_length = good_length;
    std::size_t bad = total + 1;
    std::size_t bad_length = 0;
    std::size_t probe = std::min<std::size_t>(256, total);
    constexpr std::size_t k_close_enough = 400;
    for (int step = 0; step < 40 && bad - good > 1 && probe > good; ++step) {
        std::string text = render_keeping(probe);
        const std::size_t probe_length = length(text);
        if (probe_length <= options.max_length) {
            good = probe;
            good_length = probe_length;
            best = std::move(text);
            if (good == total || options.max_length - good_length < k_close_enough) break;
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
        const double room = static_cast<double>(options.max_length - good_length) * 0.98;
        auto next = good + static_cast<std::size_t>(room / std::max(per_row, 1.0));
        if (bad > total && next <= good) next = good * 2;
        probe = std::clamp<std::size_t>(next, good + 1, std::min(bad - 1, total));
    }
    return best;
}

}  // namespace caws::report
