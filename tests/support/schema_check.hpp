#pragma once

#include <string>
#include <vector>

namespace caws::test {

// True when python3-jsonschema can be imported by /usr/bin/python3.
bool has_python_jsonschema();

// Checks with tests/tools/check_metrics_schema.py (python3-jsonschema) that every file of
// `valid` matches the JSON Schema `schema` and no file of `invalid` does: non-fatal
// GoogleTest failures name what did not. All paths are absolute.
void expect_schema_sorts(const std::string& script, const std::string& schema,
                         const std::vector<std::string>& valid,
                         const std::vector<std::string>& invalid);

}  // namespace caws::test
