#!/usr/bin/env bash
# Renders the bundled example's check report as GitHub shows it in a pull-request comment
# (cmark-gfm's HTML in a 780 px column with GitHub-like styles) and takes a PNG with
# headless Chromium: docs/images/pr-comment.png, shown in docs/reports.md.
#   bash scripts/pr-comment-screenshot.sh [CAWS_GATE_BINARY] [OUTPUT.png]
# Needs cmark-gfm and chromium (apt-get install cmark-gfm chromium fonts-liberation2; optipng
# if there) and a built caws-gate.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$root/build/caws-gate}
output=${2:-$root/docs/images/pr-comment.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
"$binary" check examples/results/demo.json --dir examples/baselines --md "$work/report.md" \
  --quiet || [ $? -eq 1 ]
# As GitHub shows it: the details collapsed (`sed 's/<details>/<details open>/'` on the
# report opens them); --unsafe keeps the details and summary tags, which GitHub allows.
cp "$work/report.md" "$work/open.md"
{
  cat <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
body { margin: 0; background: #fff; }
.comment { width: 780px; box-sizing: border-box; padding: 16px; color: #1f2328;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 14px; line-height: 1.5; word-wrap: break-word; border: 1px solid #d0d7de; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d8dee4; padding-bottom: .3em; margin: 0 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 16px; }
p, ul, ol, table, details { margin: 0 0 16px; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid #d0d7de; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 85%;
  background: rgba(175, 184, 193, .2); padding: .2em .4em; border-radius: 6px; }
sub { font-size: 75%; }
</style></head><body><div class="comment">
HTML
  cmark-gfm -e table --hardbreaks --unsafe "$work/open.md"
  echo '</div></body></html>'
} > "$work/comment.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 --disable-lcd-text \
  --screenshot="$output" --window-size=782,1080 "file://$work/comment.html" 2>/dev/null
# Lossless, and keeps the committed picture small.
if command -v optipng >/dev/null 2>&1; then optipng -quiet -o2 "$output"; fi
echo "wrote $output"
