#include "util/error.hpp"

namespace caws::util {
namespace {

std::string join_message(const std::string& file, const std::string& where,
                         const std::string& what) {
    std::string message;
    if (!file.empty()) message += file + ": ";
    if (!where.empty()) message += where + ": ";
    message += what;
    return message;
}

}  // namespace

Error::Error(std::string file, std::string where, std::string what)
    : std::runtime_error(join_message(file, where, what)),
      file_(std::move(file)),
      where_(std::move(where)),
      what_(std::move(what)) {}

}  // namespace caws::util
