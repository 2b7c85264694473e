// The history reader (caws-gate/history@1, one JSON line per run). Entries that read are
// written back as lines and read again: the second writing must give the same lines.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/history_file.hpp"
#include "support.hpp"
#include "util/error.hpp"

namespace {

std::string lines_of(const std::vector<caws::store::HistoryEntry>& entries) {
    std::string text;
    for (const auto& entry : entries) {
        text += caws::store::history_line(entry);  // ends with its newline
    }
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace caws;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<store::HistoryEntry> entries;
    try {
        entries = store::parse_history(text, "history/suite.jsonl");
    } catch (const util::Error& error) {
        fuzz::trace(error.what());
        return 0;
    }
    const std::string written = lines_of(entries);
    std::vector<store::HistoryEntry> again;
    try {
        again = store::parse_history(written, "rewritten.jsonl");
    } catch (const util::Error& error) {
        fuzz::fail(std::string("written history lines do not read back: ") + error.what(), written);
    }
    fuzz::require(again.size() == entries.size(), "history lines read back lose entries", written);
    const std::string rewritten = lines_of(again);
    fuzz::require(rewritten == written, "writing history lines read back changes them",
                  written + "\n--- rewritten ---\n" + rewritten);
    return 0;
}
