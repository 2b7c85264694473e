#include "report/markdown_cells.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caws::report {
namespace {

model::Comparison comparison(const std::string& measure, const std::string& test, std::size_t n) {
    model::Comparison c;
    c.metric = "BM_X";
    c.measure = measure;
    c.test = test;
    c.n_baseline = n;
    c.n_candidate = n;
    return c;
}

TEST(MarkdownCells, UnbreakableJoinsWithNoBreakSpaces) {
    EXPECT_EQ(unbreakable("1.71x [1.70, 1.82]"), "1.71x\u00a0[1.70,\u00a01.82]");
    EXPECT_EQ(unbreakable("3.50 µs"), "3.50\u00a0µs");
    EXPECT_EQ(unbreakable("0.0003"), "0.0003");
}

TEST(MarkdownCells, WhatEveryRowSharesIsOneSentence) {
    const auto a = comparison("cpu_time", "mann-whitney", 10);
    const auto b = comparison("cpu_time", "mann-whitney", 10);
    const SharedColumns shared = shared_columns({&a, &b});
    EXPECT_FALSE(shared.varies());
    EXPECT_EQ(shared.sentence, "All rows: cpu_time; Mann-Whitney U, 10 vs 10 samples.");
    EXPECT_EQ(varying_cell(a, shared), "");
}

TEST(MarkdownCells, WhatTheRowsDoNotShareGetsAColumn) {
    const auto a = comparison("cpu_time", "mann-whitney", 10);
    const auto b = comparison("real_time", "welch", 10);
    const auto c = comparison("cpu_time", "mann-whitney", 3);
    SharedColumns shared = shared_columns({&a, &b});
    EXPECT_TRUE(shared.varies());
    EXPECT_FALSE(shared.same_measure);
    EXPECT_EQ(shared.sentence, "All rows: 10 vs 10 samples.");
    EXPECT_EQ(varying_cell(b, shared), "welch");
    shared = shared_columns({&a, &b, &c});
    EXPECT_EQ(shared.sentence, "");
    EXPECT_EQ(varying_cell(c, shared), "mann-whitney,\u00a03\u00a0vs\u00a03");
    EXPECT_EQ(shared_columns({}).sentence, "");
}

TEST(MarkdownCells, NotesAreNumberedOnceInOrderOfFirstUse) {
    NoteNumbers notes;
    EXPECT_EQ(notes.refer({"second clock"}), "1");
    EXPECT_EQ(notes.refer({}), "");
    EXPECT_EQ(notes.refer({"rate", "second clock"}), "2, 1");
    EXPECT_EQ(notes.notes(), (std::vector<std::string>{"second clock", "rate"}));
    EXPECT_EQ(NoteNumbers::marks("2, 1"), "²,¹");
    EXPECT_EQ(NoteNumbers::marks("10"), "¹⁰");
}

}  // namespace
}  // namespace caws::report
