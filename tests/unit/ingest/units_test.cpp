#include "ingest/units.hpp"

#include <gtest/gtest.h>

namespace caws::ingest {
namespace {

// The canonical value of 1 written in `unit`, and its canonical unit.
std::pair<model::Unit, double> convert(std::string_view unit) {
    const auto conversion = canonical_unit(unit);
    if (!conversion) return {unit_as_written(unit), 0.0};
    return {conversion->unit, conversion->scale};
}

TEST(Units, TimesAreSeconds) {
    EXPECT_EQ(convert("ns"), std::pair(model::seconds(), 1e-9));
    EXPECT_EQ(convert("µs"), std::pair(model::seconds(), 1e-6));
    EXPECT_EQ(convert("usec"), std::pair(model::seconds(), 1e-6));
    EXPECT_EQ(convert("ms"), std::pair(model::seconds(), 1e-3));
    EXPECT_EQ(convert("Milliseconds"), std::pair(model::seconds(), 1e-3));
    EXPECT_EQ(convert("sec"), std::pair(model::seconds(), 1.0));
    EXPECT_EQ(convert("hr"), std::pair(model::seconds(), 3600.0));
    EXPECT_EQ(convert("ps"), std::pair(model::seconds(), 1e-12));
}

TEST(Units, SizesAreBytesWithDecimalAndBinaryPrefixes) {
    EXPECT_EQ(convert("B"), std::pair(model::bytes(), 1.0));
    EXPECT_EQ(convert("kB"), std::pair(model::bytes(), 1e3));
    EXPECT_EQ(convert("KiB"), std::pair(model::bytes(), 1024.0));
    EXPECT_EQ(convert("MiB"), std::pair(model::bytes(), 1048576.0));
    EXPECT_EQ(convert("Megabytes"), std::pair(model::bytes(), 1e6));
    EXPECT_EQ(convert("TiB"), std::pair(model::bytes(), 1099511627776.0));
}

// The family of prefixes the input wrote, for showing the values: decimal for multiples of
// 1000 bytes, binary for multiples of 1024 and for plain bytes.
model::SizePrefixes family(std::string_view unit) {
    return canonical_unit(unit).value().unit.prefixes;
}

TEST(Units, SizesRememberTheirFamilyOfPrefixes) {
    using model::SizePrefixes;
    for (const char* decimal :
         {"kB", "KB", "MB", "GB", "TB", "megabytes", "MB/s", "GB/sec", "kB/op"}) {
        EXPECT_EQ(family(decimal), SizePrefixes::decimal) << decimal;
    }
    for (const char* binary :
         {"B", "bytes", "KiB", "MiB", "GiB", "TiB", "mebibytes", "MiB/s", "B/s", "B/op"}) {
        EXPECT_EQ(family(binary), SizePrefixes::binary) << binary;
    }
    // The family is how values are shown, not what they are: the units are equal.
    EXPECT_EQ(canonical_unit("MB")->unit, canonical_unit("MiB")->unit);
}

TEST(Units, RatesFractionsAndCounts) {
    EXPECT_EQ(convert("ops/s"), std::pair(model::per_second(), 1.0));
    EXPECT_EQ(convert("ops/ms"), std::pair(model::per_second(), 1e3));
    EXPECT_EQ(convert("req/s"), std::pair(model::per_second(), 1.0));
    EXPECT_EQ(convert("iter/sec"), std::pair(model::per_second(), 1.0));
    EXPECT_EQ(convert("1/s"), std::pair(model::per_second(), 1.0));
    EXPECT_EQ(convert("Hz"), std::pair(model::per_second(), 1.0));
    EXPECT_EQ(convert("MB/s"), std::pair(model::bytes_per_second(), 1e6));
    EXPECT_EQ(convert("MiB/sec"), std::pair(model::bytes_per_second(), 1048576.0));
    EXPECT_EQ(convert("%"), std::pair(model::fraction(), 0.01));
    EXPECT_EQ(convert("Percent"), std::pair(model::fraction(), 0.01));
    EXPECT_EQ(convert("ratio"), std::pair(model::fraction(), 1.0));
    EXPECT_EQ(convert(""), std::pair(model::count(), 1.0));
    EXPECT_EQ(convert("count"), std::pair(model::count(), 1.0));
}

TEST(Units, PerOperationUnitsKeepTheirDimension) {
    EXPECT_EQ(convert("ns/op"), std::pair(model::seconds(), 1e-9));
    EXPECT_EQ(convert("s/op"), std::pair(model::seconds(), 1.0));
    EXPECT_EQ(convert("B/op"), std::pair(model::bytes(), 1.0));
    EXPECT_EQ(convert("allocs/op"), std::pair(model::count("allocs/op"), 1.0));
}

TEST(Units, UnknownUnitsAreKeptAsWritten) {
    EXPECT_FALSE(canonical_unit("MOS"));
    EXPECT_FALSE(canonical_unit("counts"));
    EXPECT_FALSE(canonical_unit("x/y/s"));
    EXPECT_EQ(unit_as_written(" points "), (model::Unit{model::Dimension::other, "points"}));
}

}  // namespace
}  // namespace caws::ingest
