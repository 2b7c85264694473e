#pragma once

// The view model every template renders: finished strings and lists built from the JSON
// report, so that templates only lay out and never compute. Internal header (includes
// kainjow mustache); use the renderers' headers instead.

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace caws::report {

kainjow::mustache::data build_view(const nlohmann::ordered_json& report);

}  // namespace caws::report
