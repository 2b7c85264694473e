#pragma once

// The inner loop of Theil-Sen over long series (internal to stats/theil_sen.cpp, declared
// here so that tests can hold the vector kernel to the portable one).

#include <cstddef>

namespace caws::stats::detail {

// One row of pairs: the slopes s_k = (y[k] - yi) * inverse[k], k < length, that lie in
// [low, high] are written to `out` in order (it must have room for length + 8 values),
// those below `low` are added to `below`. Returns how many were written.
std::size_t bracket_row_portable(const double* y, const double* inverse, std::size_t length,
                                 double yi, double low, double high, double* out,
                                 std::size_t& below);

// Whether this processor runs the vector kernel (AVX-512F on x86-64).
bool has_vector_kernel();

// The same as bracket_row_portable with the same IEEE operations on eight pairs at a
// time; only when has_vector_kernel().
std::size_t bracket_row_vector(const double* y, const double* inverse, std::size_t length,
                               double yi, double low, double high, double* out, std::size_t& below);

// The vector kernel when the processor has it, else the portable one.
std::size_t bracket_row(const double* y, const double* inverse, std::size_t length, double yi,
                        double low, double high, double* out, std::size_t& below);

}  // namespace caws::stats::detail
