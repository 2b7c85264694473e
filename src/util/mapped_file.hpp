#pragma once

// A file's bytes, read-only, for the life of the object: large files are mapped (the
// kernel pages them in as they are read, and can drop them again), smaller ones and any
// file that cannot be mapped are read into memory with util::read_file.

#include <cstddef>
#include <string>
#include <string_view>

namespace caws::util {

class MappedFile {
  public:
    // Maps the file at `path` when it is a regular file of at least `map_from` bytes;
    // reads it otherwise, or when mapping fails, with read_file's checks and errors
    // (util::Error naming the path; a file read, not mapped, is limited to
    // k_max_input_bytes). The file must not be truncated while it is mapped: callers map
    // files that are only ever replaced by renaming.
    MappedFile(const std::string& path, std::size_t map_from);

    // A file read as an input: mapped from `map_from` bytes, and followed by `padding`
    // readable bytes that are not part of text() (simdjson reads ahead): zeros when
    // mapped, read_file's reserved slack when read. Larger than k_max_input_bytes is an
    // error, as for read_file.
    MappedFile(const std::string& path, std::size_t map_from, std::size_t padding);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    // The file's bytes, valid while this object lives.
    std::string_view text() const { return text_; }
    bool mapped() const { return address_ != nullptr; }

  private:
    bool map(const std::string& path, std::size_t map_from, std::size_t padding,
             std::size_t max_bytes);

    void* address_ = nullptr;  // of the mapping, when mapped
    std::size_t mapped_bytes_ = 0;
    std::string copy_;  // the bytes, when read
    std::string_view text_;
};

// Drops the whole pages of a MappedFile's mapping within [begin, end) from memory: the
// process stops counting them, and reads them from the file again if it reads them.
void drop_mapped_pages(const char* begin, const char* end);

}  // namespace caws::util
