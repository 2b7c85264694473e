#pragma once

#include <map>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace caws::test {

// An environment with fixed variables, clock and command outputs.
class FakeEnvironment final : public util::Environment {
  public:
    std::map<std::string, std::string> variables;
    std::map<std::string, std::string> commands;  // "git rev-parse HEAD" -> output
    std::int64_t time = 1'795'392'000;            // 2026-11-23T00:00:00Z
    mutable std::vector<std::string> asked;       // the commands run, in order

    std::optional<std::string> variable(std::string_view name) const override {
        const auto found = variables.find(std::string(name));
        if (found == variables.end()) return std::nullopt;
        return found->second;
    }
    std::int64_t now() const override { return time; }
    std::optional<std::string> command_output(const std::vector<std::string>& argv) const override {
        std::string key;
        for (const auto& arg : argv) key += (key.empty() ? "" : " ") + arg;
        asked.push_back(key);
        const auto found = commands.find(key);
        if (found == commands.end()) return std::nullopt;
        return found->second;
    }
};

}  // namespace caws::test
