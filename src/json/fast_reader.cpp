#include "json/fast_reader.hpp"

#include <cstring>

namespace caws::json {

bool FastReader::root_object(std::string_view text, od::object& root) {
    const std::size_t needed = text.size() + simdjson::SIMDJSON_PADDING;
    if (buffer_.size() < needed) buffer_.resize(needed + needed / 4);
    std::memcpy(buffer_.data(), text.data(), text.size());
    if (parser_.iterate(buffer_.data(), text.size(), buffer_.size()).get(document_)) return false;
    return document_.get_object().get(root) == simdjson::SUCCESS;
}

void FastReader::fail(const NoPath& /*where*/, const std::string& /*what*/) const {
    throw NotFast{};
}

}  // namespace caws::json
