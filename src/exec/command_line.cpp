#include "exec/command_line.hpp"

#include <string_view>

#include "util/error.hpp"

namespace caws::exec {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// Characters that make an unquoted word need a shell wherever they appear.
bool is_shell_operator(char c) {
    return std::string_view("|&;<>()$`*?[\n").find(c) != std::string_view::npos;
}

// "NAME=" at the start of the raw first word: an environment assignment for the command,
// which only a shell performs.
bool starts_with_assignment(std::string_view raw) {
    const std::size_t equals = raw.find('=');
    if (equals == std::string_view::npos || equals == 0) return false;
    for (std::size_t i = 0; i < equals; ++i) {
        const char c = raw[i];
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

// One pass over the text: words, placeholders, and whether a shell is needed.
class Splitter {
  public:
    Splitter(std::string_view text, std::string_view name) : text_(text), name_(name) {
        result_.text = std::string(text);
    }

    CommandLine split() {
        while (at_ < text_.size()) {
            note_placeholder(Quoting::none);
            const char c = text_[at_];
            if (is_blank(c)) {
                end_word();
                ++at_;
            } else if (c == '\'') {
                single_quoted();
            } else if (c == '"') {
                double_quoted();
            } else if (c == '\\') {
                escaped();
            } else {
                if (is_shell_operator(c) || ((c == '~' || c == '#') && !in_word_)) {
                    result_.needs_shell = true;
                }
                if (c == '\n') {
                    end_word();
                } else {
                    append(c);
                }
                ++at_;
            }
        }
        end_word();
        if (result_.words.empty() && !result_.needs_shell) fail("the command is empty");
        return std::move(result_);
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw util::Error(std::string(name_), "", what + " in \"" + std::string(text_) + "\"");
    }

    void append(char c) {
        if (!in_word_) word_start_ = at_;
        in_word_ = true;
        word_ += c;
    }

    void end_word() {
        if (!in_word_) return;
        if (result_.words.empty() && starts_with_assignment(text_.substr(word_start_))) {
            result_.needs_shell = true;
        }
        result_.words.push_back(std::move(word_));
        word_.clear();
        in_word_ = false;
    }

    // Records a `{out}` that starts at the current position.
    void note_placeholder(Quoting quoting) {
        if (text_.substr(at_, k_output_placeholder.size()) != k_output_placeholder) return;
        result_.text_placeholders.push_back({at_, quoting});
        result_.word_placeholders.push_back({result_.words.size(), word_.size()});
    }

    void start_quote() {
        if (!in_word_) word_start_ = at_;
        in_word_ = true;
    }

    void single_quoted() {
        const std::size_t open = at_;
        start_quote();
        ++at_;
        while (at_ < text_.size() && text_[at_] != '\'') {
            note_placeholder(Quoting::single);
            word_ += text_[at_++];
        }
        if (at_ == text_.size()) unterminated('\'', open);
        ++at_;
    }

    void double_quoted() {
        const std::size_t open = at_;
        start_quote();
        ++at_;
        while (at_ < text_.size() && text_[at_] != '"') {
            note_placeholder(Quoting::double_quotes);
            const char c = text_[at_];
            if (c == '\\' && at_ + 1 < text_.size()) {
                const char next = text_[at_ + 1];
                if (next == '\n') {
                    at_ += 2;
                    continue;
                }
                if (next == '"' || next == '\\' || next == '$' || next == '`') {
                    word_ += next;
                    at_ += 2;
                    continue;
                }
            }
            if (c == '$' || c == '`') result_.needs_shell = true;
            word_ += c;
            ++at_;
        }
        if (at_ == text_.size()) unterminated('"', open);
        ++at_;
    }

    void escaped() {
        if (at_ + 1 == text_.size()) fail("a backslash ends the command");
        const char next = text_[at_ + 1];
        if (next == '\n') {  // a line continuation joins the two lines
            at_ += 2;
            return;
        }
        append(next);
        at_ += 2;
    }

    [[noreturn]] void unterminated(char quote, std::size_t open) const {
        const std::string kind = quote == '\'' ? "single" : "double";
        fail("the " + kind + " quote at column " + std::to_string(open + 1) + " is never closed");
    }

    std::string_view text_;
    std::string_view name_;
    CommandLine result_;
    std::size_t at_ = 0;
    std::string word_;
    bool in_word_ = false;
    std::size_t word_start_ = 0;
};

// `path` written for its place in a shell text.
std::string quoted_for(Quoting quoting, std::string_view path) {
    switch (quoting) {
        case Quoting::none:
            return shell_quote(path);
        case Quoting::single:  // close the quote, add the quoted path, open it again
            return "'" + shell_quote(path) + "'";
        case Quoting::double_quotes:
            break;
    }
    std::string out;
    for (const char c : path) {
        if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
        out += c;
    }
    return out;
}

std::vector<std::string> shell_argv(const CommandLine& command, std::string_view output_path,
                                    std::span<const std::string> extra) {
    std::string script;
    std::size_t copied = 0;
    for (const TextPlaceholder& placeholder : command.text_placeholders) {
        script.append(command.text, copied, placeholder.offset - copied);
        script += quoted_for(placeholder.quoting, output_path);
        copied = placeholder.offset + k_output_placeholder.size();
    }
    script.append(command.text, copied);
    for (const std::string& argument : extra) script += " " + shell_quote(argument);
    return {"/bin/sh", "-c", script};
}

}  // namespace

CommandLine parse_command_line(std::string_view text, std::string_view name) {
    return Splitter(text, name).split();
}

std::vector<std::string> command_argv(const CommandLine& command, std::string_view output_path,
                                      std::span<const std::string> extra) {
    if (command.needs_shell) return shell_argv(command, output_path, extra);
    std::vector<std::string> argv = command.words;
    // Replace from the back so that earlier offsets in the same word stay valid.
    for (auto it = command.word_placeholders.rbegin(); it != command.word_placeholders.rend();
         ++it) {
        argv[it->word].replace(it->offset, k_output_placeholder.size(), output_path);
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

std::string shell_quote(std::string_view word) {
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789_@%+=:,./-") == std::string_view::npos;
    if (plain) return std::string(word);
    std::string out = "'";
    for (const char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

}  // namespace caws::exec
