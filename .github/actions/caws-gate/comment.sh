#!/usr/bin/env bash
# Step "Comment on the pull request": posts the report as ONE comment per suite and
# updates it in place on later runs. The comment starts with the hidden marker
# <!-- caws-gate:SUITE -->, which is how it is found again. A token that may not write
# (a pull request from a fork) gives a warning, never a failure: the gate is the exit code.
#   in:  GH_TOKEN, GH_REPO (owner/name), PR_NUMBER, SUITE, MESSAGE (a Markdown file),
#        RUN_URL (optional)
set -euo pipefail
if [ -z "${PR_NUMBER:-}" ]; then
  echo "caws-gate: not a pull request; no comment"
  exit 0
fi
if ! command -v gh >/dev/null; then
  echo "::warning::caws-gate: the GitHub CLI (gh) is not installed; no pull-request comment"
  exit 0
fi
suite=${SUITE:-caws-gate}
suite=${suite//[^A-Za-z0-9._-]/_}
marker="<!-- caws-gate:$suite -->"
repo=${GH_REPO:?}

body=$(mktemp)
trap 'rm -f "$body"' EXIT
{
  echo "$marker"
  if [ -f "${MESSAGE:-}" ]; then
    # GitHub refuses comments over 65,536 characters.
    head -c 60000 "$MESSAGE"
    if [ "$(stat -c %s "$MESSAGE")" -gt 60000 ]; then
      printf '\n\n… the report is cut here; the whole of it is in the job summary.\n'
    fi
  else
    echo "caws-gate wrote no report; see the job log."
  fi
  if [ -n "${RUN_URL:-}" ]; then printf '\n<sub>[caws-gate run](%s)</sub>\n' "$RUN_URL"; fi
} >"$body"

warn() {
  echo "::warning::caws-gate: could not $1 the pull-request comment (the token needs" \
    "pull-requests: write; pull requests from forks get a read-only token)"
  exit 0
}
existing=$(gh api --paginate "repos/$repo/issues/$PR_NUMBER/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id") || warn "list"
id=$(head -n 1 <<<"$existing")
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$repo/issues/comments/$id" -F "body=@$body" --silent ||
    warn "update"
  echo "caws-gate: updated comment $id on pull request #$PR_NUMBER"
else
  gh api --method POST "repos/$repo/issues/$PR_NUMBER/comments" -F "body=@$body" --silent ||
    warn "post"
  echo "caws-gate: commented on pull request #$PR_NUMBER"
fi
