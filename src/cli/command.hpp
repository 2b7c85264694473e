#pragma once

#include <functional>
#include <iosfwd>
#include <memory>

#include <CLI/CLI.hpp>

#include "trend/leak.hpp"
#include "util/environment.hpp"

namespace caws::cli {

// What a command handler gets from the process.
struct Io {
    std::ostream& out;
    std::ostream& err;
    const util::Environment& environment;
};

// A handler returns the exit code; user errors are thrown as util::Error.
using Handler = std::function<int()>;

// Each command adds its options to its CLI11 subcommand and returns the handler that
// runs it once the arguments are parsed.
struct Command {
    const char* name;
    const char* help;
    Handler (*setup)(CLI::App& command, const Io& io);
};

Handler setup_check(CLI::App& command, const Io& io);
Handler setup_ab(CLI::App& command, const Io& io);
Handler setup_compare(CLI::App& command, const Io& io);
Handler setup_baseline(CLI::App& command, const Io& io);
Handler setup_formats(CLI::App& command, const Io& io);
Handler setup_validate(CLI::App& command, const Io& io);
Handler setup_trend(CLI::App& command, const Io& io);
Handler setup_leak(CLI::App& command, const Io& io);

// --leak-threshold of `leak` and `check`: MB/s or a relative growth ("5%/h"); a bad value
// is a usage error naming what was expected.
void add_leak_threshold_option(CLI::App& command, std::optional<trend::LeakThreshold>& target);
Handler setup_report(CLI::App& command, const Io& io);
Handler setup_table(CLI::App& command, const Io& io);
Handler setup_history(CLI::App& command, const Io& io);
Handler setup_init(CLI::App& command, const Io& io);

}  // namespace caws::cli
