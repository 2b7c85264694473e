// Every results reader that reads text, XML or CSV rather than JSON. The first input byte
// picks the reader (one forced, or the content-based detection) and --direction.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/results.hpp"
#include "reader_checks.hpp"
#include "support.hpp"
#include "util/error.hpp"

namespace {

using namespace caws;

using fuzz::k_text_formats;
constexpr std::size_t k_detect = k_text_formats.size();
constexpr std::size_t k_choices = k_text_formats.size() + 1;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::check_every_format_is_fuzzed();
    fuzz::Bytes input(data, size);
    const std::uint8_t selector = input.byte();
    const std::size_t choice = selector % k_choices;
    ingest::ReadOptions options;
    switch (selector / k_choices % 3) {
        case 1:
            options.direction = model::Direction::lower;
            break;
        case 2:
            options.direction = model::Direction::higher;
            break;
        default:
            break;
    }
    std::optional<std::string> format;
    if (choice != k_detect) format = std::string(k_text_formats[choice]);
    try {
        fuzz::check_run(ingest::parse_results(input.rest(), "results.txt", format, options));
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
    }
    return 0;
}
