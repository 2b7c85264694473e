// Every reader in the format table has its page, and the index lists each of them.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/results.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace caws::ingest {
namespace {

TEST(FormatIndex, EveryFormatHasAPageListedInTheIndex) {
    const std::string index = test::read_text(test::source_path("docs/formats/README.md"));
    for (const Format& format : formats()) {
        const std::string id(format.id);
        EXPECT_TRUE(std::filesystem::exists(test::source_path("docs/formats/" + id + ".md"))) << id;
        EXPECT_NE(index.find("| `" + id + "` |"), std::string::npos) << id;
        EXPECT_NE(index.find("(" + id + ".md)"), std::string::npos) << id;
    }
    for (const DirectoryFormat& format : directory_formats()) {
        EXPECT_NE(index.find("| `" + std::string(format.id) + "` |"), std::string::npos);
    }
}

}  // namespace
}  // namespace caws::ingest
