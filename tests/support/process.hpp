#pragma once

#include <map>
#include <string>
#include <vector>

namespace caws::test {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `argv` (no shell) with extra environment variables, in `directory` when not
// empty, and collects its exit code and output.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment = {},
                          const std::string& directory = {});

}  // namespace caws::test
