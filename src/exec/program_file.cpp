#include "exec/program_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace caws::exec {
namespace {

bool is_executable_file(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

// A file opened for reading, closed on scope exit.
class InputFile {
  public:
    explicit InputFile(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~InputFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    bool is_open() const { return fd_ >= 0; }

    // Reads exactly `size` bytes at `offset`; false on a short read or an error.
    bool read_at(std::uint64_t offset, std::size_t size, std::string& out) const {
        out.resize(size);
        std::size_t done = 0;
        while (done < size) {
            const ssize_t got = ::pread(fd_, out.data() + done, size - done,
                                        static_cast<off_t>(offset + done));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return false;
            done += static_cast<std::size_t>(got);
        }
        return true;
    }

    // Reads up to `size` bytes from the current position; the count, 0 at the end.
    std::size_t read_some(char* buffer, std::size_t size) const {
        for (;;) {
            const ssize_t got = ::read(fd_, buffer, size);
            if (got < 0 && errno == EINTR) continue;
            return got < 0 ? 0 : static_cast<std::size_t>(got);
        }
    }

  private:
    int fd_;
};

// Fields of an ELF file, read with its word size and byte order.
struct ElfLayout {
    bool is_64 = false;
    bool big_endian = false;

    std::uint64_t read(std::string_view bytes, std::size_t offset, std::size_t width) const {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            const auto byte = static_cast<unsigned char>(bytes[offset + i]);
            const std::size_t shift = big_endian ? (width - 1 - i) * 8 : i * 8;
            value |= std::uint64_t{byte} << shift;
        }
        return value;
    }
    std::size_t word() const { return is_64 ? 8 : 4; }
};

struct Segment {
    std::uint32_t type = 0;
    std::uint64_t offset = 0;
    std::uint64_t address = 0;
    std::uint64_t file_size = 0;
};

constexpr std::uint32_t k_pt_load = 1;
constexpr std::uint32_t k_pt_dynamic = 2;
constexpr std::uint64_t k_dt_needed = 1;
constexpr std::uint64_t k_dt_strtab = 5;
constexpr std::uint64_t k_dt_strsz = 10;
// Bounds that no real executable reaches; a damaged file is not read further.
constexpr std::uint64_t k_max_dynamic_bytes = 1u << 20;
constexpr std::uint64_t k_max_strtab_bytes = 64u << 20;

// The program headers, or empty when the header is not that of an ELF file.
std::vector<Segment> read_segments(const InputFile& file, ElfLayout& layout) {
    std::string header;
    if (!file.read_at(0, 64, header) || header.compare(0, 4, "\x7f" "ELF") != 0) return {};
    layout.is_64 = header[4] == 2;
    layout.big_endian = header[5] == 2;
    const std::size_t w = layout.word();
    const std::uint64_t table = layout.read(header, layout.is_64 ? 32 : 28, w);
    const std::size_t entry_size = layout.read(header, layout.is_64 ? 54 : 42, 2);
    const std::size_t count = layout.read(header, layout.is_64 ? 56 : 44, 2);
    const std::size_t needed_size = layout.is_64 ? 56 : 32;
    std::string entries;
    if (entry_size < needed_size || !file.read_at(table, entry_size * count, entries)) return {};
    std::vector<Segment> segments;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view entry(entries.data() + i * entry_size, entry_size);
        Segment segment;
        segment.type = static_cast<std::uint32_t>(layout.read(entry, 0, 4));
        // Elf64_Phdr: type, flags, offset, vaddr, paddr, filesz; Elf32_Phdr: type, offset,
        // vaddr, paddr, filesz, memsz, flags.
        segment.offset = layout.read(entry, layout.is_64 ? 8 : 4, w);
        segment.address = layout.read(entry, layout.is_64 ? 16 : 8, w);
        segment.file_size = layout.read(entry, layout.is_64 ? 32 : 16, w);
        segments.push_back(segment);
    }
    return segments;
}

// The file offset of virtual address `address`, through the loadable segments.
std::optional<std::uint64_t> file_offset(const std::vector<Segment>& segments,
                                         std::uint64_t address) {
    for (const Segment& segment : segments) {
        if (segment.type == k_pt_load && address >= segment.address &&
            address - segment.address < segment.file_size) {
            return segment.offset + (address - segment.address);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> resolve_program(const std::string& name,
                                           std::string_view search_path) {
    if (name.empty()) return std::nullopt;
    if (name.find('/') != std::string::npos) {
        if (is_executable_file(name)) return name;
        return std::nullopt;
    }
    std::size_t start = 0;
    while (start <= search_path.size()) {
        const std::size_t colon = std::min(search_path.find(':', start), search_path.size());
        std::string directory(search_path.substr(start, colon - start));
        if (directory.empty()) directory = ".";
        const std::string candidate = directory + "/" + name;
        if (is_executable_file(candidate)) return candidate;
        start = colon + 1;
    }
    return std::nullopt;
}

std::vector<std::string> elf_needed_libraries(const std::string& path) {
    const InputFile file(path);
    if (!file.is_open()) return {};
    ElfLayout layout;
    const std::vector<Segment> segments = read_segments(file, layout);
    const auto dynamic = std::find_if(segments.begin(), segments.end(),
                                      [](const Segment& s) { return s.type == k_pt_dynamic; });
    std::string entries;
    if (dynamic == segments.end() || dynamic->file_size > k_max_dynamic_bytes ||
        !file.read_at(dynamic->offset, dynamic->file_size, entries)) {
        return {};
    }
    const std::size_t w = layout.word();
    std::vector<std::uint64_t> needed;
    std::uint64_t strtab = 0, strsz = 0;
    for (std::size_t at = 0; at + 2 * w <= entries.size(); at += 2 * w) {
        const std::uint64_t tag = layout.read(entries, at, w);
        const std::uint64_t value = layout.read(entries, at + w, w);
        if (tag == 0) break;  // DT_NULL ends the table
        if (tag == k_dt_needed) needed.push_back(value);
        if (tag == k_dt_strtab) strtab = value;
        if (tag == k_dt_strsz) strsz = value;
    }
    const auto strings_at = file_offset(segments, strtab);
    std::string strings;
    if (!strings_at || strsz > k_max_strtab_bytes || !file.read_at(*strings_at, strsz, strings)) {
        return {};
    }
    std::vector<std::string> libraries;
    for (const std::uint64_t offset : needed) {
        if (offset >= strings.size()) continue;
        libraries.emplace_back(strings.c_str() + offset);
    }
    return libraries;
}

bool file_mentions(const std::string& path, std::string_view needle) {
    const InputFile file(path);
    if (!file.is_open() || needle.empty()) return false;
    // Blocks overlap by needle.size() - 1 bytes so that a match across a boundary is found.
    std::string window;
    std::string block(1u << 20, '\0');
    for (;;) {
        const std::size_t got = file.read_some(block.data(), block.size());
        if (got == 0) return false;
        window.append(block, 0, got);
        if (window.find(needle) != std::string::npos) return true;
        if (window.size() >= needle.size()) window.erase(0, window.size() - (needle.size() - 1));
    }
}

bool is_google_benchmark_program(const std::string& path) {
    // The dynamic section is a few reads; scanning the whole file comes second.
    const std::vector<std::string> libraries = elf_needed_libraries(path);
    const bool links_library =
        std::any_of(libraries.begin(), libraries.end(), [](const std::string& library) {
            return library.starts_with("libbenchmark");
        });
    return links_library || file_mentions(path, "benchmark_out_format");
}

}  // namespace caws::exec
