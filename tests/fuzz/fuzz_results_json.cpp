// Every JSON results reader, and the file-level parsing of the Criterion.rs data
// directory. The first input byte picks the reader: one of the JSON formats forced, the
// content-based detection, or the Criterion.rs directory; it also picks --direction.
#include <unistd.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "ingest/criterion_reader.hpp"
#include "ingest/results.hpp"
#include "reader_checks.hpp"
#include "support.hpp"
#include "util/error.hpp"

namespace {

using namespace caws;

using fuzz::k_json_formats;
// Past the formats: the content-based detection, then the Criterion.rs directory.
constexpr std::size_t k_criterion_directory = k_json_formats.size() + 1;
constexpr std::size_t k_choices = k_json_formats.size() + 2;

// The files of one Criterion.rs benchmark folder, in the order the input holds them,
// separated by NUL bytes. An empty part leaves its file out.
constexpr std::array<const char*, 4> k_criterion_files = {"benchmark.json", "sample.json",
                                                          "estimates.json", "raw.csv"};

void read_criterion_directory(fuzz::Bytes& input) {
    namespace fs = std::filesystem;
    static const fs::path root =
        fs::temp_directory_path() / ("caws-gate-fuzz-criterion-" + std::to_string(::getpid()));
    const fs::path folder = root / "bench" / "new";
    fs::remove_all(root);
    fs::create_directories(folder);
    for (const char* name : k_criterion_files) {
        const std::string_view part = input.field('\0', 1 << 20);
        if (part.empty()) continue;
        std::ofstream(folder / name, std::ios::binary)
            .write(part.data(), static_cast<std::streamsize>(part.size()));
    }
    (void)ingest::looks_like_criterion_directory(root.string());
    try {
        fuzz::check_run(
            ingest::read_criterion_directory(root.string(), {root.string(), "criterion"}));
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
    }
    fs::remove_all(root);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::check_every_format_is_fuzzed();
    fuzz::Bytes input(data, size);
    const std::uint8_t selector = input.byte();
    const std::size_t choice = selector % k_choices;
    if (choice == k_criterion_directory) {
        read_criterion_directory(input);
        return 0;
    }
    fuzz::read_and_check(input.rest(), "results.json", k_json_formats, choice,
                         selector / k_choices);
    return 0;
}
