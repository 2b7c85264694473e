// Shared pieces of the fuzz targets (tests/fuzz/fuzz_*.cpp). Every target defines
// LLVMFuzzerTestOneInput; built with -DCAWS_GATE_FUZZ=ON (clang) it is a libFuzzer
// program, otherwise replay_main.cpp runs it over every file of its committed corpus.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caws::fuzz {

// Reads a fuzz input front to back: selector bytes, then fields. Reading past the end
// gives zeros and empty fields, so every input is usable.
class Bytes {
  public:
    Bytes(const std::uint8_t* data, std::size_t size)
        : text_(reinterpret_cast<const char*>(data), size) {}

    std::uint8_t byte() {
        if (text_.empty()) return 0;
        const auto value = static_cast<std::uint8_t>(text_.front());
        text_.remove_prefix(1);
        return value;
    }

    // The bytes up to `separator` (dropped) or the end, at most `max` of them.
    std::string_view field(char separator, std::size_t max) {
        std::size_t end = text_.find(separator);
        const bool found = end != std::string_view::npos && end <= max;
        if (!found) end = std::min(text_.size(), max);
        const std::string_view out = text_.substr(0, end);
        text_.remove_prefix(found ? end + 1 : end);
        return out;
    }

    std::string_view rest() const { return text_; }
    bool empty() const { return text_.empty(); }

  private:
    std::string_view text_;
};

// A broken invariant: prints what and where, then aborts so that libFuzzer (or the replay
// test) reports the input.
[[noreturn]] void fail(const std::string& what, std::string_view detail = {});

// With CAWS_GATE_FUZZ_TRACE set in the environment, prints what an input led to (a run
// read, the error that rejected it), to check that seeds reach what they are meant to.
void trace(std::string_view what);

inline void require(bool condition, const char* what, std::string_view detail = {}) {
    if (!condition) fail(what, detail);
}

}  // namespace caws::fuzz
