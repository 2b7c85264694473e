#include "ingest/name_index.hpp"

#include <functional>
#include <stdexcept>

namespace caws::ingest {
namespace {

constexpr std::size_t k_min_capacity = 64;

// The smallest power of two holding `count` names at most two thirds full.
std::size_t capacity_for(std::size_t count) {
    std::size_t capacity = k_min_capacity;
    while (2 * capacity < 3 * count) capacity *= 2;
    return capacity;
}

std::uint64_t hash_of(std::string_view name) {
    return std::hash<std::string_view>{}(name);
}

}  // namespace

void NameIndex::reserve(std::size_t count) {
    entries_.reserve(count);
    const std::size_t capacity = capacity_for(count);
    if (capacity > slots_.size()) grow(capacity);
}

std::optional<std::size_t> NameIndex::insert(std::string_view name, std::size_t value) {
    if (2 * slots_.size() < 3 * (entries_.size() + 1)) grow(capacity_for(entries_.size() + 1));
    const std::uint64_t hash = hash_of(name);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.entry == 0) {
            if (entries_.size() >= UINT32_MAX) throw std::length_error("too many names");
            entries_.push_back({name, value});
            slot = Slot{tag, static_cast<std::uint32_t>(entries_.size())};
            return std::nullopt;
        }
        if (slot.hash == tag) {
            const Entry& entry = entries_[slot.entry - 1];
            if (entry.name == name) return entry.value;
        }
    }
}

void NameIndex::grow(std::size_t capacity) {
    slots_.assign(capacity, Slot{});
    const std::size_t mask = capacity - 1;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        const std::uint64_t hash = hash_of(entries_[e].name);
        std::size_t i = hash & mask;
        while (slots_[i].entry != 0) i = (i + 1) & mask;
        slots_[i] = Slot{static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(e + 1)};
    }
}

}  // namespace caws::ingest
