#pragma once

// SHA-256 of bytes, as lowercase hex: the digest `sha256sum` prints, so that a user can
// check which file a report names (Nettle computes it).

#include <string>
#include <string_view>

namespace caws::util {

// The 64 hex digits of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace caws::util
