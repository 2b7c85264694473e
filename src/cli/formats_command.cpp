#include <algorithm>
#include <ostream>
#include <string>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "ingest/results.hpp"

namespace caws::cli {

// `caws-gate formats`: every reader with its identifier for --format, in the order
// detection tries them.
Handler setup_formats(CLI::App& /*command*/, const Io& io) {
    return [&io] {
        std::size_t width = 0;
        for (const ingest::Format& format : ingest::formats()) {
            width = std::max(width, format.id.size());
        }
        io.out << "files (detected from their content, in this order):\n";
        for (const ingest::Format& format : ingest::formats()) {
            io.out << "  " << format.id << std::string(width - format.id.size() + 2, ' ')
                   << format.description << "\n";
        }
        io.out << "directories:\n";
        for (const ingest::DirectoryFormat& format : ingest::directory_formats()) {
            io.out << "  " << format.id
                   << std::string(width > format.id.size() ? width - format.id.size() + 2 : 2, ' ')
                   << format.description << "\n";
        }
        io.out << "Force one with --format NAME; docs/formats/NAME.md describes each.\n";
        return k_exit_pass;
    };
}

}  // namespace caws::cli
