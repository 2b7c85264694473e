#include "support/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace caws::test {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment,
                          const std::string& directory) {
    char out_template[] = "/tmp/caws-test-out-XXXXXX";
    char err_template[] = "/tmp/caws-test-err-XXXXXX";
    const int out_fd = ::mkstemp(out_template);
    const int err_fd = ::mkstemp(err_template);
    ProcessResult result;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out_fd, STDOUT_FILENO);
        ::dup2(err_fd, STDERR_FILENO);
        // A test run inside GitHub Actions must not write to the real job summary or print
        // annotations unless the test asks for them.
        ::unsetenv("GITHUB_ACTIONS");
        ::unsetenv("GITHUB_STEP_SUMMARY");
        for (const auto& [key, value] : environment) ::setenv(key.c_str(), value.c_str(), 1);
        if (!directory.empty() && ::chdir(directory.c_str()) != 0) ::_exit(126);
        std::vector<char*> args;
        for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(out_fd);
    ::close(err_fd);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out_template);
    result.err = slurp(err_template);
    ::unlink(out_template);
    ::unlink(err_template);
    return result;
}

}  // namespace caws::test
