#include "json/member_array.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace caws::json {
namespace {

constexpr std::size_t k_block = 64;

// Bit i of each mask is byte i of a block of 64.
struct Masks {
    std::uint64_t quote = 0;
    std::uint64_t backslash = 0;
    std::uint64_t open = 0;       // '{' or '['
    std::uint64_t close = 0;      // '}' or ']'
    std::uint64_t in_quotes = 0;  // prefix_xor(quote): an odd number of quotes at or before
};

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

// The masks of `count` blocks of 64 bytes from `text`, into `out`: a few kilobytes at a
// time, so that the elements found are still in the cache when they are parsed.
// '{' and '[' (0x7B, 0x5B) differ only in the bit 0x20, as do '}' and ']'.
void masks_of_portable(const char* text, std::size_t count, Masks* out) {
    for (std::size_t b = 0; b < count; ++b) {
        const char* block = text + b * k_block;
        Masks m;
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i case_bit = _mm_set1_epi8(0x20);
        const __m128i open = _mm_set1_epi8('{');
        const __m128i close = _mm_set1_epi8('}');
        for (int part = 0; part < 4; ++part) {
            const __m128i bytes =
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
            const __m128i folded = _mm_or_si128(bytes, case_bit);
            const auto bits = [&](__m128i equal) {
                return static_cast<std::uint64_t>(
                           static_cast<std::uint16_t>(_mm_movemask_epi8(equal)))
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
        m.in_quotes = prefix_xor(m.quote);
        out[b] = m;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define CAWS_GATE_SCAN_AVX2 1
// Bit i of the result is byte i of the two halves' comparisons.
__attribute__((target("avx2"))) inline std::uint64_t bits_of(__m256i low_equal,
                                                             __m256i high_equal) {
    const auto low = static_cast<std::uint32_t>(_mm256_movemask_epi8(low_equal));
    const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(high_equal));
    return std::uint64_t{low} | (std::uint64_t{high} << 32);
}

// The same with AVX2 (32 bytes a compare) and a carry-less multiply for the prefix XOR,
// for processors that have them: the scan is the first pass over every byte of a results
// file. Chosen at run time; the binary itself stays baseline x86-64.
__attribute__((target("avx2,pclmul"))) void masks_of_avx2(const char* text, std::size_t count,
                                                          Masks* out) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i case_bit = _mm256_set1_epi8(0x20);
    const __m256i open = _mm256_set1_epi8('{');
    const __m256i close = _mm256_set1_epi8('}');
    const __m128i all_ones = _mm_set1_epi8(static_cast<char>(0xFF));
    for (std::size_t b = 0; b < count; ++b) {
        const char* block = text + b * k_block;
        const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block));
        const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32));
        const __m256i low_folded = _mm256_or_si256(low, case_bit);
        const __m256i high_folded = _mm256_or_si256(high, case_bit);
        Masks m;
        m.quote = bits_of(_mm256_cmpeq_epi8(low, quote), _mm256_cmpeq_epi8(high, quote));
        m.backslash =
            bits_of(_mm256_cmpeq_epi8(low, backslash), _mm256_cmpeq_epi8(high, backslash));
        m.open = bits_of(_mm256_cmpeq_epi8(low_folded, open), _mm256_cmpeq_epi8(high_folded, open));
        m.close =
            bits_of(_mm256_cmpeq_epi8(low_folded, close), _mm256_cmpeq_epi8(high_folded, close));
        m.in_quotes = static_cast<std::uint64_t>(_mm_cvtsi128_si64(
            _mm_clmulepi64_si128(_mm_set_epi64x(0, static_cast<long long>(m.quote)), all_ones, 0)));
        out[b] = m;
    }
}
#endif

using MasksOf = void (*)(const char*, std::size_t, Masks*);

MasksOf choose_masks_of() {
#if defined(CAWS_GATE_SCAN_AVX2)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul")) return masks_of_avx2;
#endif
    return masks_of_portable;
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
        static const MasksOf masks_of = choose_masks_of();
        Masks masks[k_blocks_at_once];
        const std::size_t whole = text_.size() / k_block * k_block;
        for (std::size_t base = 0; base < whole && !failed_;) {
            const std::size_t count = std::min(k_blocks_at_once, (whole - base) / k_block);
            masks_of(text_.data() + base, count, masks);
            for (std::size_t b = 0; b < count && !failed_; ++b, base += k_block) {
                scan_block(text_.data() + base, base, masks[b]);
            }
        }
        if (whole < text_.size() && !failed_) {
            char tail[k_block];
            std::memset(tail, ' ', k_block);
            std::memcpy(tail, text_.data() + whole, text_.size() - whole);
            masks_of(tail, 1, masks);
            scan_block(tail, whole, masks[0]);
        }
        if (failed_ || in_string_ || depth_ != 0 || state_ != State::after) return std::nullopt;
        return std::move(found_);
    }

  private:
    enum class State { before, in_array, after };

    static constexpr std::size_t k_blocks_at_once = 64;

    void scan_block(const char* block, std::size_t base, Masks m) {
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
            m.in_quotes = prefix_xor(m.quote);
        }
        const std::uint64_t inside = m.in_quotes ^ (in_string_ ? ~std::uint64_t{0} : 0);
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
