#include "model/metric.hpp"

#include <array>
#include <utility>

#include "model/run.hpp"

namespace caws::model {

std::string_view to_string(Direction direction) {
    switch (direction) {
        case Direction::lower:
            return "lower";
        case Direction::higher:
            return "higher";
        case Direction::unknown:
            break;
    }
    return "unknown";
}

std::optional<Direction> direction_from_string(std::string_view text) {
    if (text == "lower") return Direction::lower;
    if (text == "higher") return Direction::higher;
    if (text == "unknown") return Direction::unknown;
    return std::nullopt;
}

std::string_view to_string(Status status) {
    switch (status) {
        case Status::failed:
            return "failed";
        case Status::skipped:
            return "skipped";
        case Status::ok:
            break;
    }
    return "ok";
}

std::optional<Status> status_from_string(std::string_view text) {
    if (text == "ok") return Status::ok;
    if (text == "failed") return Status::failed;
    if (text == "skipped") return Status::skipped;
    return std::nullopt;
}

namespace {

constexpr std::array<std::pair<RepetitionOrder, std::string_view>, 4> k_repetition_orders{{
    {RepetitionOrder::single, "single"},
    {RepetitionOrder::back_to_back, "back-to-back"},
    {RepetitionOrder::interleaved, "interleaved"},
    {RepetitionOrder::undetermined, "undetermined"},
}};

}  // namespace

std::string_view to_string(RepetitionOrder order) {
    for (const auto& [value, name] : k_repetition_orders) {
        if (value == order) return name;
    }
    return "undetermined";
}

std::optional<RepetitionOrder> repetition_order_from_string(std::string_view text) {
    for (const auto& [value, name] : k_repetition_orders) {
        if (name == text) return value;
    }
    return std::nullopt;
}

std::size_t Metric::sample_count() const {
    if (!samples.empty()) return samples.size();
    return summary ? summary->n : 0;
}

}  // namespace caws::model
