#include "util/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <limits>

#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/limits.hpp"

namespace caws::util {
namespace {

std::size_t page_size() {
    static const auto size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    return size;
}

// Maps `size` bytes of `fd` followed by at least `padding` zero bytes: the bytes after the
// end of the file in its last page read as zeros, and when they are fewer than `padding`
// the file is mapped over the start of a larger anonymous (zeroed) mapping. Returns
// MAP_FAILED when either mapping fails; `mapped` is the length to unmap.
void* map_padded(int fd, std::size_t size, std::size_t padding, std::size_t& mapped) {
    const std::size_t page = page_size();
    const std::size_t file_pages = (size + page - 1) / page * page;
    mapped = (size + padding + page - 1) / page * page;
    const int populate = 0;
    if (mapped == file_pages) {
        return ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | populate, fd, 0);
    }
    void* region = ::mmap(nullptr, mapped, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) return MAP_FAILED;
    if (::mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | populate, fd, 0) == MAP_FAILED) {
        ::munmap(region, mapped);
        return MAP_FAILED;
    }
    return region;
}

}  // namespace

MappedFile::MappedFile(const std::string& path, std::size_t map_from) {
    if (map(path, map_from, 0, std::numeric_limits<std::size_t>::max())) return;
    // Not mappable (missing, a pipe, small, or mmap refused): read_file says what is wrong.
    copy_ = read_file(path);
    text_ = copy_;
}

MappedFile::MappedFile(const std::string& path, std::size_t map_from, std::size_t padding) {
    if (map(path, map_from, padding, k_max_input_bytes)) return;
    copy_ = read_file(path, padding);
    text_ = copy_;
}

bool MappedFile::map(const std::string& path, std::size_t map_from, std::size_t padding,
                     std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat info {};
    std::size_t size = 0;
    void* mapped = MAP_FAILED;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
        static_cast<std::size_t>(info.st_size) >= map_from) {
        size = static_cast<std::size_t>(info.st_size);
        if (size > max_bytes) {
            ::close(fd);
            throw input_too_large(path);
        }
        mapped = padding == 0 ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0)
                              : map_padded(fd, size, padding, mapped_bytes_);
    }
    ::close(fd);  // a mapping outlives its descriptor
    if (mapped == MAP_FAILED) return false;
    if (padding == 0) {
        mapped_bytes_ = size;
        // The whole file is about to be read: let the kernel read ahead.
        ::madvise(mapped, size, MADV_WILLNEED);
    }
    address_ = mapped;
    text_ = std::string_view(static_cast<const char*>(mapped), size);
    return true;
}

void drop_mapped_pages(const char* begin, const char* end) {
    const std::size_t page = page_size();
    const auto first = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
    const auto last = reinterpret_cast<std::uintptr_t>(end) / page * page;
    if (last > first) {
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    }
}

MappedFile::~MappedFile() {
    if (address_ != nullptr) ::munmap(address_, mapped_bytes_);
}

}  // namespace caws::util
