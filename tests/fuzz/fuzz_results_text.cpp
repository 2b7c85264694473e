// Every results reader that reads text, XML or CSV rather than JSON. The first input byte
// picks the reader (one forced, or the content-based detection) and --direction.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "reader_checks.hpp"
#include "support.hpp"

namespace {

using namespace caws;

using fuzz::k_text_formats;
constexpr std::size_t k_choices = k_text_formats.size() + 1;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::check_every_format_is_fuzzed();
    fuzz::Bytes input(data, size);
    const std::uint8_t selector = input.byte();
    const std::size_t choice = selector % k_choices;
    fuzz::read_and_check(input.rest(), "results.txt", k_text_formats, choice, selector / k_choices);
    return 0;
}
