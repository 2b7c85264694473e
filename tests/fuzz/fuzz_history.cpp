// The history reader (caws-gate/history@1, one JSON line per run). Entries that read are
// written back as lines and read again: the second writing must give the same lines. The
// table reader (what trend and check read) must accept and refuse exactly what the entry
// reader does, with the same error, and hold the values of the entries.
#include <cstdint>
#include <cstdio>
#include <optional>
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

// A table as text, to compare two of them and show the difference.
std::string table_text(const caws::store::HistoryTable& table) {
    std::string text;
    for (const auto& run : table.runs) {
        text += run.date + "|" + run.commit + "|" + run.branch + "|" + run.host + "\n";
    }
    for (const auto& metric : table.metrics) {
        text += metric.name + "|" + metric.measure + "|" + metric.unit + "|" +
                std::to_string(static_cast<int>(metric.direction)) + "|" +
                (metric.has_median ? "median" : "") + (metric.has_mean ? "mean" : "") + ":";
        for (std::size_t i = 0; i < metric.values.size(); ++i) {
            char value[32];
            std::snprintf(value, sizeof value, " %u=%a", metric.runs[i], metric.values[i]);
            text += value;
        }
        text += "\n";
    }
    return text;
}

// The table reader agrees with the entry reader on `text`: `entries` are what the entry
// reader read, or null when it refused the text with `error`.
void check_table(std::string_view text, const std::vector<caws::store::HistoryEntry>* entries,
                 const std::string& error) {
    using namespace caws;
    std::optional<store::HistoryTable> table;
    std::string table_error;
    try {
        table = store::parse_history_table(text, "history/suite.jsonl");
    } catch (const util::Error& e) {
        table_error = e.what();
    }
    if (entries == nullptr) {
        if (table)
            fuzz::fail("the table reader accepts a history the entry reader refuses: " + error,
                       text);
        fuzz::require(table_error == error, "the table reader's error differs",
                      table_error + "\n--- entry reader ---\n" + error);
        return;
    }
    if (!table)
        fuzz::fail("the table reader refuses a history the entry reader reads: " + table_error,
                   text);
    const std::string got = table_text(*table);
    const std::string want = table_text(store::history_table(*entries));
    fuzz::require(got == want, "the table differs from the entries' values",
                  got + "\n--- entries ---\n" + want);
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
        check_table(text, nullptr, error.what());
        return 0;
    }
    check_table(text, &entries, {});
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
