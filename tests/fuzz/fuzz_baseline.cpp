// The baseline reader (caws-gate/baseline@1). A baseline that reads is written back and
// read again: the second writing must give the same bytes as the first.
#include <cstdint>
#include <string>
#include <string_view>

#include "reader_checks.hpp"
#include "store/baseline_file.hpp"
#include "support.hpp"
#include "util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace caws;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    store::Baseline baseline;
    try {
        baseline = store::parse_baseline(text, "baselines/suite.json");
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
        return 0;
    }
    fuzz::check_run(baseline.run);
    const std::string written = store::serialize_baseline(baseline);
    store::Baseline again;
    try {
        again = store::parse_baseline(written, "rewritten.json");
    } catch (const util::Error& error) {
        fuzz::fail(std::string("a written baseline does not read back: ") + error.what(), written);
    }
    const std::string rewritten = store::serialize_baseline(again);
    fuzz::require(rewritten == written, "writing a baseline read back changes it",
                  written + "\n--- rewritten ---\n" + rewritten);
    return 0;
}
