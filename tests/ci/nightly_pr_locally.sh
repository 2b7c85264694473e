#!/usr/bin/env bash
# Runs scripts/nightly-baseline-pr.sh in a clone of a local repository, with a fake `gh`
# (tests/ci/fake-gh/gh): unchanged baselines push nothing; changed ones (a new history
# file too) are committed to caws-gate/nightly-baseline and open a pull request whose
# body is the trend report; a second change force-pushes the branch and edits the same
# pull request instead of opening another.
#   bash tests/ci/nightly_pr_locally.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
script=$(cd "$here/../.." && pwd -P)/scripts/nightly-baseline-pr.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"
use_fake_github "$tmp" test
unset GITHUB_ACTIONS

git init --quiet --bare "$tmp/remote.git"
git clone --quiet "$tmp/remote.git" "$tmp/work" 2>/dev/null
cd "$tmp/work"
mkdir baselines
echo '{"v": 1}' >baselines/perf.json
git add baselines && git commit --quiet -m "baseline" && git push --quiet origin HEAD:main
echo "## trend 1" >"$tmp/trend.md"

# 1. Nothing changed: nothing pushed, no pull request.
bash "$script" "$tmp/trend.md" baselines >"$tmp/out1"
grep -qF "did not change" "$tmp/out1" || fail "unchanged: $(cat "$tmp/out1")"
expect_eq "unchanged: branches" "$(git ls-remote --heads origin | wc -l)" 1
expect_eq "unchanged: gh calls" "$(cat "$tmp/gh/calls.log" 2>/dev/null)" ""

# 2. A changed baseline and a new history file: one commit on the branch, a new PR.
echo '{"v": 2}' >baselines/perf.json
mkdir baselines/history && echo '{"run": 1}' >baselines/history/perf.jsonl
RUN_URL=https://github.com/acme/widgets/actions/runs/9 bash "$script" "$tmp/trend.md" baselines \
  >/dev/null
git fetch --quiet origin
expect_eq "changed: files on the branch" \
  "$(git ls-tree -r --name-only origin/caws-gate/nightly-baseline)" \
  "$(printf 'baselines/history/perf.jsonl\nbaselines/perf.json')"
expect_eq "changed: pushed content" "$(git show origin/caws-gate/nightly-baseline:baselines/perf.json)" '{"v": 2}'
expect_eq "changed: base untouched" "$(git show origin/main:baselines/perf.json)" '{"v": 1}'
expect_eq "changed: pull requests" "$(jq length "$tmp/gh/prs.json")" 1
expect_eq "changed: head and base" "$(jq -r '.[0].head + " " + .[0].base' "$tmp/gh/prs.json")" \
  "caws-gate/nightly-baseline main"
jq -r '.[0].body' "$tmp/gh/prs.json" >"$tmp/body1"
grep -qF "## trend 1" "$tmp/body1" || fail "changed: the body has no trend report"
grep -qF "actions/runs/9" "$tmp/body1" || fail "changed: the body does not link the run"

# 3. Another change the next night: the branch is replaced, the same PR edited.
: >"$tmp/gh/calls.log"
echo "## trend 2" >"$tmp/trend.md"
echo '{"v": 3}' >baselines/perf.json
bash "$script" "$tmp/trend.md" >/dev/null
git fetch --quiet origin
expect_eq "again: pushed content" "$(git show origin/caws-gate/nightly-baseline:baselines/perf.json)" '{"v": 3}'
expect_eq "again: pull requests" "$(jq length "$tmp/gh/prs.json")" 1
jq -r '.[0].body' "$tmp/gh/prs.json" >"$tmp/body2"
grep -qF "## trend 2" "$tmp/body2" || fail "again: the body was not replaced"
expect_eq "again: gh calls" "$(cat "$tmp/gh/calls.log")" \
  "pr list --head caws-gate/nightly-baseline --base main --state open --json number --jq .[0].number // empty
pr edit 1 --body-file FILE"

finish_checks nightly_pr_locally
