#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets, built from tests/fixtures and the bundled
examples, into OUT/<target>/ (default: tests/fuzz/seeds). Each input starts with the
selector byte its target reads (tests/fuzz/fuzz_*.cpp). The committed corpora
(tests/fuzz/corpus/) are these seeds plus what fuzzing found, minimised with -merge=1.

    python3 tests/fuzz/make_seeds.py [OUT]
"""
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures")
MAX_SEED = 64 * 1024  # larger fixtures add little but slow every execution

# Same order as k_json_formats / k_text_formats in tests/fuzz/reader_checks.hpp.
JSON_FORMATS = ["google-benchmark", "pytest-benchmark", "hyperfine", "jmh", "benchmarkdotnet",
                "julia-benchmarktools", "custom-json", "bmf", "k6", "prometheus",
                "caws-metrics", "metric-summary", "series-json"]
TEXT_FORMATS = ["catch2-xml", "series-csv", "criterion", "rust-libtest", "go",
                "catch2-console", "benchmarkjs"]
# Fixture folders of each format, and the file patterns that are results.
JSON_FIXTURES = {f: [os.path.join(f, "**", "*.json")] for f in JSON_FORMATS}
TEXT_FIXTURES = {
    "catch2-xml": ["catch2/**/*.xml"],
    "series-csv": ["otava/**/*.csv"],
    "criterion": ["criterion/**/*.txt"],
    "rust-libtest": ["rust-libtest/**/*.txt"],
    "go": ["go/**/*.txt", "benchstat/**/*.txt"],
    "catch2-console": ["catch2/**/*.txt"],
    "benchmarkjs": ["benchmarkjs/**/*.txt"],
}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def results(patterns):
    files = []
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(FIX, pattern), recursive=True)):
            name = os.path.basename(path)
            if name.endswith(".expected.json") or name.startswith("LICENSE"):
                continue
            if os.path.getsize(path) <= MAX_SEED:
                files.append(path)
    return files


def write(out, target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fuzz", "seeds")
    detect_json = len(JSON_FORMATS)
    for index, fmt in enumerate(JSON_FORMATS):
        for path in results(JSON_FIXTURES[fmt]):
            stem = fmt + "-" + os.path.basename(path)
            write(out, "fuzz_results_json", stem, bytes([index]) + read(path))
            write(out, "fuzz_results_json", "detect-" + stem, bytes([detect_json]) + read(path))
    # Criterion.rs data folders: benchmark.json, sample.json, estimates.json, raw.csv.
    for new in sorted(glob.glob(os.path.join(FIX, "criterion", "**", "new"), recursive=True)):
        parts = []
        for name in ("benchmark.json", "sample.json", "estimates.json", "raw.csv"):
            path = os.path.join(new, name)
            parts.append(read(path) if os.path.exists(path) else b"")
        label = os.path.relpath(new, FIX).replace(os.sep, "_").replace(" ", "_")
        write(out, "fuzz_results_json", "dir-" + label, bytes([detect_json + 1]) + b"\0".join(parts))
        # The same folder read from estimates.json alone.
        parts[1] = b""
        write(out, "fuzz_results_json", "dir-estimates-" + label,
              bytes([detect_json + 1]) + b"\0".join(parts))

    detect_text = len(TEXT_FORMATS)
    for index, fmt in enumerate(TEXT_FORMATS):
        for path in results(TEXT_FIXTURES[fmt]):
            stem = fmt + "-" + os.path.basename(path)
            write(out, "fuzz_results_text", stem, bytes([index]) + read(path))
            write(out, "fuzz_results_text", "detect-" + stem, bytes([detect_text]) + read(path))

    for path in results(["gates/**/*.json"]) + sorted(glob.glob(os.path.join(ROOT, "gates", "*.json"))):
        write(out, "fuzz_gate_file", os.path.basename(path), read(path))

    for path in [os.path.join(ROOT, "examples", "baselines", "demo.json"),
                 os.path.join(ROOT, "examples", "service", "baselines", "service.json"),
                 os.path.join(ROOT, "baselines", "caws-gate-bench.json")]:
        write(out, "fuzz_baseline", os.path.basename(path), read(path))

    line = (b'{"schema":"caws-gate/history@1","date":"2026-11-23T03:12:00Z","commit":"9f0c1e2",'
            b'"branch":"main","host":"runner-7","metrics":[{"name":"BM_Sort/1024","measure":"cpu_time",'
            b'"unit":"s","direction":"lower","n":10,"median":1.2e-06,"mean":1.21e-06,"stddev":3e-08,'
            b'"min":1.1e-06,"max":1.3e-06,"p95":1.28e-06}]}\n')
    hostile = (b'{"schema":"caws-gate/history@1","date":"2026-11-24T03:12:00Z","commit":"",'
               b'"branch":"","host":"tab\\there \\u0001 caf\xc3\xa9","metrics":[{"name":"<img src=x>|a\\\\b",'
               b'"measure":"bytes","unit":"B","direction":"higher","n":1,"median":4096,"mean":null,'
               b'"stddev":null,"min":null,"max":null,"p95":null}]}\n')
    write(out, "fuzz_history", "one", line)
    write(out, "fuzz_history", "two", line + b"\n" + hostile)

    # fuzz_report, even first byte: a JSON report; odd: hostile runs.
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "golden", "expected", "*.json"))):
        if os.path.basename(path).startswith("table_"):
            continue
        write(out, "fuzz_report", os.path.basename(path), b"\0" + read(path))
    names = [b"<img src=x onerror=alert(1)>", b"a|b", b"50%_\\textbf{x}", b"\\input{/etc/passwd}",
             b"}{\\end{tabular}", b"x & y # ~ ^", b"**bold** `code` [link](http://x)", b"line\nbreak"]
    runs = b"\x01" + b"base&<.json\0new|.json\0host<1>\0host\\2\0" + bytes([len(names)])
    for i, name in enumerate(names):
        # name, kind (measure/direction), shape (scale, sample counts), samples, status
        runs += name + b"\0" + bytes([i % 5]) + (b"hostile|measure\0u<n>it\0" if i % 5 == 3 else b"")
        runs += bytes([6 + 10 * 5 + 70 * 2]) + bytes(range(i, i + 9)) + bytes([0])
    write(out, "fuzz_report", "hostile-runs", runs)
    failed = b"\x01" + b"a.json\0b.json\0\0\0\x02" + b"BM_<b>\0\x00\x3c" + bytes(range(10)) + b"\x01"
    failed += b"message | <script>\0" + b"BM_ok\0\x00\x3c" + bytes(range(10)) + b"\x00"
    write(out, "fuzz_report", "failed-runs", failed)


if __name__ == "__main__":
    main()
