#include "model/metric.hpp"

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

std::size_t Metric::sample_count() const {
    if (!samples.empty()) return samples.size();
    return summary ? summary->n : 0;
}

}  // namespace caws::model
