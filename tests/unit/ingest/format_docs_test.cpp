// The examples of docs/formats/*.md of the JSON formats are read as their format, so
// that the pages stay true.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::ingest {
namespace {

// The contents of every ```json block of a Markdown text.
std::vector<std::string> json_blocks(const std::string& markdown) {
    std::vector<std::string> blocks;
    const std::string open = "```json\n";
    for (std::size_t at = markdown.find(open); at != std::string::npos;
         at = markdown.find(open, at)) {
        const std::size_t start = at + open.size();
        const std::size_t end = markdown.find("```", start);
        if (end == std::string::npos) break;
        blocks.push_back(markdown.substr(start, end - start));
        at = end + 3;
    }
    return blocks;
}

TEST(FormatDocs, EveryJsonExampleIsReadAsTheFormatOfItsPage) {
    ReadOptions options;
    options.direction = model::Direction::lower;  // custom JSON needs one
    for (const char* format :
         {"pytest-benchmark", "hyperfine", "custom-json", "jmh", "benchmarkdotnet",
          "julia-benchmarktools", "bmf", "k6", "prometheus", "caws-metrics", "metric-summary"}) {
        const std::string page = std::string("docs/formats/") + format + ".md";
        const std::vector<std::string> examples =
            json_blocks(test::read_text(test::source_path(page)));
        ASSERT_FALSE(examples.empty()) << page;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const std::string where = page + " example " + std::to_string(i + 1);
            model::Run run;
            ASSERT_NO_THROW(run = parse_results(examples[i], where, std::nullopt, options))
                << where;
            EXPECT_EQ(run.sources.at(0).format, format) << where;
            EXPECT_FALSE(run.metrics.empty()) << where;
        }
    }
}

}  // namespace
}  // namespace caws::ingest
