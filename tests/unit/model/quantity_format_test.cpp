#include "model/quantity_format.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace caws::model {
namespace {

TEST(QuantityFormat, TimesPickAReadableUnit) {
    EXPECT_EQ(format_quantity(1.2e-6, seconds()), "1.20 µs");
    EXPECT_EQ(format_quantity(999.6e-9, seconds()), "1.00 µs");
    EXPECT_EQ(format_quantity(42e-9, seconds()), "42.0 ns");
    EXPECT_EQ(format_quantity(0.5, seconds()), "500 ms");
    EXPECT_EQ(format_quantity(125, seconds()), "125 s");
    EXPECT_EQ(format_quantity(2e-12, seconds()), "0.00200 ns");
    EXPECT_EQ(format_quantity(0, seconds()), "0 ns");
}

TEST(QuantityFormat, SizesAndRates) {
    EXPECT_EQ(format_quantity(1572864, bytes()), "1.50 MiB");
    EXPECT_EQ(format_quantity(512, bytes()), "512 B");
    EXPECT_EQ(format_quantity(2.5e6, per_second()), "2.50 M/s");
    EXPECT_EQ(format_quantity(7.5e9, bytes_per_second()), "6.98 GiB/s");
    EXPECT_EQ(format_quantity(0.025, fraction()), "2.50 %");
    EXPECT_EQ(format_quantity(3, count("allocs/op")), "3.00 allocs/op");
    EXPECT_EQ(format_quantity(1234567, count()), "1234567");
}

TEST(QuantityFormat, DecimalSizePrefixes) {
    const auto decimal = SizePrefixes::decimal;
    EXPECT_EQ(format_quantity(1572864, bytes(), decimal), "1.57 MB");
    EXPECT_EQ(format_quantity(1.31e9, bytes(), decimal), "1.31 GB");
    EXPECT_EQ(format_quantity(800e6, bytes(), decimal), "800 MB");
    EXPECT_EQ(format_quantity(999, bytes(), decimal), "999 B");
    EXPECT_EQ(format_quantity(1500, bytes(), decimal), "1.50 kB");
    EXPECT_EQ(format_quantity(7.5e9, bytes_per_second(), decimal), "7.50 GB/s");
    // Other dimensions are the same either way.
    EXPECT_EQ(format_quantity(0.061, seconds(), decimal), "61.0 ms");
    EXPECT_EQ(format_quantity(2.5e6, per_second(), decimal), "2.50 M/s");
}

TEST(QuantityFormat, SizesInTheFamilyTheInputWrote) {
    Unit decimal_size = bytes();
    decimal_size.prefixes = SizePrefixes::decimal;
    EXPECT_EQ(format_quantity(512e6, decimal_size), "512 MB");
    EXPECT_EQ(format_quantity(512.0 * 1048576, bytes()), "512 MiB");
    Unit decimal_rate = bytes_per_second();
    decimal_rate.prefixes = SizePrefixes::decimal;
    EXPECT_EQ(format_quantity(120e6, decimal_rate), "120 MB/s");
    EXPECT_EQ(format_quantity(120e6, bytes_per_second()), "114 MiB/s");
    // An explicit family wins over the unit's.
    EXPECT_EQ(format_quantity(512e6, decimal_size, SizePrefixes::binary), "488 MiB");
}

TEST(QuantityFormat, RatiosAndPValues) {
    EXPECT_EQ(format_ratio(1.5812), "1.58x");
    EXPECT_EQ(format_ratio(std::numeric_limits<double>::infinity()), "∞");
    EXPECT_EQ(format_ratio(0.001), "0.0010x");
    EXPECT_EQ(format_p_value(0.0002), "0.0002");
    EXPECT_EQ(format_p_value(0.000183), "0.00018");
    EXPECT_EQ(format_p_value(0.31), "0.31");
    EXPECT_EQ(format_p_value(1.0), "1");
    EXPECT_EQ(format_p_value(5e-7), "<0.0001");
    EXPECT_EQ(format_plain(0.05), "0.05");
    EXPECT_EQ(format_plain(1.2), "1.2");
}

TEST(QuantityFormat, PercentagesWithTwoSignificantDigits) {
    EXPECT_EQ(format_percent(0.0512), "5.1%");
    EXPECT_EQ(format_percent(0.25), "25%");
    EXPECT_EQ(format_percent(0.123456), "12%");
    EXPECT_EQ(format_percent(0.00042), "0.042%");
    EXPECT_EQ(format_plain_percent(0.95), "95%");
    EXPECT_EQ(format_plain_percent(0.975), "97.5%");
}

}  // namespace
}  // namespace caws::model
