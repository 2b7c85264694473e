// A source of CPU noise for evaluating `caws-gate ab`: busy threads in random bursts, ON
// (spinning on arithmetic) for 1-5 s and OFF (sleeping) for 1-6 s by default, with
// lengths drawn from a seed, until killed (SIGTERM) or until --duration has passed.
//
//   noise_process [--threads N] [--seed N] [--duration SECONDS]
//                 [--on MIN:MAX] [--off MIN:MAX] [--verbose]
//
// --verbose prints each burst ("on 3.21 s", "off 1.40 s") to stderr as it begins, so that
// an evaluation can line the bursts up with its rounds. The lengths come from a
// splitmix64 stream, so a seed gives the same bursts on every machine.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Range {
    double min = 0;
    double max = 0;
};

struct Options {
    unsigned threads = 1;
    std::uint64_t seed = 1;
    double duration = -1;  // negative: until killed
    Range on{1, 5};
    Range off{1, 6};
    bool verbose = false;
};

// splitmix64: a tiny generator whose stream is the same everywhere.
class Lengths {
  public:
    explicit Lengths(std::uint64_t seed) : state_(seed) {}
    double draw(Range range) {
        state_ += 0x9e3779b97f4a7c15ull;
        std::uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        const double unit = static_cast<double>(z >> 11) * 0x1.0p-53;  // [0, 1)
        return range.min + (range.max - range.min) * unit;
    }

  private:
    std::uint64_t state_;
};

// The switch the busy threads follow.
class Burst {
  public:
    void set(bool on, bool stop = false) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            on_ = on;
            stop_ = stop;
        }
        changed_.notify_all();
    }

    // Spins while ON, sleeps while OFF, returns when stopped.
    void work() {
        std::uint64_t x = 88172645463325252ull;
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                changed_.wait(lock, [&] { return on_ || stop_; });
                if (stop_) break;
            }
            // A slice of dependent multiply-adds between looks at the switch (~1 ms).
            for (int i = 0; i < 1'000'000; ++i) x = x * 6364136223846793005ull + 1442695040888963407ull;
            sink_.store(x, std::memory_order_relaxed);
        }
    }

  private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool on_ = false;
    bool stop_ = false;
    std::atomic<std::uint64_t> sink_{0};
};

Range parse_range(const std::string& text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) throw std::invalid_argument("expected MIN:MAX, got " + text);
    const Range range{std::stod(text.substr(0, colon)), std::stod(text.substr(colon + 1))};
    if (range.min < 0 || range.max < range.min) {
        throw std::invalid_argument("expected 0 <= MIN <= MAX, got " + text);
    }
    return range;
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--threads") {
            options.threads = static_cast<unsigned>(std::stoul(value()));
        } else if (arg == "--seed") {
            options.seed = std::stoull(value());
        } else if (arg == "--duration") {
            options.duration = std::stod(value());
        } else if (arg == "--on") {
            options.on = parse_range(value());
        } else if (arg == "--off") {
            options.off = parse_range(value());
        } else if (arg == "--verbose") {
            options.verbose = true;
        } else {
            throw std::invalid_argument("unknown option " + arg);
        }
    }
    if (options.threads == 0) throw std::invalid_argument("--threads must be at least 1");
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr,
                     "noise_process: %s\nusage: noise_process [--threads N] [--seed N] "
                     "[--duration SECONDS] [--on MIN:MAX] [--off MIN:MAX] [--verbose]\n",
                     error.what());
        return 2;
    }
    Burst burst;
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < options.threads; ++i) threads.emplace_back([&] { burst.work(); });

    Lengths lengths(options.seed);
    const auto start = Clock::now();
    const auto end = options.duration < 0
                         ? Clock::time_point::max()
                         : start + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(options.duration));
    for (bool on = true; Clock::now() < end; on = !on) {
        const double seconds = lengths.draw(on ? options.on : options.off);
        if (options.verbose) std::fprintf(stderr, "%s %.2f s\n", on ? "on" : "off", seconds);
        burst.set(on);
        const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(seconds));
        std::this_thread::sleep_until(until < end ? until : end);
    }
    burst.set(false, true);
    for (std::thread& thread : threads) thread.join();
    return 0;
}
