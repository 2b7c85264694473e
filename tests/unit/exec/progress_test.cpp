#include "exec/progress.hpp"

#include <gtest/gtest.h>

#include "fake_command.hpp"

namespace caws::exec {
namespace {

RoundRecord round(std::size_t number, Side first, double base, double head) {
    RoundRecord record;
    record.number = number;
    record.first = first;
    record.base.seconds = base;
    record.head.seconds = head;
    return record;
}

TEST(Progress, FormatsDurationsForPeople) {
    EXPECT_EQ(format_duration(0.04), "0.0 s");
    EXPECT_EQ(format_duration(9.94), "9.9 s");
    EXPECT_EQ(format_duration(12.4), "12 s");
    EXPECT_EQ(format_duration(59.4), "59 s");
    EXPECT_EQ(format_duration(59.6), "1 min 00 s");
    EXPECT_EQ(format_duration(185), "3 min 05 s");
    EXPECT_EQ(format_duration(3720), "1 h 02 min");
    EXPECT_EQ(format_duration(-1), "0.0 s");
}

TEST(Progress, ALogGetsOneLinePerRound) {
    test::RecordingSink sink(false);
    RoundProgress progress(sink, 3, std::nullopt);
    for (std::size_t number = 1; number <= 3; ++number) {
        const double elapsed = 2.4 * static_cast<double>(number);
        progress.round_started(number, elapsed - 2.4);
        progress.round_finished(round(number, number == 1 ? Side::head : Side::base, 1.21, 1.19),
                                elapsed);
    }
    progress.finished(3, Outcome::complete, 7.2);
    EXPECT_EQ(sink.text(),
              "round 1 of 3: base 1.2 s, head 1.2 s (head first), 2.4 s elapsed, about 4.8 s left\n"
              "round 2 of 3: base 1.2 s, head 1.2 s (base first), 4.8 s elapsed, about 2.4 s left\n"
              "round 3 of 3: base 1.2 s, head 1.2 s (base first), 7.2 s elapsed\n"
              "3 rounds in 7.2 s\n");
}

TEST(Progress, ATerminalGetsOneUpdatingLine) {
    test::RecordingSink sink(true);
    RoundProgress progress(sink, 10, std::nullopt);
    for (std::size_t number = 1; number <= 3; ++number) {
        progress.round_started(number, 4.1 * static_cast<double>(number - 1));
        if (number < 3) progress.round_finished(round(number, Side::head, 2, 2), 4.1 * static_cast<double>(number));
    }
    progress.abandoned();
    EXPECT_EQ(sink.text(),
              "\r\033[Kround 1 of 10, 0.0 s elapsed"
              "\r\033[Kround 2 of 10, 4.1 s elapsed, about 37 s left"
              "\r\033[Kround 3 of 10, 8.2 s elapsed, about 33 s left\n");
}

TEST(Progress, TheEstimateStopsAtTheTimeLimit) {
    test::RecordingSink sink(true);
    RoundProgress progress(sink, 10, 10.0);
    progress.round_started(3, 8);  // 4 s a round: one more round starts before 10 s
    progress.finished(4, Outcome::max_time, 12);
    EXPECT_EQ(sink.text(),
              "\r\033[Kround 3 of 10, 8.0 s elapsed, about 4.0 s left"
              "\r\033[Kstopped after round 4 of 10: the time limit of 10 s was reached "
              "(12 s elapsed)\n");
}

TEST(Progress, OneRound) {
    test::RecordingSink sink(false);
    RoundProgress progress(sink, 1, std::nullopt);
    progress.finished(1, Outcome::complete, 0.5);
    progress.abandoned();
    EXPECT_EQ(sink.text(), "1 round in 0.5 s\n");
}

}  // namespace
}  // namespace caws::exec
