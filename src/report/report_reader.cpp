#include "report/report_reader.hpp"

#include "json/strict.hpp"

namespace caws::report {

Report parse_report(std::string_view text, const std::string& path) {
    return from_json(json::parse_strict(text, path), path);
}

}  // namespace caws::report
