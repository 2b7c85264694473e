#pragma once

// A benchmark command given as one string (`caws-gate ab --base "./bench --x"`), split
// into the arguments of a program without a shell when it can be, and run through
// `/bin/sh -c` when it needs one.
//
// Splitting follows the POSIX shell's quoting:
//   'single quotes'   everything up to the next ' is literal
//   "double quotes"   literal except \" \\ \$ \` (the character) and \<newline> (removed)
//   \c outside quotes the character c, literally; \<newline> is removed
//   blanks            spaces and tabs separate words; '' and "" make an empty word
//
// A shell is needed when the text uses anything but quoting and words: an unquoted
// | & ; < > ( ) $ ` or newline, a $ or ` inside double quotes, the glob characters * ? [,
// a ~ or # at the start of a word, or an assignment (NAME=value) as the first word. The
// text then runs unchanged as `/bin/sh -c TEXT`, so it means exactly what it means in a
// shell.
//
// `{out}` stands for the file the command should write its results to. Without a shell it
// is replaced inside the words after splitting (a path with spaces stays one argument);
// with a shell it is replaced by the path quoted for where it stands (unquoted, inside
// '...' or inside "...").

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace caws::exec {

// The placeholder for the output file.
inline constexpr std::string_view k_output_placeholder = "{out}";

// Where a `{out}` stands in the text, and how the text around it is quoted there.
enum class Quoting { none, single, double_quotes };

struct TextPlaceholder {
    std::size_t offset = 0;  // byte offset of "{out}" in the text
    Quoting quoting = Quoting::none;
};

// A `{out}` inside a word: the word's index and the byte offset in the word.
struct WordPlaceholder {
    std::size_t word = 0;
    std::size_t offset = 0;
};

// One command string, split.
struct CommandLine {
    std::string text;                // as given
    bool needs_shell = false;        // run as /bin/sh -c text
    std::vector<std::string> words;  // the words, quotes removed (argv without a shell)
    std::vector<WordPlaceholder> word_placeholders;
    std::vector<TextPlaceholder> text_placeholders;

    bool has_output_placeholder() const { return !text_placeholders.empty(); }
};

// Splits `text`. `name` names the command in errors ("--base"). Throws
// util::Error(name, "", ...) for an empty command, a quote that is never closed (naming
// its column) or a backslash at the very end.
CommandLine parse_command_line(std::string_view text, std::string_view name);

// The argv that runs `command`: the words with `{out}` replaced by `output_path` and
// `extra` appended, or {"/bin/sh", "-c", text} with the path and the extra arguments
// quoted into the text (they then go to the last command of a pipeline).
std::vector<std::string> command_argv(const CommandLine& command, std::string_view output_path,
                                      std::span<const std::string> extra);

// `word` as one word for /bin/sh: unchanged when it holds only characters the shell
// never interprets, otherwise in single quotes (a ' inside written as '\'').
std::string shell_quote(std::string_view word);

}  // namespace caws::exec
