#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace caws::ingest {

// The names seen while reading one file, each with a number (a metric's position, an
// array index), to find repeats. Files of hundreds of thousands of small metrics are
// common, so this is a compact open-addressing table (8 bytes a slot, names kept in
// insertion order beside it) without an allocation per name.
//
// Names are views and must outlive the index: simdjson's string buffer, for example, lives
// as long as the document being read.
class NameIndex {
  public:
    // Makes room for `count` names without growing.
    void reserve(std::size_t count);

    // The number stored for `name` when it was seen before; otherwise stores `value` for
    // it and returns nullopt.
    std::optional<std::size_t> insert(std::string_view name, std::size_t value);

  private:
    struct Slot {
        std::uint32_t hash = 0;   // high bits of the name's hash
        std::uint32_t entry = 0;  // position in entries_ + 1; 0: empty
    };
    struct Entry {
        std::string_view name;
        std::size_t value;
    };
    void grow(std::size_t capacity);

    std::vector<Slot> slots_;
    std::vector<Entry> entries_;
};

}  // namespace caws::ingest
