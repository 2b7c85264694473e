// Linked into the portable build only (CAWS_GATE_PORTABLE, cmake/Package.cmake). Its
// static libstdc++, built on glibc 2.36, draws std::random_device's entropy from
// arc4random, which glibc only has since 2.36; this definition satisfies that reference
// inside the binary, so that it loads on glibc 2.34 and 2.35 (Ubuntu 22.04) as well. It
// reads the kernel's random source as glibc's own arc4random does.

#include <sys/random.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" std::uint32_t arc4random() noexcept {
    std::uint32_t value = 0;
    auto* bytes = reinterpret_cast<unsigned char*>(&value);
    std::size_t got = 0;
    while (got < sizeof value) {
        const ssize_t n = getrandom(bytes + got, sizeof value - got, 0);
        if (n > 0) {
            got += static_cast<std::size_t>(n);
        } else if (errno != EINTR) {
            std::abort();
        }
    }
    return value;
}
