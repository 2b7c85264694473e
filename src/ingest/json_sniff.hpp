#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace caws::ingest {

// A cheap look at the start of a JSON text, for format detection: the tokens of its first
// bytes, without validating anything. Detection must stay fast on large files and must
// still recognise a truncated or broken file, so that its reader can say where it breaks.
class JsonSniff {
  public:
    enum class Kind {
        begin_object,
        end_object,
        begin_array,
        end_array,
        colon,
        comma,
        string,
        scalar
    };
    struct Token {
        Kind kind;
        std::string_view text;  // strings without their quotes (escapes left as written)
        std::size_t depth;      // containers open around the token: 1 for root object keys
    };

    // Tokenises at most the first `max_bytes` of `text` (a token cut there is dropped).
    explicit JsonSniff(std::string_view text, std::size_t max_bytes = std::size_t{1} << 16);

    const std::vector<Token>& tokens() const { return tokens_; }

    // Whether the tokens start with `pattern`: one character per token, '{' '}' '[' ']'
    // ':' ',' for punctuation, 's' for any string and 'n' for any other scalar.
    bool starts_with(std::string_view pattern) const;

    // The text of token `index` when it is a string, else "".
    std::string_view string_at(std::size_t index) const;

    // Whether an object key (a string followed by ':') equal to `key` sits at `depth`.
    bool has_key(std::string_view key, std::size_t depth) const;

    // The keys at `depth`, in order, of the first object found at that depth.
    std::vector<std::string_view> first_object_keys(std::size_t depth) const;

    // The token after `key`'s colon for the first such key at `depth`, or nullptr.
    const Token* value_of(std::string_view key, std::size_t depth) const;

  private:
    std::vector<Token> tokens_;
};

}  // namespace caws::ingest
