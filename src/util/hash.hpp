#pragma once

// FNV-1a (64 bits): a fast hash of bytes that is the same on every platform and in every
// run, for seeds derived from names and for short content identifiers. Not for anything
// an adversary could exploit.

#include <cstdint>
#include <string_view>

namespace caws::util {

inline constexpr std::uint64_t k_fnv1a_basis = 0xcbf29ce484222325ULL;

// The hash of `text`; pass the hash of the pieces before it as `hash` to hash several
// pieces as one text: fnv1a(b, fnv1a(a)) == fnv1a(a + b).
constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = k_fnv1a_basis) {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace caws::util
