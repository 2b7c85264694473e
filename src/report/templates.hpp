#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace caws::report {

// The template compiled into the binary under this name ("markdown"), from
// templates/<name>.mustache; generated at build time.
std::optional<std::string_view> embedded_template(std::string_view name);

// The templates a rendering uses: the built-in ones, each replaceable by a user's
// (--templates DIR).
class TemplateSet {
  public:
    // Uses `text` instead of the built-in template `name`.
    void override_template(const std::string& name, std::string text);
    // The template to use for `name`. Throws util::Error when there is none.
    std::string_view get(std::string_view name) const;
    // Where a template came from, for error messages: "templates/markdown.mustache" or
    // "built-in markdown template".
    std::string origin(std::string_view name) const;
    void set_origin(const std::string& name, std::string origin);

  private:
    std::map<std::string, std::string, std::less<>> overrides_;
    std::map<std::string, std::string, std::less<>> origins_;
};

}  // namespace caws::report
