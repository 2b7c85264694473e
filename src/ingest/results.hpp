#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// One input format: its identifier (for --format and reports), a content check used for
// detection, and its reader.
struct Format {
    std::string_view id;
    std::string_view description;
    bool (*detect)(std::string_view text);
    model::Run (*parse)(std::string_view text, const model::Source& source,
                        const ReadOptions& options);
};

// A format whose results are a directory of files rather than one file (Criterion.rs's
// target/criterion). Detection looks at the files inside, never at names alone.
struct DirectoryFormat {
    std::string_view id;
    std::string_view description;
    bool (*detect)(const std::string& directory);
    model::Run (*read)(const std::string& directory, const model::Source& source);
};

// Every format caws-gate reads, in the order detection tries them.
std::span<const Format> formats();

// Every format that reads a directory, in the order detection tries them.
std::span<const DirectoryFormat> directory_formats();

// The format with this identifier, or nullptr.
const Format* find_format(std::string_view id);

// The directory format with this identifier, or nullptr.
const DirectoryFormat* find_directory_format(std::string_view id);

// Reads one results file's text. With `format` the reader is forced; without, the format
// is detected from the content (never the file name). Measures left with an unknown
// direction get `options.direction` when it is set. Throws util::Error naming the file
// when no format matches (listing the formats) or the reader rejects the content.
model::Run parse_results(std::string_view text, const std::string& path,
                         const std::optional<std::string>& format, const ReadOptions& options = {});

// Reads one results directory. With `format` the directory format is forced; without,
// it is detected from the files inside. Throws util::Error naming the directory when no
// directory format matches (or `format` reads single files), or the reader rejects it.
model::Run read_results_directory(const std::string& path,
                                  const std::optional<std::string>& format);

// Reads and merges several results files of one suite (one suite split across jobs).
// A path that is a directory is read by a directory format (read_results_directory).
// A metric present in two files merges when both hold samples of the same unit
// (repetitions of the same benchmark; timestamps are kept when both files have them);
// any other duplicate is an error naming both files.
model::Run read_results(const std::vector<std::string>& paths,
                        const std::optional<std::string>& format, const ReadOptions& options = {});

// Merges runs as read_results does.
model::Run merge_runs(std::vector<model::Run> runs);

}  // namespace caws::ingest
