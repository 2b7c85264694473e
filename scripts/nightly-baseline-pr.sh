#!/usr/bin/env bash
# Opens, or updates, the one pull request that carries refreshed baselines: commits what
# changed under PATHS (tracked or new files) on the branch caws-gate/nightly-baseline,
# force-pushes it, and creates the pull request or replaces its body. Nothing changed:
# nothing is pushed. Used by .github/workflows/nightly-baseline.yml.
#   bash scripts/nightly-baseline-pr.sh BODY.md [PATHS...]     (default PATHS: baselines)
# Environment: GH_TOKEN (contents: write and pull-requests: write), NIGHTLY_BASE (the
# branch to merge into; default: the current branch), NIGHTLY_BRANCH (default
# caws-gate/nightly-baseline), RUN_URL (optional, linked from the body).
set -euo pipefail
body_file=${1:?usage: nightly-baseline-pr.sh BODY.md [PATHS...]}
shift
paths=("$@")
if [ ${#paths[@]} -eq 0 ]; then paths=(baselines); fi
branch=${NIGHTLY_BRANCH:-caws-gate/nightly-baseline}
base=${NIGHTLY_BASE:-$(git rev-parse --abbrev-ref HEAD)}

# In a container job the checkout belongs to another user than the one running git.
if [ "${GITHUB_ACTIONS:-}" = true ]; then git config --global --add safe.directory "$(pwd -P)"; fi

git add --all -- "${paths[@]}"
if git diff --cached --quiet; then
  echo "nightly-baseline: the baselines did not change; no pull request"
  exit 0
fi
git -c user.name="github-actions[bot]" \
  -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit --quiet -m "Refresh the performance baselines" -m "Measured by the nightly baseline job${RUN_URL:+: $RUN_URL}."
git push --force --quiet origin "HEAD:refs/heads/$branch"

body=$(mktemp)
trap 'rm -f "$body"' EXIT
{
  echo "The nightly job measured the benchmarks again and refreshed the baselines."
  if [ -n "${RUN_URL:-}" ]; then echo "Run: $RUN_URL"; fi
  echo
  if [ -f "$body_file" ]; then head -c 60000 "$body_file"; fi
} >"$body"

number=$(gh pr list --head "$branch" --base "$base" --state open --json number --jq '.[0].number // empty')
if [ -n "$number" ]; then
  gh pr edit "$number" --body-file "$body" >/dev/null
  echo "nightly-baseline: updated pull request #$number"
else
  gh pr create --head "$branch" --base "$base" --title "Refresh the performance baselines" \
    --body-file "$body"
fi
