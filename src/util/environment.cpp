#include "util/environment.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>

namespace caws::util {
namespace {

class SystemEnvironment final : public Environment {
  public:
    std::optional<std::string> variable(std::string_view name) const override {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    }

    std::int64_t now() const override {
        if (const auto epoch = variable("SOURCE_DATE_EPOCH")) {
            std::int64_t seconds = 0;
            const auto [end, ec] =
                std::from_chars(epoch->data(), epoch->data() + epoch->size(), seconds);
            if (ec == std::errc() && end == epoch->data() + epoch->size()) return seconds;
        }
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    std::optional<std::string> command_output(const std::vector<std::string>& argv) const override {
        if (argv.empty()) return std::nullopt;
        int pipe_fds[2];
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
        const pid_t pid = ::fork();
        if (pid < 0) {
            ::close(pipe_fds[0]);
            ::close(pipe_fds[1]);
            return std::nullopt;
        }
        if (pid == 0) {
            ::dup2(pipe_fds[1], STDOUT_FILENO);
            const int null_fd = ::open("/dev/null", O_WRONLY);
            if (null_fd >= 0) ::dup2(null_fd, STDERR_FILENO);
            std::vector<char*> args;
            for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        ::close(pipe_fds[1]);
        std::string output;
        char buffer[4096];
        for (;;) {
            const ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) break;
            output.append(buffer, static_cast<std::size_t>(got));
        }
        ::close(pipe_fds[0]);
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
        while (!output.empty() && std::isspace(static_cast<unsigned char>(output.back()))) {
            output.pop_back();
        }
        return output;
    }
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    pos += count;
    return true;
}

}  // namespace

const Environment& system_environment() {
    static const SystemEnvironment environment;
    return environment;
}

std::string format_utc(std::int64_t unix_seconds) {
    const std::chrono::sys_seconds time{std::chrono::seconds(unix_seconds)};
    const auto day = std::chrono::floor<std::chrono::days>(time);
    const std::chrono::year_month_day ymd(day);
    const std::chrono::hh_mm_ss hms(time - day);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buffer;
}

std::optional<std::int64_t> parse_date(std::string_view text) {
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' ||
        !read_digits(text, pos, 2, month) || pos >= text.size() || text[pos++] != '-' ||
        !read_digits(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    std::int64_t offset_seconds = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_digits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' ||
            !read_digits(text, pos, 2, minute)) {
            return std::nullopt;
        }
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!read_digits(text, pos, 2, second)) return std::nullopt;
        }
        if (pos < text.size() && text[pos] == '.') {  // fractional seconds are dropped
            ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        }
        if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
        if (pos < text.size()) {
            const char zone = text[pos];
            if (zone == 'Z' || zone == 'z') {
                ++pos;
            } else if (zone == '+' || zone == '-') {
                ++pos;
                int zone_hours = 0, zone_minutes = 0;
                if (!read_digits(text, pos, 2, zone_hours)) return std::nullopt;
                if (pos < text.size() && text[pos] == ':') ++pos;
                if (!read_digits(text, pos, 2, zone_minutes)) return std::nullopt;
                offset_seconds = (zone_hours * 3600 + zone_minutes * 60) * (zone == '+' ? 1 : -1);
            }
        }
        if (pos != text.size()) return std::nullopt;
    }
    const std::int64_t days =
        days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
}

}  // namespace caws::util
