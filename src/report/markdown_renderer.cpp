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
    data view = build_view(report, ViewParts{true, false, false});
    if (!options.full_report.empty()) view.set("full_report", options.full_report);
    const auto render = [&](const data& v) {
        return render_template("markdown", v, templates, escape_markdown);
    };
    const auto fits = [&](const std::string& text) {
        return options.max_length == 0 || utf16_length(text) <= options.max_length;
    };

    std::vector<std::vector<data>> lists;
    std::size_t total = 0;
    for (const std::string_view name : k_markdown_lists) {
        const data* list = view.get(std::string(name));
        lists.push_back(list != nullptr && list->is_list() ? list->list_value()
                                                           : std::vector<data>{});
        total += lists.back().size();
    }
    if (options.max_length == 0 || total <= k_whole_first) {
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
            const std::size_t omitted = lists[i].size() - kept;
            shortened.set("has_" + name + "_omitted",
                          data(omitted > 0 ? data::type::bool_true : data::type::bool_false));
            shortened.set(name + "_omitted", std::to_string(omitted));
        }
        if (keep < total) {
            shortened.set("truncated", data(data::type::bool_true));
            shortened.set("omitted", std::to_string(total - keep));
        }
        return render(shortened);
    };

    // The largest `keep` that fits: grow from a size that renders quickly, then bisect.
    std::size_t good = 0;
    std::string best = render_keeping(0);
    std::size_t bad = total + 1;
    for (std::size_t probe = std::min<std::size_t>(256, total); probe <= total;) {
        std::string text = render_keeping(probe);
        if (!fits(text)) {
            bad = probe;
            break;
        }
        good = probe;
        best = std::move(text);
        if (probe == total) return best;
        probe = std::min(total, probe * 2);
    }
    while (bad - good > 1) {
        const std::size_t middle = good + (bad - good) / 2;
        std::string text = render_keeping(middle);
        if (fits(text)) {
            good = middle;
            best = std::move(text);
        } else {
            bad = middle;
        }
    }
    return best;
}

}  // namespace caws::report
