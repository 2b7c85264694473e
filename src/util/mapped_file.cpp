#include "util/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file_io.hpp"

namespace caws::util {

MappedFile::MappedFile(const std::string& path, std::size_t map_from) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        struct stat info {};
        std::size_t size = 0;
        void* mapped = MAP_FAILED;
        if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
            static_cast<std::size_t>(info.st_size) >= map_from) {
            size = static_cast<std::size_t>(info.st_size);
            mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        }
        ::close(fd);  // a mapping outlives its descriptor
        if (mapped != MAP_FAILED) {
            // The whole file is about to be read: let the kernel read ahead.
            ::madvise(mapped, size, MADV_WILLNEED);
            address_ = mapped;
            text_ = std::string_view(static_cast<const char*>(mapped), size);
            return;
        }
    }
    // Not mappable (missing, a pipe, small, or mmap refused): read_file says what is wrong.
    copy_ = read_file(path);
    text_ = copy_;
}

MappedFile::~MappedFile() {
    if (address_ != nullptr) ::munmap(address_, text_.size());
}

}  // namespace caws::util
