#include "report/escape.hpp"

#include <gtest/gtest.h>

namespace caws::report {
namespace {

TEST(EscapeMarkdown, HtmlBecomesEntities) {
    EXPECT_EQ(escape_markdown("<img src=x onerror=alert(1)>"),
              "&lt;img src=x onerror=alert(1)&gt;");
    // With every < escaped no tag can open, so a quote cannot end an attribute: it stays
    // a quote, readable where the Markdown is read as text (a terminal, a log).
    EXPECT_EQ(escape_markdown("a & \"b\""), "a &amp; \"b\"");
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

TEST(EscapeMarkdownMessage, CodeSpansStayCodeAndTheRestIsEscaped) {
    EXPECT_EQ(escape_markdown_message("Pin it (e.g. `taskset -c 1`): *noisy* <b>"),
              "Pin it (e.g. `taskset -c 1`): \\*noisy\\* &lt;b&gt;");
    // Inside a span nothing is escaped: the command can be copied as it is.
    EXPECT_EQ(escape_markdown_message("`a_b --x=*`"), "`a_b --x=*`");
    EXPECT_EQ(escape_markdown_message("``a`b``"), "``a`b``");
}

TEST(EscapeMarkdownMessage, BackticksThatCloseNoSpanAreText) {
    EXPECT_EQ(escape_markdown_message("a`b"), "a\\`b");
    // A run of two is closed only by a run of two, as in CommonMark.
    EXPECT_EQ(escape_markdown_message("``a` b"), "\\`\\`a\\` b");
    EXPECT_EQ(escape_markdown_message("`a`` b"), "\\`a\\`\\` b");
}

TEST(EscapeMarkdownMessage, ANameWrittenAsALiteralCannotBreakOut) {
    // model::message_literal writes a backtick in a name as a span of itself.
    const std::string message =
        "Run `--benchmark_repetitions=9`: BM_a`` ` ``b and BM_c`` ` ``<d> too.";
    EXPECT_EQ(escape_markdown_message(message),
              "Run `--benchmark_repetitions=9`: BM_a`` ` ``b and BM_c`` ` ``&lt;d&gt; too.");
}

TEST(EscapeMarkdown, UnderscoresInsideWordsStayReadable) {
    EXPECT_EQ(escape_markdown("BM_Sort_Vector/1024"), "BM_Sort_Vector/1024");
    EXPECT_EQ(escape_markdown("_private_"), "\\_private\\_");
    EXPECT_EQ(escape_markdown("cpu_time"), "cpu_time");
}

TEST(EscapeLatex, SpecialCharactersPrintThemselves) {
    EXPECT_EQ(escape_latex("50%_\\textbf{x}"), "50\\%\\_\\textbackslash{}textbf\\{x\\}");
    EXPECT_EQ(escape_latex("\\input{/etc/passwd}"), "\\textbackslash{}input\\{/etc/passwd\\}");
    EXPECT_EQ(escape_latex("a#b$c&d~e^f"), "a\\#b\\$c\\&d\\textasciitilde{}e\\textasciicircum{}f");
    EXPECT_EQ(escape_latex("<a|b>"), "\\textless{}a\\textbar{}b\\textgreater{}");
    EXPECT_EQ(escape_latex("line\nbreak"), "line break");
}

TEST(EscapeLatex, UnitsAndSymbolsBecomeCommands) {
    EXPECT_EQ(escape_latex("1.20 µs"), "1.20 \\textmu{}s");
    EXPECT_EQ(escape_latex("∞ — ≥"), "$\\infty$ --- $\\geq$");
    EXPECT_EQ(escape_latex("é"), "é");  // other UTF-8 passes through for inputenc
}

TEST(EscapeLatex, ReplacementsAtTheEdgesAndInARow) {
    EXPECT_EQ(escape_latex(""), "");
    EXPECT_EQ(escape_latex("plain text"), "plain text");
    EXPECT_EQ(escape_latex("%%x%%"), "\\%\\%x\\%\\%");
    EXPECT_EQ(escape_latex("µ"), "\\textmu{}");
    EXPECT_EQ(escape_latex("x∞∞"), "x$\\infty$$\\infty$");
    // A symbol cut short at the end is not a symbol: its bytes pass through.
    EXPECT_EQ(escape_latex("a\xE2\x88"), "a\xE2\x88");
}

TEST(EscapeXml, MarkupAndControlCharacters) {
    EXPECT_EQ(escape_xml("<img src=\"x\" onerror='a'>&"),
              "&lt;img src=&quot;x&quot; onerror=&apos;a&apos;&gt;&amp;");
    EXPECT_EQ(escape_xml("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
    EXPECT_EQ(escape_xml(std::string("a\x01"
                                     "b",
                                     3)),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(escape_xml("µs"), "µs");
}

TEST(EscapeMarkdown, ReplacementsAtTheEdgesAndInARow) {
    EXPECT_EQ(escape_markdown(""), "");
    EXPECT_EQ(escape_markdown("|a||"), "\\|a\\|\\|");
    EXPECT_EQ(escape_markdown("_"), "\\_");
    EXPECT_EQ(escape_markdown("a_"), "a\\_");
}

TEST(EscapeWorkflowCommand, DataAndProperties) {
    EXPECT_EQ(escape_workflow_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
    EXPECT_EQ(escape_workflow_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
    EXPECT_EQ(escape_workflow_data("::error::x"), "::error::x");  // mid-line: inert
}

TEST(Utf16Length, CountsCodePointsAndSurrogatePairs) {
    EXPECT_EQ(utf16_length("abc"), 3U);
    EXPECT_EQ(utf16_length("µs"), 2U);                // 3 bytes
    EXPECT_EQ(utf16_length("❌"), 1U);                 // U+274C, 3 bytes
    EXPECT_EQ(utf16_length("⚠️"), 2U);            // U+26A0 U+FE0F
    EXPECT_EQ(utf16_length("\xF0\x9F\x98\x80"), 2U);  // U+1F600: a surrogate pair
}

}  // namespace
}  // namespace caws::report
