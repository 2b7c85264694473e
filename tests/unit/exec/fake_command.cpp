#include "fake_command.hpp"

#include <sys/stat.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "exec/command_line.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"

namespace caws::test {
namespace {

constexpr const char* k_script_body = R"(
name=$1; out=$2; action=$3; at=$4
echo "$name" >> "$log"
n=0
while IFS= read -r line; do
  if [ "$line" = "$name" ]; then n=$((n + 1)); fi
done < "$log"
echo "$name run $n starting" >&2
if [ "$n" = "$at" ] || { [ "$action" = sleep ] && [ "$n" -ge "${at:-0}" ]; }; then
  case "$action" in
    fail) echo "boom in run $n" >&2; exit 3 ;;
    garbage) echo "not json" > "$out"; exit 0 ;;
    kill) kill -KILL $$ ;;
    nothing) exit 0 ;;
    sleep) sleep 0.05 ;;
    hang) echo $$ > "$log.pid"; exec sleep 30 ;;
    stubborn) trap '' TERM; echo $$ > "$log.pid"; sleep 30; exit 0 ;;
  esac
fi
if [ "$out" = - ]; then
  printf '{"side": "%s", "run": %d}\n' "$name" "$n"
else
  printf '{"side": "%s", "run": %d}\n' "$name" "$n" > "$out"
fi
)";

}  // namespace

FakeCommand::FakeCommand() {
    log_ = dir_.file("runs.log");
    script_ = dir_.write("fake.sh", "#!/bin/sh\nlog=" + exec::shell_quote(log_) + "\n" +
                                        k_script_body);
    ::chmod(script_.c_str(), 0755);
}

std::string FakeCommand::command(const std::string& name, const std::string& action,
                                 int at) const {
    std::string text = exec::shell_quote(script_) + " " + name + " {out}";
    if (!action.empty()) text += " " + action + " " + std::to_string(at);
    return text;
}

std::vector<std::string> FakeCommand::runs() const {
    std::vector<std::string> names;
    std::istringstream in(read_text(log_));
    for (std::string line; std::getline(in, line);) names.push_back(line);
    return names;
}

FakeResult read_fake(const exec::OutputFile& file) {
    const std::string text = util::read_file(file.path);
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("side") || !parsed.contains("run")) {
        throw util::Error(file.path, "line 1", "expected a fake result");
    }
    return {parsed["side"].get<std::string>(), parsed["run"].get<int>()};
}

}  // namespace caws::test
