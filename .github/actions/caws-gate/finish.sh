#!/usr/bin/env bash
# Step "Gate": fails the step, after the reports were uploaded and the comment posted,
# with the exit code of caws-gate check, as `fail-on` asks:
#   fail   exit with caws-gate's code: 0 pass or warn, 1 fail, 2 bad input
#   warn   also exit 1 when the verdict is warn
#   never  exit 0 whatever the verdict; bad input (2 and above) still fails
#   in:  EXIT_CODE, VERDICT, INPUT_FAIL_ON
set -euo pipefail
code=${EXIT_CODE:-}
if [ -z "$code" ]; then
  echo "::error::caws-gate did not run; see the steps above"
  exit 1
fi
case "${INPUT_FAIL_ON:-fail}" in
  fail) ;;
  warn)
    if [ "$code" -eq 0 ] && [ "${VERDICT:-}" = warn ]; then
      echo "::error::caws-gate: the verdict is warn and fail-on is warn"
      exit 1
    fi
    ;;
  never)
    if [ "$code" -lt 2 ]; then code=0; fi
    ;;
  *)
    echo "::error::caws-gate: fail-on: expected fail, warn or never, got '$INPUT_FAIL_ON'"
    exit 2
    ;;
esac
if [ "$code" -ne 0 ]; then echo "caws-gate: failing the step with exit code $code"; fi
exit "$code"
