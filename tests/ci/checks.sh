# Counted checks for the tests/ci/*_locally.sh scripts, which source this file: a failed
# check is reported and counted, and finish_checks ends the script with the count.

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
expect_eq() {  # expect_eq WHAT GOT WANT
  if [ "$2" != "$3" ]; then fail "$1: got '$2', want '$3'"; fi
}
expect_file() { [ -s "$1" ] || fail "expected the file $1"; }
expect_grep() {  # expect_grep FILE TEXT
  grep -qF -- "$2" "$1" 2>/dev/null || fail "$1 does not contain '$2'"
}
exit_if_failed() {  # exit_if_failed NAME: exits 1 when a check failed so far
  if [ "$failures" -ne 0 ]; then
    echo "$1: $failures check(s) failed" >&2
    exit 1
  fi
}
finish_checks() {  # finish_checks NAME [DETAIL]: the same, or says that all passed
  exit_if_failed "$1"
  echo "$1: all checks passed${2:+ ($2)}"
}

# use_fake_github DIR NAME: the fake `gh` (tests/ci/fake-gh) keeping its state in DIR/gh,
# and a git configuration of its own in DIR whose commits are NAME's.
use_fake_github() {
  export PATH=$ci_dir/fake-gh:$PATH FAKE_GH_STATE=$1/gh GH_TOKEN=fake-token
  export GIT_CONFIG_GLOBAL=$1/gitconfig GIT_CONFIG_NOSYSTEM=1
  mkdir -p "$1/gh"
  git config --global user.name "$2"
  git config --global user.email "$2@example.com"
  git config --global init.defaultBranch main
}
ci_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
