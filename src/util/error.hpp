#pragma once

#include <stdexcept>
#include <string>

namespace caws::util {

// The one exception type for problems a user can fix: bad input files, bad configuration,
// bad command lines. It says where (a file, and inside it a JSON pointer or line:column)
// and what was expected. The CLI prints it as
//   caws-gate: error: perf.json: /benchmarks/3/real_time: expected a number, got "fast"
// and exits with code 2. Anything else that escapes is a bug (exit code 3).
class Error : public std::runtime_error {
  public:
    // `file` may be empty (command-line errors); `where` may be empty (whole-file errors).
    Error(std::string file, std::string where, std::string what);
    explicit Error(std::string what) : Error({}, {}, std::move(what)) {}

    const std::string& file() const noexcept { return file_; }
    const std::string& where() const noexcept { return where_; }
    const std::string& what_expected() const noexcept { return what_; }

  private:
    std::string file_;
    std::string where_;
    std::string what_;
};

}  // namespace caws::util
