#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace caws::util {

// Reads a whole file. `extra_capacity` bytes of zeroed slack are reserved after the
// content (parsers that read ahead, such as simdjson, need padding) without being part of
// the string. Throws util::Error naming the path when the file cannot be read or is larger
// than util::k_max_input_bytes (checked before reading, so a huge file costs no memory).
std::string read_file(const std::string& path, std::size_t extra_capacity = 0);

// The error of an input file larger than util::k_max_input_bytes.
Error input_too_large(const std::string& path);

// True when `path` names an existing regular file (or a symlink to one).
bool file_exists(const std::string& path);

// The bytes of the regular files among `paths` (others count nothing).
std::uint64_t regular_file_bytes(const std::vector<std::string>& paths);

// Writes `content` to `path` so that readers see either the old file or the new one,
// never a mix: the text goes to a temporary file in the same directory, is flushed with
// fsync, and is renamed over `path`; the directory is then synced. Parent directories are
// created. Throws util::Error naming the path on failure and leaves no temporary behind.
// A path that names a stream (a character device such as /dev/stdout or /dev/null, a
// named pipe, a socket; through symlinks too) is written straight through instead.
void write_file_atomic(const std::string& path, std::string_view content);

// A function that takes the next piece of a file's text.
using TextSink = std::function<void(std::string_view)>;

// The same with the text produced in pieces: `produce` hands each piece to the sink it is
// given, so that a large text is never held whole. When `produce` throws, the temporary
// file is removed, `path` is left as it was and the exception goes on.
void write_file_atomic(const std::string& path,
                       const std::function<void(const TextSink&)>& produce);

// Makes the entries of `directory` ("" for the current one) durable with fsync, after
// files in it were created, renamed or removed. Best effort: some file systems refuse to
// sync a directory, and that is not an error.
void sync_directory(const std::string& directory);

// True when `name` (a file name, no directory) is what write_file_atomic calls its
// temporary file for the file named `target_name`: "<target_name>.tmp-<pid>-<random>". A
// process killed while writing leaves one behind; the baseline update removes its suite's.
bool is_temporary_for(std::string_view name, std::string_view target_name);

// Appends `content` to `path` (creating it), flushed with fsync. Used for the GitHub job
// summary file, which other steps append to as well.
void append_file(const std::string& path, std::string_view content);

}  // namespace caws::util
