#include "gate/gate_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <span>
#include <utility>

#include <nlohmann/json.hpp>

#include "gate/budgets.hpp"
#include "gate/glob.hpp"
#include "gate/waivers.hpp"
#include "json/strict.hpp"
#include "model/comparison.hpp"
#include "model/quantity_format.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/json_pointer.hpp"
#include "util/sha256.hpp"
#include "util/text_position.hpp"

namespace caws::gate {
namespace {

using Json = nlohmann::ordered_json;
using Keys = std::span<const std::string_view>;

// The keys each object of a gate file may have, in the order docs/gates.md lists them.
constexpr std::string_view k_top_keys[] = {"schema",  "description", "defaults", "rules",
                                           "budgets", "required",    "waivers",  "scores",
                                           "trend",   "leak"};
constexpr std::string_view k_defaults_keys[] = {"statistic", "measures",   "thresholds",  "alpha",
                                                "test",      "correction", "min_samples", "levels"};
constexpr std::string_view k_rule_keys[] = {"match",       "measure",    "ignore", "direction",
                                            "statistic",   "thresholds", "alpha",  "test",
                                            "min_samples", "levels"};
constexpr std::string_view k_threshold_keys[] = {"minor", "moderate", "severe"};
constexpr std::string_view k_level_keys[] = {"severe",   "moderate",  "minor",
                                             "improved", "unchanged", "added",
                                             "removed",  "failed",    "skipped"};
constexpr std::string_view k_budget_keys[] = {"metric",  "measure",  "statistic", "limit",
                                              "warning", "critical", "max_ratio", "level"};
constexpr std::string_view k_waiver_keys[] = {"match", "measure", "reason",
                                              "owner", "link",    "expires"};
constexpr std::string_view k_scores_keys[] = {"min_health", "min_trust"};
constexpr std::string_view k_leak_keys[] = {"threshold"};
constexpr std::string_view k_trend_keys[] = {"degrading", "change_point", "change_point_within",
                                             "min_magnitude"};

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string quoted_list(Keys names) {
    std::string out;
    for (const std::string_view name : names) {
        if (!out.empty()) out += ", ";
        // Appended piece by piece: `"\"" + std::string(name)` makes GCC 12 warn falsely
        // (-Wrestrict).
        out += '"';
        out += name;
        out += '"';
    }
    return out;
}

std::string describe(const Json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "an array";
    std::string text = value.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return text;
}

class GateParser {
  public:
    explicit GateParser(std::string path) : path_(std::move(path)) {}

    Gate parse(const Json& root) {
        gate_.path = path_;
        const std::string at;
        if (!root.is_object()) fail(at, "expected a JSON object at the top level");
        check_keys(root, at, k_top_keys);
        if (!root.contains("schema")) {
            fail("/schema", "expected \"schema\": \"" + std::string(k_gate_schema) +
                                "\" (is this a caws-gate gate file?)");
        }
        const std::string schema = string(root["schema"], "/schema");
        if (schema != k_gate_schema) {
            if (schema.starts_with("caws-gate/gate@")) {
                fail("/schema", "this gate file has schema \"" + schema +
                                    "\"; this caws-gate reads \"" + std::string(k_gate_schema) +
                                    "\"");
            }
            fail("/schema",
                 "expected \"" + std::string(k_gate_schema) + "\", got \"" + schema + "\"");
        }
        if (root.contains("description")) string(root["description"], "/description");
        if (root.contains("defaults")) read_defaults(root["defaults"], "/defaults");
        if (root.contains("rules")) {
            each(root["rules"], "/rules", [this](const Json& v, const std::string& p) {
                gate_.rules.push_back(read_rule(v, p));
            });
        }
        if (root.contains("budgets")) {
            each(root["budgets"], "/budgets", [this](const Json& v, const std::string& p) {
                gate_.budgets.push_back(read_budget(v, p));
            });
        }
        if (root.contains("required")) {
            each(root["required"], "/required", [this](const Json& v, const std::string& p) {
                gate_.required.push_back(glob(v, p));
            });
        }
        if (root.contains("waivers")) {
            each(root["waivers"], "/waivers", [this](const Json& v, const std::string& p) {
                gate_.waivers.push_back(read_waiver(v, p));
            });
        }
        if (root.contains("scores")) read_scores(root["scores"], "/scores");
        if (root.contains("trend")) read_trend(root["trend"], "/trend");
        if (root.contains("leak")) read_leak(root["leak"], "/leak");
        return std::move(gate_);
    }

  private:
    [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
        throw util::Error(path_, pointer, what);
    }

    void check_keys(const Json& object, const std::string& at, Keys allowed) const {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            const std::string where = util::pointer_append(at, key);
            std::string_view best;
            std::size_t best_distance = std::numeric_limits<std::size_t>::max();
            for (const std::string_view name : allowed) {
                const std::size_t d = edit_distance(key, name);
                if (d < best_distance) {
                    best_distance = d;
                    best = name;
                }
            }
            if (best_distance <= std::max<std::size_t>(2, best.size() / 3)) {
                fail(where, "unknown key; did you mean \"" + std::string(best) + "\"?");
            }
            fail(where, "unknown key; expected one of " + quoted_list(allowed));
        }
    }

    const Json& object(const Json& value, const std::string& at, Keys allowed) const {
        if (!value.is_object()) fail(at, "expected an object, got " + describe(value));
        check_keys(value, at, allowed);
        return value;
    }

    template <typename Each>
    void each(const Json& value, const std::string& at, Each&& body) const {
        if (!value.is_array()) fail(at, "expected an array, got " + describe(value));
        std::size_t i = 0;
        for (const Json& element : value) body(element, util::pointer_append(at, i++));
    }

    std::string string(const Json& value, const std::string& at) const {
        if (!value.is_string()) fail(at, "expected a string, got " + describe(value));
        return value.get<std::string>();
    }

    std::string non_empty(const Json& value, const std::string& at) const {
        std::string text = string(value, at);
        if (text.empty()) fail(at, "expected a non-empty string");
        return text;
    }

    double number(const Json& value, const std::string& at) const {
        if (!value.is_number()) fail(at, "expected a number, got " + describe(value));
        return value.get<double>();
    }

    bool boolean(const Json& value, const std::string& at) const {
        if (!value.is_boolean()) fail(at, "expected true or false, got " + describe(value));
        return value.get<bool>();
    }

    std::size_t count(const Json& value, const std::string& at, std::size_t minimum) const {
        if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
            value.get<std::int64_t>() < static_cast<std::int64_t>(minimum)) {
            fail(at, "expected an integer of at least " + std::to_string(minimum) + ", got " +
                         describe(value));
        }
        return value.get<std::size_t>();
    }

    std::string glob(const Json& value, const std::string& at) const {
        std::string pattern = non_empty(value, at);
        if (const auto error = glob_error(pattern)) {
            fail(at, "malformed pattern \"" + pattern + "\": " + *error);
        }
        return pattern;
    }

    template <typename T, typename FromString>
    T named(const Json& value, const std::string& at, FromString from_string,
            const std::string& names) const {
        const std::string text = string(value, at);
        const auto parsed = from_string(text);
        if (!parsed) fail(at, "expected one of " + names + ", got \"" + text + "\"");
        return *parsed;
    }

    compare::Statistic statistic(const Json& value, const std::string& at) const {
        return named<compare::Statistic>(
            value, at, [](std::string_view t) { return compare::statistic_from_string(t); },
            "median, mean, min, max, p90, p95, p99");
    }

    model::Level level(const Json& value, const std::string& at) const {
        return named<model::Level>(
            value, at, [](std::string_view t) { return model::level_from_string(t); },
            "pass, info, warn, fail");
    }

    compare::SignificanceTest test(const Json& value, const std::string& at) const {
        std::string names;
        for (const auto name : compare::test_names()) {
            names += (names.empty() ? "" : ", ") + std::string(name);
        }
        return named<compare::SignificanceTest>(
            value, at, [](std::string_view t) { return compare::test_from_string(t); }, names);
    }

    double alpha(const Json& value, const std::string& at) const {
        const double a = number(value, at);
        if (!(a > 0 && a < 1)) {
            fail(at, "expected a number between 0 and 1 (exclusive), got " + describe(value));
        }
        return a;
    }

    compare::Thresholds thresholds(const Json& value, const std::string& at,
                                   compare::Thresholds base) const {
        object(value, at, k_threshold_keys);
        const auto read = [&](const char* key, double& slot) {
            if (!value.contains(key)) return;
            const std::string where = util::pointer_append(at, key);
            slot = number(value[key], where);
            if (!(slot > 1) || !std::isfinite(slot)) {
                fail(where, "expected a ratio above 1, got " + describe(value[key]));
            }
        };
        read("minor", base.minor);
        read("moderate", base.moderate);
        read("severe", base.severe);
        if (!(base.minor < base.moderate && base.moderate < base.severe)) {
            fail(at, "expected minor < moderate < severe, got minor " +
                         model::format_plain(base.minor) + ", moderate " +
                         model::format_plain(base.moderate) + ", severe " +
                         model::format_plain(base.severe));
        }
        return base;
    }

    Policy levels(const Json& value, const std::string& at, Policy base) const {
        object(value, at, k_level_keys);
        const std::pair<const char*, model::Level*> slots[] = {
            {"severe", &base.severe},       {"moderate", &base.moderate},
            {"minor", &base.minor},         {"improved", &base.improved},
            {"unchanged", &base.unchanged}, {"added", &base.added},
            {"removed", &base.removed},     {"failed", &base.failed},
            {"skipped", &base.skipped}};
        for (const auto& [key, slot] : slots) {
            if (value.contains(key)) *slot = level(value[key], util::pointer_append(at, key));
        }
        return base;
    }

    void read_defaults(const Json& value, const std::string& at) {
        object(value, at, k_defaults_keys);
        Defaults& d = gate_.defaults;
        const auto where = [&at](const char* key) { return util::pointer_append(at, key); };
        if (value.contains("statistic")) {
            d.settings.statistic = statistic(value["statistic"], where("statistic"));
        }
        if (value.contains("measures")) {
            each(value["measures"], where("measures"), [&](const Json& v, const std::string& p) {
                d.measures.push_back(non_empty(v, p));
            });
        }
        if (value.contains("thresholds")) {
            d.settings.thresholds =
                thresholds(value["thresholds"], where("thresholds"), d.settings.thresholds);
        }
        if (value.contains("alpha")) d.settings.alpha = alpha(value["alpha"], where("alpha"));
        if (value.contains("test")) d.settings.test = test(value["test"], where("test"));
        if (value.contains("correction")) {
            std::string names;
            for (const auto name : compare::correction_names()) {
                names += (names.empty() ? "" : ", ") + std::string(name);
            }
            d.correction = named<compare::Correction>(
                value["correction"], where("correction"),
                [](std::string_view t) { return compare::correction_from_string(t); }, names);
        }
        if (value.contains("min_samples")) {
            d.settings.min_samples = count(value["min_samples"], where("min_samples"), 1);
        }
        if (value.contains("levels")) {
            d.settings.levels = levels(value["levels"], where("levels"), d.settings.levels);
        }
    }

    Rule read_rule(const Json& value, const std::string& at) const {
        if (value.is_object() && value.contains("correction")) {
            fail(util::pointer_append(at, "correction"),
                 "the correction applies to all metrics of a run together; set it in "
                 "/defaults/correction");
        }
        object(value, at, k_rule_keys);
        const auto where = [&at](const char* key) { return util::pointer_append(at, key); };
        Rule rule;
        rule.pointer = at;
        if (!value.contains("match")) fail(where("match"), "expected the metric pattern \"match\"");
        rule.match = glob(value["match"], where("match"));
        if (value.contains("measure")) rule.measure = non_empty(value["measure"], where("measure"));
        if (value.contains("ignore")) rule.ignore = boolean(value["ignore"], where("ignore"));
        if (value.contains("direction")) {
            rule.direction = named<model::Direction>(
                value["direction"], where("direction"),
                [](std::string_view t) -> std::optional<model::Direction> {
                    if (t == "lower") return model::Direction::lower;
                    if (t == "higher") return model::Direction::higher;
                    return std::nullopt;
                },
                "lower, higher");
        }
        const MetricSettings& d = gate_.defaults.settings;
        if (value.contains("statistic")) {
            rule.statistic = statistic(value["statistic"], where("statistic"));
        }
        if (value.contains("thresholds")) {
            rule.thresholds = thresholds(value["thresholds"], where("thresholds"), d.thresholds);
        }
        if (value.contains("alpha")) rule.alpha = alpha(value["alpha"], where("alpha"));
        if (value.contains("test")) rule.test = test(value["test"], where("test"));
        if (value.contains("min_samples")) {
            rule.min_samples = count(value["min_samples"], where("min_samples"), 1);
        }
        if (value.contains("levels"))
            rule.levels = levels(value["levels"], where("levels"), d.levels);
        return rule;
    }

    Quantity quantity(const Json& value, const std::string& at) const {
        if (value.is_number()) {
            const double number = value.get<double>();
            return Quantity{number, std::nullopt, model::format_plain(number), {}, 1};
        }
        if (!value.is_string()) {
            fail(at, "expected a number or a value with its unit such as \"50 ms\", got " +
                         describe(value));
        }
        const std::string text = value.get<std::string>();
        std::string error;
        const auto parsed = parse_quantity(text, error);
        if (!parsed) fail(at, error);
        return *parsed;
    }

    Budget read_budget(const Json& value, const std::string& at) const {
        object(value, at, k_budget_keys);
        const auto where = [&at](const char* key) { return util::pointer_append(at, key); };
        Budget budget;
        budget.pointer = at;
        budget.statistic = gate_.defaults.settings.statistic;
        if (!value.contains("metric"))
            fail(where("metric"), "expected the metric pattern \"metric\"");
        budget.metric = glob(value["metric"], where("metric"));
        if (value.contains("measure"))
            budget.measure = non_empty(value["measure"], where("measure"));
        if (value.contains("statistic")) {
            budget.statistic = statistic(value["statistic"], where("statistic"));
        }
        if (value.contains("limit")) {
            budget.limit = named<Limit>(
                value["limit"], where("limit"),
                [](std::string_view t) -> std::optional<Limit> {
                    if (t == "upper") return Limit::upper;
                    if (t == "lower") return Limit::lower;
                    return std::nullopt;
                },
                "upper, lower");
        }
        if (value.contains("warning"))
            budget.warning = quantity(value["warning"], where("warning"));
        if (value.contains("critical")) {
            budget.critical = quantity(value["critical"], where("critical"));
        }
        if (value.contains("max_ratio")) {
            const double ratio = number(value["max_ratio"], where("max_ratio"));
            if (!(ratio >= 1) || !std::isfinite(ratio)) {
                fail(where("max_ratio"), "expected an oriented ratio of at least 1, got " +
                                             describe(value["max_ratio"]));
            }
            budget.max_ratio = ratio;
        }
        if (value.contains("level")) {
            if (!budget.max_ratio) {
                fail(where("level"), "\"level\" is the level of \"max_ratio\", which is not set");
            }
            budget.ratio_level = level(value["level"], where("level"));
        }
        if (!budget.warning && !budget.critical && !budget.max_ratio) {
            fail(at, "expected \"warning\", \"critical\" or \"max_ratio\"");
        }
        if (budget.warning && budget.critical) {
            const Quantity& w = *budget.warning;
            const Quantity& c = *budget.critical;
            if (w.dimension && c.dimension && *w.dimension != *c.dimension) {
                fail(where("critical"), "\"" + c.text + "\" is " + dimension_noun(*c.dimension) +
                                            ", but the warning \"" + w.text + "\" is " +
                                            dimension_noun(*w.dimension));
            }
            if (budget.limit == Limit::upper && w.value > c.value) {
                fail(where("warning"), "the warning \"" + w.text + "\" is above the critical \"" +
                                           c.text + "\"; a budget warns before it fails");
            }
            if (budget.limit == Limit::lower && w.value < c.value) {
                fail(where("warning"), "the warning \"" + w.text + "\" is below the critical \"" +
                                           c.text + "\"; a lower limit warns before it fails");
            }
        }
        return budget;
    }

    WaiverRule read_waiver(const Json& value, const std::string& at) const {
        object(value, at, k_waiver_keys);
        const auto where = [&at](const char* key) { return util::pointer_append(at, key); };
        WaiverRule waiver;
        waiver.pointer = at;
        if (!value.contains("match")) fail(where("match"), "expected the metric pattern \"match\"");
        waiver.match = glob(value["match"], where("match"));
        if (value.contains("measure"))
            waiver.measure = non_empty(value["measure"], where("measure"));
        if (!value.contains("reason")) fail(where("reason"), "expected why the waiver is granted");
        waiver.reason = non_empty(value["reason"], where("reason"));
        if (value.contains("owner")) waiver.owner = non_empty(value["owner"], where("owner"));
        if (value.contains("link")) {
            const std::string link = non_empty(value["link"], where("link"));
            waiver.owner = waiver.owner.empty() ? link : waiver.owner + " (" + link + ")";
        }
        if (waiver.owner.empty()) {
            fail(where("owner"), "expected who owns the waiver: \"owner\" or \"link\"");
        }
        if (!value.contains("expires")) {
            fail(where("expires"), "expected the date the waiver expires, YYYY-MM-DD");
        }
        waiver.expires = string(value["expires"], where("expires"));
        if (!valid_date(waiver.expires)) {
            fail(where("expires"), "expected a date YYYY-MM-DD, got \"" + waiver.expires + "\"");
        }
        return waiver;
    }

    void read_scores(const Json& value, const std::string& at) {
        object(value, at, k_scores_keys);
        const auto read = [&](const char* key) -> std::optional<double> {
            if (!value.contains(key)) return std::nullopt;
            const std::string where = util::pointer_append(at, key);
            const double score = number(value[key], where);
            if (!(score >= 0 && score <= 100)) {
                fail(where, "expected a score from 0 to 100, got " + describe(value[key]));
            }
            return score;
        };
        gate_.scores.min_health = read("min_health");
        gate_.scores.min_trust = read("min_trust");
    }

    void read_trend(const Json& value, const std::string& at) {
        object(value, at, k_trend_keys);
        TrendSettings trend;
        const auto where = [&at](const char* key) { return util::pointer_append(at, key); };
        if (value.contains("degrading"))
            trend.degrading = level(value["degrading"], where("degrading"));
        if (value.contains("change_point")) {
            trend.change_point = level(value["change_point"], where("change_point"));
        }
        if (value.contains("change_point_within")) {
            trend.change_point_within =
                count(value["change_point_within"], where("change_point_within"), 1);
        }
        if (value.contains("min_magnitude")) {
            const double ratio = number(value["min_magnitude"], where("min_magnitude"));
            if (!(ratio >= 1) || !std::isfinite(ratio)) {
                fail(where("min_magnitude"),
                     "expected a ratio of at least 1, got " + describe(value["min_magnitude"]));
            }
            trend.min_magnitude = ratio;
        }
        gate_.trend = trend;
    }

    // `threshold`: a number of MB/s or a string, "1.5 MB/s" or "5%/h".
    void read_leak(const Json& value, const std::string& at) {
        object(value, at, k_leak_keys);
        if (!value.contains("threshold")) return;
        const std::string where = util::pointer_append(at, "threshold");
        const Json& threshold = value["threshold"];
        if (!threshold.is_number() && !threshold.is_string()) {
            fail(where, "expected a growth in MB/s (a number) or a string such as \"5%/h\", got " +
                            describe(threshold));
        }
        const std::string text =
            threshold.is_string() ? threshold.get<std::string>() : threshold.dump();
        auto parsed = trend::parse_leak_threshold(text);
        if (auto* error = std::get_if<std::string>(&parsed)) fail(where, *error);
        gate_.leak_threshold = std::get<trend::LeakThreshold>(std::move(parsed));
    }

    std::string path_;
    Gate gate_;
};

}  // namespace

Gate parse_gate(std::string_view text, const std::string& path) {
    Gate gate = GateParser(path).parse(json::parse_strict(text, path));
    gate.sha256 = util::sha256_hex(text);
    return gate;
}

Gate load_gate(const std::string& path) {
    return parse_gate(util::read_file(path), path);
}

}  // namespace caws::gate
