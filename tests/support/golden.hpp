#pragma once

#include <string>

namespace caws::test {

// Compares `actual` with the committed file tests/golden/expected/<name>. On a mismatch
// the test fails, the actual text is written to <name>.got in the current directory and a
// diff is printed. With CAWS_GATE_UPDATE_GOLDEN=1 the expected file is rewritten instead.
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace caws::test
