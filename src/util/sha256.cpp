#include "util/sha256.hpp"

#include <nettle/sha2.h>

#include <array>

namespace caws::util {

std::string sha256_hex(std::string_view bytes) {
    sha256_ctx context;
    sha256_init(&context);
    sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
    std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&context, digest.size(), digest.data());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * digest.size());
    for (const std::uint8_t byte : digest) {
        hex += k_hex[byte >> 4];
        hex += k_hex[byte & 0x0f];
    }
    return hex;
}

}  // namespace caws::util
