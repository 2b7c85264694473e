#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "cli/baseline_update.hpp"
#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "compare/statistic.hpp"
#include "model/quantity_format.hpp"
#include "store/baseline_file.hpp"
#include "util/error.hpp"

namespace caws::cli {
namespace {

struct ShowOptions {
    std::string name;
    std::string directory = "baselines";
};

// A fixed-width text table: columns padded to their widest cell.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& right_aligned) {
    std::vector<std::size_t> widths(rows.front().size(), 0);
    const auto display_width = [](const std::string& text) {
        std::size_t width = 0;
        for (const unsigned char c : text) width += (c & 0xC0) != 0x80;  // count code points
        return width;
    };
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i]));
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string padding(widths[i] - display_width(row[i]), ' ');
            if (i > 0) line += "  ";
            line += right_aligned[i] ? padding + row[i] : row[i] + padding;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << "\n";
    }
}

int run_show(const ShowOptions& options, const Io& io) {
    const bool is_file = options.name.find('/') != std::string::npos ||
                         std::filesystem::path(options.name).extension() == ".json";
    const std::string path =
        is_file ? options.name : store::baseline_path(options.directory, options.name);
    const store::Baseline baseline = store::load_baseline(path);
    io.out << "suite " << baseline.suite << " (" << path << ")\n";
    io.out << "created " << baseline.provenance.created;
    if (!baseline.provenance.commit.empty()) io.out << ", commit " << baseline.provenance.commit;
    if (!baseline.provenance.branch.empty()) io.out << ", branch " << baseline.provenance.branch;
    io.out << "\n";
    const model::Context& context = baseline.run.context;
    if (!context.host.empty() || !context.build_type.empty()) {
        io.out << "host " << (context.host.empty() ? "?" : context.host) << ", build "
               << (context.build_type.empty() ? "?" : context.build_type) << "\n";
    }
    io.out << "\n";
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"benchmark", "measure", "n", "median", "min", "max", "direction"});
    for (const model::Metric& metric : baseline.run.metrics) {
        const auto cell = [&metric](compare::Statistic statistic) {
            const auto value = compare::statistic_value(metric, statistic);
            return value ? model::format_quantity(*value, metric.unit) : std::string("—");
        };
        if (metric.status != model::Status::ok) {
            rows.push_back({metric.name, metric.measure, "0",
                            std::string(model::to_string(metric.status)), "", "",
                            std::string(model::to_string(metric.direction))});
            continue;
        }
        rows.push_back({metric.name, metric.measure, std::to_string(metric.sample_count()),
                        cell(compare::Statistic::median), cell(compare::Statistic::min),
                        cell(compare::Statistic::max),
                        std::string(model::to_string(metric.direction))});
    }
    print_table(io.out, rows, {false, false, true, true, true, true, false});
    return k_exit_pass;
}

}  // namespace

Handler setup_baseline(CLI::App& command, const Io& io) {
    command.require_subcommand(1);
    auto update = std::make_shared<app::UpdateRequest>();
    CLI::App* update_command =
        command.add_subcommand("update", "Write DIR/SUITE.json from results files (atomically)");
    add_update_options(*update_command, *update);

    auto show = std::make_shared<ShowOptions>();
    CLI::App* show_command = command.add_subcommand("show", "Print a baseline as a table");
    show_command->add_option("name", show->name, "Suite name, or a baseline file")->required();
    show_command->add_option("--dir", show->directory, "Baselines directory")
        ->capture_default_str();

    return [update, show, update_command, show_command, &io]() -> int {
        if (update_command->parsed()) return run_update(*update, io);
        if (show_command->parsed()) return run_show(*show, io);
        throw util::Error("baseline: expected a subcommand: update or show");
    };
}

}  // namespace caws::cli
