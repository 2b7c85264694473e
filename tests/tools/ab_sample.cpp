// A small Google Benchmark program for evaluating `caws-gate ab`: twelve short benchmarks
// of different kinds, built twice from this file.
//
//   ab_sample_base  every benchmark at its normal size
//   ab_sample_head  BM_Fnv1aHash does exactly 1.3x the work (13000 bytes instead of
//                   10000) and BM_Crc32 exactly 2.2x (4505 bytes instead of 2048); all
//                   other benchmarks are identical
//
// BM_Crc32 stands for a change that is at least 2x slower, the default severe threshold.
// At exactly 2x the work it measures 1.99-2.01x, on the threshold itself, where any
// unbiased estimate calls it severe about half the time; 2.2x puts it clearly beyond.
//
// The work of the two changed benchmarks is a serial chain over a buffer that stays in
// the L1 cache, so their time is proportional to the size. Each benchmark runs for about
// 20 ms (MinTime), so one repetition of all of them takes about a second.
//
// Compile definitions (percent of the base size, default 100):
//   AB_SAMPLE_HASH_PERCENT  BM_Fnv1aHash
//   AB_SAMPLE_CRC_PERCENT   BM_Crc32
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#ifndef AB_SAMPLE_HASH_PERCENT
#define AB_SAMPLE_HASH_PERCENT 100
#endif
#ifndef AB_SAMPLE_CRC_PERCENT
#define AB_SAMPLE_CRC_PERCENT 100
#endif

namespace {

constexpr double k_min_time = 0.02;  // seconds per benchmark
constexpr std::size_t k_hash_bytes = 10000 * AB_SAMPLE_HASH_PERCENT / 100;
constexpr std::size_t k_crc_bytes = 2048 * AB_SAMPLE_CRC_PERCENT / 100;

// Deterministic filler data: the same bytes in both builds.
std::vector<std::uint8_t> bytes(std::size_t count, std::uint32_t seed) {
    std::vector<std::uint8_t> out(count);
    std::uint32_t x = seed;
    for (auto& byte : out) {
        x = x * 1664525u + 1013904223u;
        byte = static_cast<std::uint8_t>(x >> 24);
    }
    return out;
}

std::vector<std::uint32_t> words(std::size_t count, std::uint32_t seed) {
    std::vector<std::uint32_t> out(count);
    std::uint32_t x = seed;
    for (auto& word : out) {
        x = x * 1664525u + 1013904223u;
        word = x;
    }
    return out;
}

void BM_Fnv1aHash(benchmark::State& state) {
    const std::vector<std::uint8_t> data = bytes(k_hash_bytes, 1);
    for (auto _ : state) {
        std::uint64_t hash = 14695981039346656037ull;
        for (const std::uint8_t byte : data) {
            hash = (hash ^ byte) * 1099511628211ull;
        }
        benchmark::DoNotOptimize(hash);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_Fnv1aHash)->MinTime(k_min_time);

void BM_Crc32(benchmark::State& state) {
    const std::vector<std::uint8_t> data = bytes(k_crc_bytes, 2);
    for (auto _ : state) {
        std::uint32_t crc = 0xffffffffu;
        for (const std::uint8_t byte : data) {
            crc ^= byte;
            for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
        benchmark::DoNotOptimize(crc);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_Crc32)->MinTime(k_min_time);

void BM_SortInts(benchmark::State& state) {
    const std::vector<std::uint32_t> input = words(2000, 3);
    std::vector<std::uint32_t> work;
    for (auto _ : state) {
        work = input;
        std::sort(work.begin(), work.end());
        benchmark::DoNotOptimize(work.data());
    }
}
BENCHMARK(BM_SortInts)->MinTime(k_min_time);

void BM_StableSortStrings(benchmark::State& state) {
    std::vector<std::string> input;
    for (const std::uint32_t word : words(500, 4)) input.push_back("key-" + std::to_string(word));
    std::vector<std::string> work;
    for (auto _ : state) {
        work = input;
        std::stable_sort(work.begin(), work.end());
        benchmark::DoNotOptimize(work.data());
    }
}
BENCHMARK(BM_StableSortStrings)->MinTime(k_min_time);

void BM_StringBuild(benchmark::State& state) {
    for (auto _ : state) {
        std::string text;
        for (int i = 0; i < 200; ++i) {
            text += "item ";
            text += std::to_string(i);
            text += ", ";
        }
        benchmark::DoNotOptimize(text.data());
    }
}
BENCHMARK(BM_StringBuild)->MinTime(k_min_time);

void BM_StringFind(benchmark::State& state) {
    std::string haystack(8000, 'a');
    haystack += "needle";
    for (auto _ : state) {
        benchmark::DoNotOptimize(haystack.find("needle"));
    }
}
BENCHMARK(BM_StringFind)->MinTime(k_min_time);

void BM_MemCopy(benchmark::State& state) {
    const std::vector<std::uint8_t> source = bytes(64 * 1024, 5);
    std::vector<std::uint8_t> target(source.size());
    for (auto _ : state) {
        std::memcpy(target.data(), source.data(), source.size());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(source.size()));
}
BENCHMARK(BM_MemCopy)->MinTime(k_min_time);

// Looks up every key of a map of 1000 keys once per iteration.
template <typename Map>
void lookups(benchmark::State& state, std::uint32_t seed) {
    Map map;
    const std::vector<std::uint32_t> keys = words(1000, seed);
    for (const std::uint32_t key : keys) map[key] = key / 3;
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (const std::uint32_t key : keys) sum += map.find(key)->second;
        benchmark::DoNotOptimize(sum);
    }
}

void BM_MapLookup(benchmark::State& state) {
    lookups<std::map<std::uint32_t, std::uint32_t>>(state, 6);
}
BENCHMARK(BM_MapLookup)->MinTime(k_min_time);

void BM_HashMapLookup(benchmark::State& state) {
    lookups<std::unordered_map<std::uint32_t, std::uint32_t>>(state, 7);
}
BENCHMARK(BM_HashMapLookup)->MinTime(k_min_time);

void BM_BinarySearch(benchmark::State& state) {
    std::vector<std::uint32_t> sorted = words(4096, 8);
    std::sort(sorted.begin(), sorted.end());
    const std::vector<std::uint32_t> probes = words(256, 9);
    for (auto _ : state) {
        std::size_t found = 0;
        for (const std::uint32_t probe : probes) {
            found += static_cast<std::size_t>(
                std::lower_bound(sorted.begin(), sorted.end(), probe) - sorted.begin());
        }
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_BinarySearch)->MinTime(k_min_time);

void BM_VectorSum(benchmark::State& state) {
    std::vector<double> values(4096);
    std::iota(values.begin(), values.end(), 0.5);
    for (auto _ : state) {
        benchmark::DoNotOptimize(std::accumulate(values.begin(), values.end(), 0.0));
    }
}
BENCHMARK(BM_VectorSum)->MinTime(k_min_time);

void BM_MatrixMultiply(benchmark::State& state) {
    constexpr std::size_t n = 24;
    std::vector<double> a(n * n, 1.25), b(n * n, 0.75), c(n * n);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                double sum = 0;
                for (std::size_t k = 0; k < n; ++k) sum += a[i * n + k] * b[k * n + j];
                c[i * n + j] = sum;
            }
        }
        benchmark::DoNotOptimize(c.data());
    }
}
BENCHMARK(BM_MatrixMultiply)->MinTime(k_min_time);

}  // namespace

BENCHMARK_MAIN();
