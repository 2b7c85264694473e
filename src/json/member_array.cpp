#include "json/member_array.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace caws::json {
namespace {

constexpr std::size_t k_block = 64;

// Bit i of each mask is byte i of a block of 64.
struct Masks {
    std::uint64_t quote = 0;
    std::uint64_t backslash = 0;
    std::uint64_t open = 0;   // '{' or '['
    std::uint64_t close = 0;  // '}' or ']'
};

// '{' and '[' (0x7B, 0x5B) differ only in the bit 0x20, as do '}' and ']'.
Masks masks_of(const char* block) {
    Masks m;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{');
    const __m128i close = _mm_set1_epi8('}');
    for (int part = 0; part < 4; ++part) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
        const __m128i folded = _mm_or_si128(bytes, case_bit);
        const auto bits = [&](__m128i equal) {
            return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(equal)))
                   << (16 * part);
        };
        m.quote |= bits(_mm_cmpeq_epi8(bytes, quote));
        m.backslash |= bits(_mm_cmpeq_epi8(bytes, backslash));
        m.open |= bits(_mm_cmpeq_epi8(folded, open));
        m.close |= bits(_mm_cmpeq_epi8(folded, close));
    }
#else
    for (std::size_t i = 0; i < k_block; ++i) {
        const char c = block[i];
        const std::uint64_t bit = std::uint64_t{1} << i;
        if (c == '"') m.quote |= bit;
        if (c == '\\') m.backslash |= bit;
        if ((c | 0x20) == '{') m.open |= bit;
        if ((c | 0x20) == '}') m.close |= bit;
    }
#endif
    return m;
}

// Bit i set when an odd number of bits at or below i are set.
std::uint64_t prefix_xor(std::uint64_t x) {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Walks the text's brackets outside strings, in order, and keeps what find_member_array
// needs: the array's brackets and its elements' extents.
class Scan {
  public:
    Scan(std::string_view text, std::string_view key, const ElementVisitor* visit)
        : text_(text), key_(key), visit_(visit) {}

    std::optional<MemberArray> run() {
        std::size_t at = 0;
        while (at < text_.size() && is_space(text_[at])) ++at;
        if (at == text_.size() || text_[at] != '{') return std::nullopt;
        char tail[k_block];
        for (std::size_t base = 0; base < text_.size() && !failed_; base += k_block) {
            const char* block = text_.data() + base;
            if (text_.size() - base < k_block) {
                std::memset(tail, ' ', k_block);
                std::memcpy(tail, block, text_.size() - base);
                block = tail;
            }
            scan_block(block, base);
        }
        if (failed_ || in_string_ || depth_ != 0 || state_ != State::after) return std::nullopt;
        return std::move(found_);
    }

  private:
    enum class State { before, in_array, after };

    void scan_block(const char* block, std::size_t base) {
        Masks m = masks_of(block);
        if (m.backslash != 0 || escape_next_) {
            // Escapes are rare in results files: find the strings byte by byte.
            m.quote = 0;
            bool quoted = in_string_;
            for (std::size_t i = 0; i < k_block; ++i) {
                if (escape_next_) {
                    escape_next_ = false;
                } else if (block[i] == '\\') {
                    escape_next_ = quoted;
                } else if (block[i] == '"') {
                    m.quote |= std::uint64_t{1} << i;
                    quoted = !quoted;
                }
            }
        }
        const std::uint64_t inside = prefix_xor(m.quote) ^ (in_string_ ? ~std::uint64_t{0} : 0);
        in_string_ = (inside >> 63) != 0;
        std::uint64_t brackets = (m.open | m.close) & ~inside;
        while (brackets != 0 && !failed_) {
            const auto i = static_cast<std::size_t>(__builtin_ctzll(brackets));
            brackets &= brackets - 1;
            if ((m.open >> i) & 1) {
                opened(base + i, block[i]);
            } else {
                closed(base + i);
            }
        }
    }

    void opened(std::size_t at, char c) {
        ++depth_;
        if (state_ == State::before && depth_ == 2 && c == '[' && keyed(at)) {
            state_ = State::in_array;
            found_.open = at;
            gap_from_ = at + 1;
        } else if (state_ == State::in_array && depth_ == 3) {
            if (c != '{' || !one_comma(gap_from_, at, elements_ == 0)) failed_ = true;
            element_from_ = at;
        }
    }

    void closed(std::size_t at) {
        if (depth_ == 0) {
            failed_ = true;
            return;
        }
        --depth_;
        if (state_ != State::in_array) return;
        if (depth_ == 2) {
            ++elements_;
            if (visit_ != nullptr) {
                (*visit_)(element_from_, at + 1 - element_from_);
            } else {
                found_.elements.push_back({element_from_, at + 1 - element_from_});
            }
            gap_from_ = at + 1;
        } else if (depth_ == 1) {
            if (!only_space(gap_from_, at)) failed_ = true;
            found_.close = at;
            state_ = State::after;
        }
    }

    // Whether the member whose value starts at `at` is named key_: `"key"`, space, ':',
    // space before it, the opening quote after '{', ',' or space.
    bool keyed(std::size_t at) const {
        std::size_t i = at;
        while (i > 0 && is_space(text_[i - 1])) --i;
        if (i == 0 || text_[--i] != ':') return false;
        while (i > 0 && is_space(text_[i - 1])) --i;
        const std::size_t quoted = key_.size() + 2;
        if (i < quoted + 1) return false;
        const std::string_view name = text_.substr(i - quoted, quoted);
        const char before = text_[i - quoted - 1];
        return name.front() == '"' && name.back() == '"' && name.substr(1, key_.size()) == key_ &&
               (before == '{' || before == ',' || is_space(before));
    }

    bool only_space(std::size_t from, std::size_t to) const {
        for (std::size_t i = from; i < to; ++i) {
            if (!is_space(text_[i])) return false;
        }
        return true;
    }

    // White space, and one comma unless `first`.
    bool one_comma(std::size_t from, std::size_t to, bool first) const {
        std::size_t commas = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (text_[i] == ',') {
                ++commas;
            } else if (!is_space(text_[i])) {
                return false;
            }
        }
        return commas == (first ? 0 : 1);
    }

    std::string_view text_;
    std::string_view key_;
    const ElementVisitor* visit_;
    MemberArray found_;
    State state_ = State::before;
    std::size_t depth_ = 0;
    std::size_t elements_ = 0;
    bool in_string_ = false;    // at the end of the last block
    bool escape_next_ = false;  // the last block ended on a backslash in a string
    bool failed_ = false;
    std::size_t gap_from_ = 0;
    std::size_t element_from_ = 0;
};

}  // namespace

std::string MemberArray::rest(std::string_view text) const {
    std::string result;
    result.reserve(open + 1 + (text.size() - close));
    result.append(text.substr(0, open + 1));
    result.append(text.substr(close));
    return result;
}

std::optional<MemberArray> find_member_array(std::string_view text, std::string_view key,
                                             const ElementVisitor* visit) {
    return Scan(text, key, visit).run();
}

}  // namespace caws::json
