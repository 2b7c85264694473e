#include "exec/command_line.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace caws::exec {
namespace {

using Words = std::vector<std::string>;

Words words_of(std::string_view text) {
    const CommandLine line = parse_command_line(text, "--base");
    EXPECT_FALSE(line.needs_shell) << text;
    return line.words;
}

bool needs_shell(std::string_view text) {
    return parse_command_line(text, "--base").needs_shell;
}

std::string error_of(std::string_view text) {
    try {
        parse_command_line(text, "--head");
    } catch (const util::Error& error) {
        return error.what();
    }
    return "no error";
}

TEST(CommandLine, SplitsOnBlanksAndKeepsQuotedTextTogether) {
    EXPECT_EQ(words_of("./bench --x  1\t2"), (Words{"./bench", "--x", "1", "2"}));
    EXPECT_EQ(words_of("  ./bench  "), (Words{"./bench"}));
    EXPECT_EQ(words_of("a 'b c' \"d e\""), (Words{"a", "b c", "d e"}));
    EXPECT_EQ(words_of("a'b'\"c\"d"), (Words{"abcd"}));
    EXPECT_EQ(words_of("--filter='BM_A|BM_B'"), (Words{"--filter=BM_A|BM_B"}));
}

TEST(CommandLine, SingleQuotesAreLiteral) {
    EXPECT_EQ(words_of(R"(a '\n $HOME "x" \')"), (Words{"a", R"(\n $HOME "x" \)"}));
    EXPECT_EQ(words_of("a '*?[~#;|&<>()'"), (Words{"a", "*?[~#;|&<>()"}));
}

TEST(CommandLine, DoubleQuotesUnescapeOnlyTheirFourCharacters) {
    EXPECT_EQ(words_of(R"(a "q\"q" "b\\s" "d\$" "t\`")"),
              (Words{"a", "q\"q", "b\\s", "d$", "t`"}));
    EXPECT_EQ(words_of(R"(a "\n\x'")"), (Words{"a", R"(\n\x')"}));
    EXPECT_EQ(words_of("a \"line\\\nnext\""), (Words{"a", "linenext"}));
    EXPECT_EQ(words_of("a \"*?[~#;|&<>() \""), (Words{"a", "*?[~#;|&<>() "}));
}

TEST(CommandLine, BackslashQuotesTheNextCharacterOutsideQuotes) {
    EXPECT_EQ(words_of(R"(a b\ c \' \" \\ \$HOME \* \|)"),
              (Words{"a", "b c", "'", "\"", "\\", "$HOME", "*", "|"}));
    EXPECT_EQ(words_of("a b\\\nc"), (Words{"a", "bc"}));
    EXPECT_EQ(words_of("a \\~ \\#x"), (Words{"a", "~", "#x"}));
}

TEST(CommandLine, EmptyQuotesMakeEmptyWords) {
    EXPECT_EQ(words_of("a '' \"\" b"), (Words{"a", "", "", "b"}));
}

TEST(CommandLine, WordsWithoutSpecialMeaningNeedNoShell) {
    for (const char* text : {"./bench --benchmark_filter=BM_Sort", "go test -bench=. -count=1",
                             "a-b=c", "./x a=b", "'A=1' x", "a~b", "a#b", "x{y}", "-x=1,2 %s @f +g"}) {
        EXPECT_FALSE(needs_shell(text)) << text;
    }
}

TEST(CommandLine, ShellSyntaxNeedsAShell) {
    for (const char* text :
         {"a | b", "a && b", "a; b", "a < in", "a > out", "(a)", "a $HOME", "a `b`", "a *.json",
          "a ?", "a [ab]", "a ~/x", "a # comment", "a\nb", "FOO=1 ./bench", "a \"$HOME\"",
          "a \"`b`\"", "a $(b)", "a&"}) {
        EXPECT_TRUE(needs_shell(text)) << text;
    }
}

TEST(CommandLine, ErrorsNameTheCommandAndTheColumn) {
    EXPECT_EQ(error_of("./bench 'x"),
              "--head: the single quote at column 9 is never closed in \"./bench 'x\"");
    EXPECT_EQ(error_of("./bench \"x\\\""),
              "--head: the double quote at column 9 is never closed in \"./bench \"x\\\"\"");
    EXPECT_EQ(error_of("./bench \\"), "--head: a backslash ends the command in \"./bench \\\"");
    EXPECT_EQ(error_of(""), "--head: the command is empty in \"\"");
    EXPECT_EQ(error_of(" \t "), "--head: the command is empty in \" \t \"");
}

TEST(CommandLine, OutputPlaceholderIsReplacedInsideWords) {
    const CommandLine line = parse_command_line("bench --out={out} '{out}' \"x{out}y{out}\"", "b");
    EXPECT_TRUE(line.has_output_placeholder());
    const std::vector<std::string> extra{"--e 1"};
    EXPECT_EQ(command_argv(line, "/tmp/a b/base-00.out", extra),
              (Words{"bench", "--out=/tmp/a b/base-00.out", "/tmp/a b/base-00.out",
                     "x/tmp/a b/base-00.outy/tmp/a b/base-00.out", "--e 1"}));
    EXPECT_FALSE(parse_command_line("bench \\{out}", "b").has_output_placeholder());
}

TEST(CommandLine, ShellCommandsGetThePathQuotedForItsPlace) {
    const CommandLine plain = parse_command_line("b > {out}", "b");
    ASSERT_TRUE(plain.needs_shell);
    EXPECT_EQ(command_argv(plain, "/t/it's", {}), (Words{"/bin/sh", "-c", R"(b > '/t/it'\''s')"}));

    // What the shell makes of it, unquoted, in single and in double quotes.
    const CommandLine line =
        parse_command_line(R"(true && printf '%s|' {out} '{out}' "{out}" "x{out}" x'{out}')", "b");
    ASSERT_TRUE(line.needs_shell);
    const std::string path = R"(/t/a  b'$HOME"`c\d*)";
    const std::vector<std::string> extra{"x y", "it's", "$HOME"};
    const auto printed = util::system_environment().command_output(command_argv(line, path, extra));
    ASSERT_TRUE(printed.has_value());
    EXPECT_EQ(*printed, path + "|" + path + "|" + path + "|x" + path + "|x" + path +
                            "|x y|it's|$HOME|");
}

TEST(CommandLine, ShellCommandsRunTheTextUnchanged) {
    const CommandLine line = parse_command_line("cd x && ./bench | tee log", "b");
    EXPECT_EQ(command_argv(line, "/unused", {}),
              (Words{"/bin/sh", "-c", "cd x && ./bench | tee log"}));
}

TEST(CommandLine, ShellQuoteLeavesPlainWordsAlone) {
    EXPECT_EQ(shell_quote("--benchmark_filter=BM_A,B:c/d.e@f%g+h"),
              "--benchmark_filter=BM_A,B:c/d.e@f%g+h");
    EXPECT_EQ(shell_quote(""), "''");
    EXPECT_EQ(shell_quote("a b"), "'a b'");
    EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
    EXPECT_EQ(shell_quote("$HOME"), "'$HOME'");
}

}  // namespace
}  // namespace caws::exec
