// A report as the first version of caws-gate wrote it, read back and rendered: the views'
// fallbacks for what it lacks (the method settings, adjusted p-values, scores, the
// geometric mean, budget texts, recommendations), compared byte for byte with committed
// files. Regenerate with CAWS_GATE_UPDATE_GOLDEN=1 after an intended change.
#include <gtest/gtest.h>

#include "report/annotation_renderer.hpp"
#include "report/junit_renderer.hpp"
#include "report/latex_renderer.hpp"
#include "report/markdown_renderer.hpp"
#include "report/report_reader.hpp"
#include "support/golden.hpp"

namespace caws::report {
namespace {

constexpr const char* k_first_version = R"({
  "schema": "caws-gate/report@1",
  "tool": {"name": "caws-gate", "version": "0.0.9"},
  "command": "check",
  "gated": true,
  "verdict": "fail",
  "settings": {"alpha": 0.05, "thresholds": {"minor": 1.1, "moderate": 1.5, "severe": 2.0}},
  "summary": {
    "comparisons": 4,
    "counts": {"severe": 1, "moderate": 0, "minor": 0, "improved": 0, "unchanged": 1, "added": 0,
               "removed": 0, "failed": 1, "skipped": 0, "not_gated": 1}
  },
  "baseline": {
    "label": "baselines/old.json",
    "sources": [{"path": "old.json", "format": "google-benchmark"}],
    "provenance": {"created": "2026-10-01T00:00:00Z", "commit": "0123456789abcdef0123"},
    "context": {"host": "ci"},
    "metrics": 4
  },
  "candidate": {
    "sources": [{"path": "new.json", "format": "google-benchmark"}],
    "context": {"host": "ci"},
    "metrics": 4
  },
  "comparisons": [
    {"metric": "BM_Slow", "measure": "cpu_time", "unit": "s", "direction": "lower",
     "statistic": "median", "baseline": 1e-06, "candidate": 3e-06, "ratio": 3.0, "ci": null,
     "p_value": 0.0079, "n": [5, 5], "test": "mann-whitney", "tested": true, "class": "severe",
     "level": "fail", "gated": true},
    {"metric": "BM_Same", "measure": "cpu_time", "unit": "s", "direction": "lower",
     "statistic": "median", "baseline": 2e-06, "candidate": 2.02e-06, "ratio": 1.01, "ci": null,
     "p_value": 0.69, "n": [5, 5], "test": "mann-whitney", "tested": true, "class": "unchanged",
     "level": "pass", "gated": true},
    {"metric": "BM_Broken", "measure": "cpu_time", "unit": "s", "direction": "lower",
     "statistic": "median", "baseline": 1e-06, "candidate": null, "ratio": null, "ci": null,
     "p_value": null, "n": [5, 0], "test": "none", "tested": false, "class": "failed",
     "level": "fail", "gated": true, "message": "out of memory"},
    {"metric": "BM_Items", "measure": "items_per_second", "unit": "1/s", "direction": "higher",
     "statistic": "median", "baseline": 1000.0, "candidate": 900.0, "ratio": 1.11, "ci": null,
     "p_value": 0.03, "n": [5, 5], "test": "mann-whitney", "tested": true, "class": "minor",
     "level": "pass", "gated": false}
  ],
  "budgets": [
    {"metric": "rss", "measure": "peak", "statistic": "max", "unit": "B", "value": 3145728.0,
     "warning": 1048576.0, "critical": 2097152.0, "level": "fail",
     "message": "rss max is 3.15 MB, above the critical budget of 2.10 MB."}
  ],
  "findings": [
    {"level": "fail", "code": "regression", "metric": "BM_Slow", "measure": "cpu_time",
     "message": "BM_Slow (cpu_time) is 3.00x slower."},
    {"level": "fail", "code": "failed", "metric": "BM_Broken",
     "message": "BM_Broken failed: out of memory."},
    {"level": "fail", "code": "budget", "metric": "rss", "measure": "peak",
     "message": "rss max is 3.15 MB, above the critical budget of 2.10 MB."}
  ],
  "notes": ["candidate: 2 complexity rows ignored"]
})";

TEST(OlderReportGolden, RendersWithTheFallbacksOfItsTime) {
    const Report report = parse_report(k_first_version, "older.json");
    const TemplateSet templates;
    test::expect_golden("older_report.md", render_markdown(report, templates));
    test::expect_golden("older_report.tex", render_latex(report, templates));
    test::expect_golden("older_report.junit.xml", render_junit(report, templates));
    test::expect_golden("older_report.annotations.txt", render_annotations(report));
}

}  // namespace
}  // namespace caws::report
