#include "util/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <vector>

#include "util/error.hpp"
#include "util/fault_injection.hpp"
#include "util/limits.hpp"

namespace caws::util {
namespace {

std::string errno_text() {
    return std::strerror(errno);
}

// Writes all of `content` to `fd`, retrying on short writes and EINTR.
bool write_all(int fd, std::string_view content) {
    while (!content.empty()) {
        const ssize_t written = ::write(fd, content.data(), content.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        content.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// Creates `directory` and its missing parents, and syncs the parent of each directory it
// creates, so that a file renamed into a new directory is not lost with the directory's
// entry at a power cut.
void create_directories_durably(const std::filesystem::path& directory, std::error_code& ec) {
    namespace fs = std::filesystem;
    std::vector<fs::path> missing;
    for (fs::path at = directory; !at.empty() && !fs::exists(at, ec); at = at.parent_path()) {
        missing.push_back(at);
        if (at == at.parent_path()) break;
    }
    ec.clear();
    fs::create_directories(directory, ec);
    if (ec) return;
    for (const fs::path& created : missing) sync_directory(created.parent_path().string());
}

// Writes `content` to `fd`; under fault injection in two halves with a fault point
// between them, so that a test can stop the process with half a file written.
bool write_content(int fd, std::string_view content, const std::string& temporary) {
    if (!fault_injection_active() || content.size() < 2) return write_all(fd, content);
    const std::size_t half = content.size() / 2;
    if (!write_all(fd, content.substr(0, half))) return false;
    fault_point("partial-write", temporary);
    return write_all(fd, content.substr(half));
}

}  // namespace

Error input_too_large(const std::string& path) {
    return Error(path, {},
                 "the file is larger than " + std::to_string(k_max_input_bytes >> 20) +
                     " MiB; expected an input of at most " + std::to_string(k_max_input_bytes) +
                     " bytes");
}

std::string read_file(const std::string& path, std::size_t extra_capacity) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(path, {}, "cannot read the file: " + errno_text());
    struct stat info {};
    if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
        ::close(fd);
        throw Error(path, {}, "cannot read the file: it is a directory");
    }
    const auto too_large = [&path] { return input_too_large(path); };
    if (static_cast<std::size_t>(info.st_size) > k_max_input_bytes) {
        ::close(fd);
        throw too_large();
    }
    std::string content;
    content.reserve(static_cast<std::size_t>(info.st_size) + extra_capacity + 1);
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            const std::string reason = errno_text();
            ::close(fd);
            throw Error(path, {}, "cannot read the file: " + reason);
        }
        if (got == 0) break;
        // Pipes and growing files have no size up front: stop at the limit all the same.
        if (content.size() + static_cast<std::size_t>(got) > k_max_input_bytes) {
            ::close(fd);
            throw too_large();
        }
        content.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    if (content.capacity() < content.size() + extra_capacity) {
        content.reserve(content.size() + extra_capacity);
    }
    return content;
}

void sync_directory(const std::string& directory) {
    const int fd =
        ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: some file systems do not allow it
    ::fsync(fd);
    ::close(fd);
}

bool file_exists(const std::string& path) {
    std::error_code ignored;
    return std::filesystem::is_regular_file(path, ignored);
}

namespace {

// An output path that names a stream rather than a file (`/dev/stdout`, `/dev/null`, a
// named pipe, possibly through a symlink): there is nothing to replace atomically, and a
// rename would put a regular file where the device was. Such a path is written straight
// through. A block device is an error.
bool is_stream(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return false;
    if (S_ISBLK(status.st_mode)) throw Error(path, {}, "cannot write the file: a block device");
    return S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode);
}

// Hands `produce` a sink that writes each piece with `write` (false and errno on failure);
// after the first failure the pieces are dropped. Returns the text of the first failure,
// or nothing.
std::optional<std::string> produce_into(const std::function<void(const TextSink&)>& produce,
                                        const std::function<bool(std::string_view)>& write) {
    std::optional<std::string> failure;
    produce([&](std::string_view piece) {
        if (!failure && !write(piece)) failure = errno_text();
    });
    return failure;
}

void write_stream(const std::string& path, const std::function<void(const TextSink&)>& produce) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw Error(path, {}, "cannot write the file: " + errno_text());
    std::optional<std::string> failure;
    try {
        failure =
            produce_into(produce, [fd](std::string_view piece) { return write_all(fd, piece); });
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    if (failure) throw Error(path, {}, "cannot write the file: " + *failure);
}

// Starts the writeback of a large file's pages while the rest of it is still being
// produced, so that the fsync at the end waits for its last pieces only, not for all of
// it (a 46 MB JSON report: 40 ms of fsync). A hint: its errors are fsync's to report.
class EarlyWriteback {
  public:
    explicit EarlyWriteback(int fd) : fd_(fd) {}

    void written(std::size_t bytes) {
        written_ += bytes;
#if defined(__linux__)
        if (written_ - started_ >= k_every) {
            (void)::sync_file_range(fd_, static_cast<off_t>(started_),
                                    static_cast<off_t>(written_ - started_), SYNC_FILE_RANGE_WRITE);
            started_ = written_;
        }
#endif
    }

  private:
    static constexpr std::size_t k_every = std::size_t{8} << 20;
    int fd_;
    std::size_t written_ = 0;
    std::size_t started_ = 0;  // the writeback was started for the bytes before
};

}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
    write_file_atomic(path, [content](const TextSink& write) { write(content); });
}

void write_file_atomic(const std::string& path,
                       const std::function<void(const TextSink&)>& produce) {
    namespace fs = std::filesystem;
    if (is_stream(path)) {
        write_stream(path, produce);
        return;
    }
    const fs::path target(path);
    const fs::path directory = target.parent_path();
    std::error_code ec;
    if (!directory.empty()) {
        create_directories_durably(directory, ec);
        if (ec) throw Error(path, {}, "cannot create the directory: " + ec.message());
    }
    std::random_device seed;
    const std::string temporary =
        path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(seed());
    fault_point("before-temporary", path);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(path, {}, "cannot write the file: " + errno_text());
    std::optional<std::string> failure;
    try {
        EarlyWriteback writeback(fd);
        failure = produce_into(produce, [&](std::string_view piece) {
            if (!write_content(fd, piece, temporary)) return false;
            writeback.written(piece.size());
            return true;
        });
    } catch (...) {
        ::close(fd);
        ::unlink(temporary.c_str());
        throw;
    }
    fault_point("before-fsync", temporary);
    if (!failure && ::fsync(fd) != 0) failure = errno_text();
    ::close(fd);
    fault_point("before-rename", path);
    if (!failure && ::rename(temporary.c_str(), path.c_str()) != 0) failure = errno_text();
    if (failure) {
        ::unlink(temporary.c_str());
        throw Error(path, {}, "cannot write the file: " + *failure);
    }
    fault_point("before-directory-sync", path);
    sync_directory(directory.string());
}

bool is_temporary_for(std::string_view name, std::string_view target_name) {
    // "<target>.tmp-<pid>-<random>", as write_file_atomic names it.
    const std::string_view marker = ".tmp-";
    if (name.size() <= target_name.size() + marker.size() || !name.starts_with(target_name)) {
        return false;
    }
    name.remove_prefix(target_name.size());
    if (!name.starts_with(marker)) return false;
    name.remove_prefix(marker.size());
    const std::size_t dash = name.find('-');
    if (dash == 0 || dash == std::string_view::npos || dash + 1 == name.size()) return false;
    const auto digits = [](std::string_view text) {
        return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    return digits(name.substr(0, dash)) && digits(name.substr(dash + 1));
}

void append_file(const std::string& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(path, {}, "cannot append to the file: " + errno_text());
    const bool ok = write_all(fd, content) && ::fsync(fd) == 0;
    const std::string reason = ok ? std::string() : errno_text();
    ::close(fd);
    if (!ok) throw Error(path, {}, "cannot append to the file: " + reason);
}

std::uint64_t regular_file_bytes(const std::vector<std::string>& paths) {
    std::uint64_t total = 0;
    for (const std::string& path : paths) {
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) {
            const std::uintmax_t size = std::filesystem::file_size(path, error);
            if (!error) total += size;
        }
    }
    return total;
}

}  // namespace caws::util
