#include "report/escape.hpp"

#include <gtest/gtest.h>

namespace caws::report {
namespace {

TEST(EscapeMarkdown, HtmlBecomesEntities) {
    EXPECT_EQ(escape_markdown("<img src=x onerror=alert(1)>"),
              "&lt;img src=x onerror=alert(1)&gt;");
    EXPECT_EQ(escape_markdown("a & \"b\""), "a &amp; &quot;b&quot;");
}

TEST(EscapeMarkdown, TableCellsCannotBeSplit) {
    EXPECT_EQ(escape_markdown("a|b"), "a\\|b");
    EXPECT_EQ(escape_markdown("one\ntwo\r\tthree"), "one two  three");
}

TEST(EscapeMarkdown, EmphasisCodeLinksAndMathAreEscaped) {
    EXPECT_EQ(escape_markdown("**x** `y` [z](u) $m$ ~~s~~"),
              "\\*\\*x\\*\\* \\`y\\` \\[z\\](u) \\$m\\$ \\~\\~s\\~\\~");
    EXPECT_EQ(escape_markdown("50%_\\textbf{x}"), "50%\\_\\\\textbf{x}");
}

TEST(EscapeMarkdown, UnderscoresInsideWordsStayReadable) {
    EXPECT_EQ(escape_markdown("BM_Sort_Vector/1024"), "BM_Sort_Vector/1024");
    EXPECT_EQ(escape_markdown("_private_"), "\\_private\\_");
    EXPECT_EQ(escape_markdown("cpu_time"), "cpu_time");
}

}  // namespace
}  // namespace caws::report
