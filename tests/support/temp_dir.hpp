#pragma once

#include <string>

namespace caws::test {

// A fresh directory under /tmp, removed with its contents when the object goes away.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }
    // path() + "/" + name
    std::string file(const std::string& name) const;
    // Writes `content` to file(name) and returns its path.
    std::string write(const std::string& name, const std::string& content) const;

  private:
    std::string path_;
};

// The whole content of a file ("" when it does not exist).
std::string read_text(const std::string& path);

}  // namespace caws::test
