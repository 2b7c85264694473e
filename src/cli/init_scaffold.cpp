#include "cli/init_scaffold.hpp"

#include <array>
#include <cctype>

namespace caws::cli {
namespace {

constexpr std::array<BenchmarkToolInfo, 4> k_tools{{
    {BenchmarkTool::google_benchmark, "google-benchmark", "cpu_time", "perf.json"},
    {BenchmarkTool::pytest_benchmark, "pytest-benchmark", "time", "perf.json"},
    {BenchmarkTool::hyperfine, "hyperfine", "time", "perf.json"},
    {BenchmarkTool::go, "go", "sec/op", "perf.txt"},
}};

const char* const k_gate_template = R"({
  "schema": "caws-gate/gate@1",
  "defaults": {
    "statistic": "median",
    "measures": ["@MEASURE@"],
    "thresholds": {"minor": 1.2, "moderate": 1.5, "severe": 2.0},
    "alpha": 0.05
  }
}
)";

const char* const k_baselines_readme = R"(# Baselines

This directory holds the performance baselines that `caws-gate check` compares every
pull request with: one file per suite, `SUITE.json` (the samples of every benchmark,
with the machine and the commit they were measured on). Commit them: a change of
baseline is a reviewed change like any other.

`.github/workflows/perf-baseline.yml` keeps the baseline of suite `perf`: run it by hand
once (Actions > perf baseline > Run workflow) and merge the pull request it opens. Its
ten runs, made in separate jobs, seed `perf.json` (the newest five pooled) and the
history `history/perf.jsonl`, one line per run; after that it adds one run every night.
The history is what tells `caws-gate check` how much runs of unchanged code vary on the
runner (5 runs for an interval, 10 for a range), so that a slow run is not called a
regression, and what `caws-gate trend` reads.

A baseline of one run, without a history, also works, from a results file written by the
benchmark step of `.github/workflows/perf.yml` (download the `perf-results` artifact of
a run):

```sh
caws-gate baseline update @RESULTS@ --suite perf --dir baselines
git add baselines/perf.json
```

but then every verdict rests on one run of each side, and a shared runner's slow run
can fail a pull request that changed nothing.

The gate (thresholds, the measure to gate, budgets, waivers) is `gates/default.json`.
)";

// An update removes its lock file when done; one that was killed leaves it behind.
const char* const k_baselines_gitignore =
    "# The lock of a `caws-gate baseline update` that was killed while it ran (an update\n"
    "# removes its own): empty, and never to be committed.\n"
    "*.lock\n";

// The steps of the `benchmark` job that write the results file, indented for the job.
std::string benchmark_steps(BenchmarkTool tool) {
    switch (tool) {
        case BenchmarkTool::google_benchmark:
            return R"yaml(      - name: Build the benchmarks
        run: |
          cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
          cmake --build build --parallel "$(nproc)"
      - name: Run the benchmarks
        # Ten repetitions, interleaved with the other benchmarks': a slow spell of the
        # runner then spreads over every benchmark instead of shifting one benchmark's sample.
@PROGRAM_COMMENT@        run: >-
          @PROGRAM@ --benchmark_repetitions=10
          --benchmark_enable_random_interleaving=true
          --benchmark_out=perf.json --benchmark_out_format=json
)yaml";
        case BenchmarkTool::pytest_benchmark:
            return R"(      - uses: actions/setup-python@v5
        with:
          python-version: "3.x"
      - name: Install pytest-benchmark
        run: |
          python -m pip install pytest pytest-benchmark
          if [ -f requirements.txt ]; then python -m pip install -r requirements.txt; fi
      - name: Run the benchmarks
        # pytest-benchmark runs each benchmark's rounds back to back and cannot interleave
        # them; see "Repetitions, interleaved" in caws-gate's docs/ci.md.
        run: python -m pytest --benchmark-only --benchmark-json=perf.json
)";
        case BenchmarkTool::hyperfine:
            return R"(      - name: Install hyperfine
        run: sudo apt-get update -qq && sudo apt-get install -y -qq hyperfine
      - name: Run the benchmarks
        # Replace './my-program --my-input' with the commands to time (one per argument).
        # hyperfine runs one command's runs back to back and cannot interleave them; see
        # "Repetitions, interleaved" in caws-gate's docs/ci.md.
        run: hyperfine --warmup 3 --runs 10 --export-json perf.json './my-program --my-input'
)";
        case BenchmarkTool::go:
            return R"(      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Run the benchmarks
        shell: bash  # -e and pipefail: a failing benchmark fails the step
        # Ten passes of -count 1, not -count 10, which runs one benchmark's ten runs back to
        # back: each pass runs every benchmark once, so a slow spell of the runner spreads
        # over every benchmark. The lines of one benchmark are its samples.
        run: for _ in $(seq 10); do go test -run '^$' -bench . -count 1 -benchmem ./...; done | tee perf.txt
)";
    }
    return {};
}

// Every occurrence of `key` in `text` replaced by `value`.
std::string substitute(std::string text, std::string_view key, std::string_view value) {
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
    }
    return text;
}

const char* const k_workflow_template =
    R"(# The performance gate, written by `caws-gate init`: on every pull request the
# benchmarks run, caws-gate compares them with the baseline committed in baselines/
# (gates/default.json sets the thresholds), posts the report as a comment and fails the
# check when they got slower.
name: perf

on:
  pull_request:
  workflow_dispatch:

# Read-only for every job; only the gate job, which runs no code of the pull request,
# may write its comment.
permissions:
  contents: read

jobs:
  benchmark:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
@SUBMODULES@@BENCHMARK_STEPS@      - uses: actions/upload-artifact@v4
        with:
          name: perf-results
          path: @RESULTS@

  gate:
    needs: benchmark
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write  # for the report comment
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          name: perf-results
      # Pin caws-gate to a release tag (its released binary is downloaded and checked
      # against the checksum committed in the action) or a commit SHA (built from source,
      # which needs `container: debian:12` on this job).
      - uses: @ACTION@
        with:
          results: @RESULTS@
          suite: perf
          baseline-dir: baselines
)";

// The nightly job that keeps the baseline and its history: run by hand once, ten runs in
// separate jobs seed a new suite (check learns the runner's between-run noise from the
// history: 5 runs for its interval, 10 for its range); then one run every night.
const char* const k_baseline_workflow_template =
    R"(# The performance baseline, written by `caws-gate init`. Run it by hand once
# (Actions > perf baseline > Run workflow): ten runs of the benchmarks in separate jobs
# seed baselines/perf.json and its history, which tells caws-gate check how much this
# runner's runs vary, so that a slow run of unchanged code is not called a regression.
# Then every night it measures the default branch once and takes the run into the
# baseline (the newest five runs pooled) and its history. Each time it proposes the new
# files in a pull request, with the trend report as its body. (A pull request opened
# with GITHUB_TOKEN starts no workflows: close and reopen it to run them.)
name: perf baseline

on:
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: perf-baseline

jobs:
  benchmark:
    strategy:
      matrix:
        # Ten runs when run by hand, one every night.
        run: ${{ github.event_name == 'workflow_dispatch' && fromJSON('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]') || fromJSON('[1]') }}
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
@SUBMODULES@@BENCHMARK_STEPS@      - uses: actions/upload-artifact@v4
        with:
          name: perf-run-${{ matrix.run }}
          path: @RESULTS@

  baseline:
    needs: benchmark
    runs-on: ubuntu-latest
    # To open the pull request, the repository's settings must also allow it: Actions >
    # General > "Allow GitHub Actions to create and approve pull requests".
    permissions:
      contents: write       # push the branch caws-gate/perf-baseline
      pull-requests: write  # open or update its pull request
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          pattern: perf-run-*
          path: runs
      # Only makes caws-gate ready; pin it as in perf.yml (a commit SHA builds it from
      # source, which needs `container: debian:12` on this job).
      - uses: @ACTION@
        id: caws-gate
        with:
          install-only: "true"
      - name: Update the baseline and its history
        env:
          CAWS_GATE: ${{ steps.caws-gate.outputs.binary }}
          EVENT: ${{ github.event_name }}
        # The runs made by hand seed the suite and are taken as they are: without a
        # history, the guard cannot tell the runner's noise from a regression. A night's
        # run that regressed against the baseline is refused (exit 1): the job fails and
        # the baseline stays as it was.
        run: |
          accept=()
          if [ "$EVENT" = workflow_dispatch ]; then accept=(--accept-regressions); fi
          for results in runs/*/@RESULTS@; do
            "$CAWS_GATE" baseline update "$results" --suite perf --dir baselines \
              --policy rolling:5 "${accept[@]}"
          done
      - name: Trend report
        env:
          CAWS_GATE: ${{ steps.caws-gate.outputs.binary }}
        # Exit 1 (a change point or a drift failed the trend gate) goes into the pull
        # request, where reviewers see it; exit 2 (a bad history) stops the job.
        run: |
          "$CAWS_GATE" trend baselines/history/perf.jsonl --quiet --md trend.md || [ $? -eq 1 ]
          cat trend.md >>"$GITHUB_STEP_SUMMARY"
      - name: Open or update the pull request
        env:
          GH_TOKEN: ${{ github.token }}
          BASE: ${{ github.ref_name }}
          RUN_URL: ${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}
        run: |
          branch=caws-gate/perf-baseline
          git add --all baselines
          if git diff --cached --quiet; then echo "The baseline did not change."; exit 0; fi
          git -c user.name="github-actions[bot]" \
            -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
            commit --quiet -m "Refresh the performance baseline" -m "Measured by $RUN_URL"
          git push --force --quiet origin "HEAD:refs/heads/$branch"
          { echo "Measured by $RUN_URL"; echo; head -c 60000 trend.md; } >body.md
          number=$(gh pr list --head "$branch" --base "$BASE" --state open --json number --jq '.[0].number // empty')
          if [ -n "$number" ]; then
            gh pr edit "$number" --body-file body.md
          else
            gh pr create --head "$branch" --base "$BASE" --title "Refresh the performance baseline" --body-file body.md
          fi
)";

// What differs between the tools in the `ab` workflow.
struct AbJob {
    std::string_view packages;  // packages the job installs with apt-get, "" for none
    // The steps between the base's checkout and caws-gate: set up the tool, build both
    // trees. Indented for the job.
    std::string_view build_steps;
    std::string_view commands_comment;  // said above the commands, "" for nothing
    std::string_view base_command;      // run in the head's checkout; the base is ../base
    std::string_view head_command;
};

// Builds run before the first round: a build beside the rounds would load the machine
// unevenly. Every tree is built by the same commands. --parallel gets the number of CPUs:
// alone, it lets make start every job at once.
AbJob ab_job(BenchmarkTool tool) {
    switch (tool) {
        case BenchmarkTool::google_benchmark:
            return {"g++ make cmake libbenchmark-dev",
                    R"yaml(      - name: Build the base and the head
        run: |
          for tree in ../base .; do
            cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=Release
            cmake --build "$tree/build" --parallel "$(nproc)"
          done
)yaml",
                    "", "../base/@PROGRAM@", "@PROGRAM@"};
        case BenchmarkTool::pytest_benchmark:
            return {"python3 python3-venv", R"(      - name: Install pytest-benchmark
        # One environment for both trees, with the head's requirements, first in PATH.
        run: |
          python3 -m venv ../venv
          ../venv/bin/python -m pip install -q pytest pytest-benchmark
          if [ -f requirements.txt ]; then ../venv/bin/python -m pip install -q -r requirements.txt; fi
          (cd ../venv/bin && pwd) >>"$GITHUB_PATH"
)",
                    "# python -m puts each tree's own code first on the import path.\n",
                    "cd ../base && python -m pytest --benchmark-only --benchmark-json {out}",
                    "python -m pytest --benchmark-only --benchmark-json {out}"};
        case BenchmarkTool::hyperfine:
            return {"hyperfine make", R"(      - name: Build the base and the head
        # Replace make with what builds ./my-program.
        run: |
          for tree in ../base .; do
            make -C "$tree"
          done
)",
                    "# Replace './my-program --my-input' with the command to time; -n gives both\n"
                    "# sides the same benchmark name.\n",
                    "cd ../base && hyperfine -N -n my-program --warmup 1 --runs 5 --export-json "
                    "{out} './my-program --my-input'",
                    "hyperfine -N -n my-program --warmup 1 --runs 5 --export-json {out} "
                    "'./my-program --my-input'"};
        case BenchmarkTool::go:
            return {"", R"(      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - name: Build the base and the head
        # Compiles the tests of both trees, so that the rounds do not.
        run: |
          for tree in ../base .; do
            (cd "$tree" && go test -run '^$' ./...)
          done
)",
                    "# Each round runs every benchmark once; the rounds are the repetitions.\n",
                    "cd ../base && go test -run '^$' -bench . -count 1 -benchmem ./...",
                    "go test -run '^$' -bench . -count 1 -benchmem ./..."};
    }
    return {};
}

const char* const k_ab_workflow_template =
    R"(# The performance gate, written by `caws-gate init --ab`: on every pull request one job
# builds the pull request (the head) and its merge base with the target branch (the base)
# side by side, and `caws-gate ab` runs their benchmarks alternately, round after round,
# and compares the rounds pair by pair (gates/default.json sets the thresholds). Both run
# on the same machine minutes apart, so no baseline is kept. The report goes to the job
# summary and a pull-request comment, and the check fails when the head got slower.
name: perf

on:
  pull_request:

permissions:
  contents: read
  pull-requests: write  # for the report comment

# A new push cancels the run for the one before; caws-gate ab stops the command it runs.
concurrency:
  group: perf-${{ github.ref }}
  cancel-in-progress: true

jobs:
  ab:
    runs-on: ubuntu-latest
    steps:
@INSTALL_STEP@      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the whole history, for the merge base
@AB_SUBMODULES@      - name: Check out the base
        env:
          BASE_REF: ${{ github.base_ref }}
        run: |
          base=$(git merge-base "origin/$BASE_REF" HEAD)
          git worktree add --detach ../base "$base"
@BASE_SUBMODULES@@BUILD_STEPS@      # Pin caws-gate to a release tag (its released binary is downloaded and checked
      # against the checksum committed in the action) or a commit SHA (built from source,
      # which needs `container: debian:12` on this job, and apt-get without sudo).
      - uses: @ACTION@
        with:
@PROGRAM_COMMENT@@COMMANDS_COMMENT@          base-command: @BASE_COMMAND@
          head-command: @HEAD_COMMAND@
          # Enough for up to 25 gated metrics; caws-gate ab says when more are needed.
          rounds: 10
)";

// Each line of `text` indented by `spaces`.
std::string indent(std::string_view text, std::size_t spaces) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
        out += std::string(spaces, ' ');
        out += text.substr(start, stop - start);
        start = stop;
    }
    return out;
}

// The comment that asks to replace k_program_placeholder.
std::string program_comment(bool ab) {
    return std::string("# Replace ") + std::string(k_program_placeholder) +
           " with your Google Benchmark executable" + (ab ? ", in both commands.\n" : ".\n");
}

// The repository's git submodules (.gitmodules), checked out with it so that the build
// finds their code; nothing without submodules.
std::string with_submodules(std::string workflow, bool submodules) {
    workflow = substitute(std::move(workflow), "@SUBMODULES@",
                          submodules ? "        with:\n          submodules: recursive\n" : "");
    workflow = substitute(std::move(workflow), "@AB_SUBMODULES@",
                          submodules ? "          submodules: recursive\n" : "");
    return substitute(
        std::move(workflow), "@BASE_SUBMODULES@",
        submodules ? "          git -C ../base submodule update --init --recursive\n" : "");
}

// The step that installs `packages` on the runner (Ubuntu); nothing without packages.
std::string install_step(std::string_view packages) {
    if (packages.empty()) return {};
    return std::string(R"(      - name: Install the build tools
        # Add the packages your build needs.
        run: >-
          sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends
          )") +
           std::string(packages) + "\n";
}

std::string ab_workflow(const ScaffoldRequest& request) {
    const AbJob job = ab_job(request.tool);
    std::string workflow =
        substitute(k_ab_workflow_template, "@INSTALL_STEP@", install_step(job.packages));
    workflow = substitute(std::move(workflow), "@BUILD_STEPS@", job.build_steps);
    workflow =
        substitute(std::move(workflow), "@COMMANDS_COMMENT@", indent(job.commands_comment, 10));
    workflow = substitute(std::move(workflow), "@BASE_COMMAND@", job.base_command);
    return substitute(std::move(workflow), "@HEAD_COMMAND@", job.head_command);
}

// A workflow with the benchmark steps, the program, the results file, the action and the
// submodules of `request` in place of its placeholders.
std::string filled_in(std::string workflow, const ScaffoldRequest& request) {
    workflow = substitute(std::move(workflow), "@BENCHMARK_STEPS@", benchmark_steps(request.tool));
    const bool found = !request.program.empty();
    const bool replace = request.tool == BenchmarkTool::google_benchmark && !found;
    workflow = substitute(std::move(workflow), "@PROGRAM_COMMENT@",
                          replace ? indent(program_comment(request.ab), request.ab ? 10 : 8) : "");
    workflow = substitute(std::move(workflow), "@PROGRAM@",
                          found ? std::string_view(request.program) : k_program_placeholder);
    workflow =
        substitute(std::move(workflow), "@RESULTS@", benchmark_tool(request.tool).results_file);
    workflow = substitute(std::move(workflow), "@ACTION@", request.action);
    return with_submodules(std::move(workflow), request.submodules);
}

}  // namespace

std::span<const BenchmarkToolInfo> benchmark_tools() {
    return k_tools;
}

const BenchmarkToolInfo& benchmark_tool(BenchmarkTool tool) {
    for (const BenchmarkToolInfo& info : k_tools) {
        if (info.tool == tool) return info;
    }
    return k_tools.front();  // unreachable: every enumerator has a row
}

const BenchmarkToolInfo* find_benchmark_tool(std::string_view id) {
    for (const BenchmarkToolInfo& info : k_tools) {
        if (info.id == id) return &info;
    }
    return nullptr;
}

bool is_action_reference(std::string_view reference) {
    if (reference.empty()) return false;
    for (const char c : reference) {
        const bool allowed = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' ||
                             c == '_' || c == '-' || c == '/' || c == '@';
        if (!allowed) return false;
    }
    if (reference.starts_with("./")) {
        return reference.size() > 2 && reference.find('@') == std::string_view::npos;
    }
    const std::size_t at = reference.find('@');
    if (at == std::string_view::npos || reference.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view path = reference.substr(0, at);
    const std::size_t slash = path.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < path.size() &&
           path.back() != '/' && at + 1 < reference.size();
}

std::vector<ScaffoldFile> scaffold_files(const ScaffoldRequest& request) {
    const BenchmarkToolInfo& info = benchmark_tool(request.tool);
    std::vector<ScaffoldFile> files{
        {"gates/default.json", substitute(k_gate_template, "@MEASURE@", info.measure)}};
    if (!request.ab) {
        files.push_back({"baselines/README.md",
                         substitute(k_baselines_readme, "@RESULTS@", info.results_file)});
        files.push_back({"baselines/.gitignore", k_baselines_gitignore});
    }
    files.push_back({".github/workflows/perf.yml",
                     filled_in(request.ab ? ab_workflow(request) : k_workflow_template, request)});
    if (!request.ab) {
        files.push_back({".github/workflows/perf-baseline.yml",
                         filled_in(k_baseline_workflow_template, request)});
    }
    return files;
}

}  // namespace caws::cli
