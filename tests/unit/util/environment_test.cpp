#include "util/environment.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace caws::util {
namespace {

TEST(Environment, FormatsUtcDates) {
    EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_utc(1795392000), "2026-11-23T00:00:00Z");
    EXPECT_EQ(format_utc(951782400 + 3661), "2000-02-29T01:01:01Z");
}

TEST(Environment, ParsesTheDatesBenchmarkToolsWrite) {
    EXPECT_EQ(parse_date("2026-11-23T00:00:00Z"), 1795392000);
    EXPECT_EQ(parse_date("2026-11-23T01:00:00+01:00"), 1795392000);
    EXPECT_EQ(parse_date("2026-11-22T19:00:00-05:00"), 1795392000);
    EXPECT_EQ(parse_date("2026-11-23 00:00:00"), 1795392000);
    EXPECT_EQ(parse_date("2026-11-23"), 1795392000);
    EXPECT_EQ(parse_date("2026-11-23T00:00:00.123456Z"), 1795392000);
    EXPECT_FALSE(parse_date("yesterday"));
    EXPECT_FALSE(parse_date("2026-13-01"));
    EXPECT_FALSE(parse_date("2026-11-23T25:00:00"));
}

TEST(Environment, SourceDateEpochFixesTheClock) {
    ::setenv("SOURCE_DATE_EPOCH", "1795392000", 1);
    EXPECT_EQ(system_environment().now(), 1795392000);
    ::unsetenv("SOURCE_DATE_EPOCH");
    EXPECT_GT(system_environment().now(), 1700000000);
}

TEST(Environment, RunsCommandsWithoutAShell) {
    EXPECT_EQ(system_environment().command_output({"echo", "a  b;", "c"}), "a  b; c");
    EXPECT_FALSE(system_environment().command_output({"false"}));
    EXPECT_FALSE(system_environment().command_output({"/nonexistent/program"}));
}

}  // namespace
}  // namespace caws::util
