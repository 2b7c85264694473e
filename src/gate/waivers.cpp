#include "gate/waivers.hpp"

#include <cctype>

#include "gate/glob.hpp"
#include "util/environment.hpp"

namespace caws::gate {
namespace {

std::string subject(const model::Finding& f) {
    return f.measure.empty() ? f.metric : f.metric + " (" + f.measure + ")";
}

model::Waiver to_model(const WaiverRule& rule, bool expired) {
    return model::Waiver{rule.match, rule.reason, rule.owner, rule.expires, expired};
}

bool matches(const WaiverRule& rule, const model::Finding& f) {
    if (!rule.measure.empty() && rule.measure != f.measure) return false;
    return glob_match(rule.match, f.metric);
}

}  // namespace

bool valid_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    const auto digits = [text](std::size_t from, std::size_t n) {
        int value = 0;
        for (std::size_t i = from; i < from + n; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    const int year = digits(0, 4);
    const int month = digits(5, 2);
    const int day = digits(8, 2);
    if (month < 1 || month > 12 || day < 1) return false;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = month == 2 && leap ? 29 : k_days[month - 1];
    return day <= days;
}

std::string date_of(std::int64_t unix_seconds) {
    return util::format_utc(unix_seconds).substr(0, 10);
}

void apply_waivers(const std::vector<WaiverRule>& waivers, std::string_view today,
                   std::vector<model::Finding>& findings,
                   std::vector<model::Comparison>& comparisons) {
    std::vector<model::Finding> expired_notes;
    std::vector<bool> used(waivers.size(), false);
    for (model::Finding& f : findings) {
        if (f.level < model::Level::warn || f.code == "waiver-expired") continue;
        for (std::size_t w = 0; w < waivers.size(); ++w) {
            const WaiverRule& rule = waivers[w];
            if (!matches(rule, f)) continue;
            used[w] = true;
            // YYYY-MM-DD strings order like the dates they name.
            const bool expired = std::string_view(rule.expires) < today;
            f.waiver = to_model(rule, expired);
            if (expired) {
                expired_notes.push_back(model::Finding{
                    model::Level::warn, "waiver-expired", f.metric, f.measure,
                    "the waiver for \"" + rule.match + "\" (" + rule.owner + ": " + rule.reason +
                        ") expired on " + rule.expires + ", so the " + f.code + " of " +
                        subject(f) + " counts again; fix it, or renew the waiver with a new date.",
                    f.waiver});
                break;
            }
            f.message +=
                " Waived until " + rule.expires + " by " + rule.owner + ": " + rule.reason + ".";
            f.code = "waived";
            f.level = model::Level::info;
            for (model::Comparison& c : comparisons) {
                if (c.metric == f.metric && (f.measure.empty() || c.measure == f.measure) &&
                    c.level >= model::Level::warn) {
                    c.level = model::Level::info;
                }
            }
            break;
        }
    }
    for (std::size_t w = 0; w < waivers.size(); ++w) {
        const WaiverRule& rule = waivers[w];
        if (used[w] || !(std::string_view(rule.expires) < today)) continue;
        expired_notes.push_back(
            model::Finding{model::Level::warn, "waiver-expired", rule.match, rule.measure,
                           "the waiver for \"" + rule.match + "\" (" + rule.owner + ": " +
                               rule.reason + ") expired on " + rule.expires +
                               " and matches nothing in this run; remove it from the gate file.",
                           to_model(rule, true)});
    }
    findings.insert(findings.end(), expired_notes.begin(), expired_notes.end());
}

}  // namespace caws::gate
