#include "stats/theil_sen_kernel.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CAWS_GATE_AVX512_KERNEL 1
#endif

namespace caws::stats::detail {

std::size_t bracket_row_portable(const double* y, const double* inverse, std::size_t length,
                                 double yi, double low, double high, double* out,
                                 std::size_t& below) {
    std::size_t count = 0;
    std::size_t under = 0;
    for (std::size_t k = 0; k < length; ++k) {
        const double s = (y[k] - yi) * inverse[k];
        out[count] = s;
        under += s < low;
        count += s >= low && s <= high;
    }
    below += under;
    return count;
}

#ifdef CAWS_GATE_AVX512_KERNEL

namespace {

// Eight pairs at a time; the kept slopes are compressed to the front of a vector that is
// stored whole (hence the room for 8 more), the count advancing by the kept ones.
__attribute__((target("avx512f"))) std::size_t bracket_row_avx512(const double* y,
                                                                  const double* inverse,
                                                                  std::size_t length, double yi,
                                                                  double low, double high,
                                                                  double* out, std::size_t& below) {
    const __m512d vyi = _mm512_set1_pd(yi);
    const __m512d vlow = _mm512_set1_pd(low);
    const __m512d vhigh = _mm512_set1_pd(high);
    std::size_t count = 0;
    std::size_t under = 0;
    for (std::size_t k = 0; k < length; k += 8) {
        const auto live = length - k >= 8 ? static_cast<__mmask8>(0xFF)
                                          : static_cast<__mmask8>((1u << (length - k)) - 1);
        const __m512d vy = _mm512_maskz_loadu_pd(live, y + k);
        const __m512d vinv = _mm512_maskz_loadu_pd(live, inverse + k);
        const __m512d s = _mm512_mul_pd(_mm512_sub_pd(vy, vyi), vinv);
        const __mmask8 lt = _mm512_mask_cmp_pd_mask(live, s, vlow, _CMP_LT_OQ);
        const __mmask8 in = _mm512_mask_cmp_pd_mask(
            _mm512_mask_cmp_pd_mask(live, s, vlow, _CMP_GE_OQ), s, vhigh, _CMP_LE_OQ);
        under += static_cast<std::size_t>(__builtin_popcount(lt));
        _mm512_storeu_pd(out + count, _mm512_maskz_compress_pd(in, s));
        count += static_cast<std::size_t>(__builtin_popcount(in));
    }
    below += under;
    return count;
}

}  // namespace

bool has_vector_kernel() {
    static const bool supported = __builtin_cpu_supports("avx512f");
    return supported;
}

std::size_t bracket_row_vector(const double* y, const double* inverse, std::size_t length,
                               double yi, double low, double high, double* out,
                               std::size_t& below) {
    return bracket_row_avx512(y, inverse, length, yi, low, high, out, below);
}

#else

bool has_vector_kernel() {
    return false;
}

std::size_t bracket_row_vector(const double* y, const double* inverse, std::size_t length,
                               double yi, double low, double high, double* out,
                               std::size_t& below) {
    return bracket_row_portable(y, inverse, length, yi, low, high, out, below);
}

#endif

std::size_t bracket_row(const double* y, const double* inverse, std::size_t length, double yi,
                        double low, double high, double* out, std::size_t& below) {
    if (has_vector_kernel())
        return bracket_row_vector(y, inverse, length, yi, low, high, out, below);
    return bracket_row_portable(y, inverse, length, yi, low, high, out, below);
}

}  // namespace caws::stats::detail
