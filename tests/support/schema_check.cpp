#include "support/schema_check.hpp"

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace caws::test {

bool has_python_jsonschema() {
    return run_process({"/usr/bin/python3", "-c", "import jsonschema"}).exit_code == 0;
}

void expect_schema_sorts(const std::string& script, const std::string& schema,
                         const std::vector<std::string>& valid,
                         const std::vector<std::string>& invalid) {
    std::vector<std::string> check{"/usr/bin/python3", script, schema, "--valid"};
    check.insert(check.end(), valid.begin(), valid.end());
    check.push_back("--invalid");
    check.insert(check.end(), invalid.begin(), invalid.end());
    const ProcessResult result = run_process(check);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_NE(result.out.find(std::to_string(valid.size()) + " valid and " +
                              std::to_string(invalid.size()) + " invalid file(s) checked"),
              std::string::npos)
        << result.out;
}

}  // namespace caws::test
