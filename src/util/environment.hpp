#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caws::util {

// What a run of caws-gate reads from the world besides its input files: environment
// variables, the clock and the output of helper commands such as git. Passed in, so that
// tests can fix all three.
class Environment {
  public:
    virtual ~Environment() = default;
    // The value of an environment variable, or nullopt when it is unset.
    virtual std::optional<std::string> variable(std::string_view name) const = 0;
    // Seconds since the Unix epoch.
    virtual std::int64_t now() const = 0;
    // Runs `argv` (no shell) and returns its standard output with trailing whitespace
    // removed, or nullopt when it cannot run or exits non-zero.
    virtual std::optional<std::string> command_output(
        const std::vector<std::string>& argv) const = 0;
};

// The real environment. `now()` honours SOURCE_DATE_EPOCH (reproducible builds) when it
// is set to an integer.
const Environment& system_environment();

// "2026-11-23T07:48:00Z" for a Unix time.
std::string format_utc(std::int64_t unix_seconds);

// Parses the date formats benchmark tools write ("2026-11-23T07:48:00Z",
// "2026-11-23T07:48:00+01:00", "2019-11-29 21:26:59", "2026-11-23") into Unix seconds.
// Times without a zone are taken as UTC. Returns nullopt for anything else.
std::optional<std::int64_t> parse_date(std::string_view text);

}  // namespace caws::util
