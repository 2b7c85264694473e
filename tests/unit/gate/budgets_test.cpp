#include "gate/budgets.hpp"

#include <gtest/gtest.h>

#include "util/error.hpp"

namespace caws::gate {
namespace {

model::Metric metric(const std::string& name, model::Unit unit, std::vector<double> samples,
                     model::Direction direction = model::Direction::lower) {
    model::Metric m;
    m.name = name;
    m.measure = "value";
    m.unit = std::move(unit);
    m.direction = direction;
    m.samples = std::move(samples);
    return m;
}

Quantity quantity(const std::string& text) {
    std::string error;
    const auto q = parse_quantity(text, error);
    EXPECT_TRUE(q) << error;
    return q.value_or(Quantity{});
}

Budget budget(const std::string& pattern, compare::Statistic statistic, const std::string& warning,
              const std::string& critical) {
    Budget b;
    b.metric = pattern;
    b.statistic = statistic;
    b.warning = quantity(warning);
    b.critical = quantity(critical);
    b.pointer = "/budgets/0";
    return b;
}

TEST(Budgets, QuantitiesConvertToCanonicalUnits) {
    EXPECT_DOUBLE_EQ(quantity("50 ms").value, 0.05);
    EXPECT_DOUBLE_EQ(quantity("50ms").value, 0.05);
    EXPECT_DOUBLE_EQ(quantity("800 MB").value, 800e6);
    EXPECT_DOUBLE_EQ(quantity("1 MiB").value, 1048576);
    EXPECT_DOUBLE_EQ(quantity("60 %").value, 0.6);
    EXPECT_DOUBLE_EQ(quantity("2.5e3 req/s").value, 2500);
    EXPECT_DOUBLE_EQ(quantity("10 MB/s").value, 1e7);
    EXPECT_EQ(quantity("10 MB/s").dimension, model::Dimension::byte_rate);
    EXPECT_DOUBLE_EQ(quantity("3").value, 3);
    EXPECT_FALSE(quantity("3").dimension);
    std::string error;
    EXPECT_FALSE(parse_quantity("3 allocs/op", error));
    EXPECT_EQ(error,
              "unknown unit \"allocs/op\" in \"3 allocs/op\"; expected a time (ns, us, ms, s), a "
              "size (B, kB, MB, MiB, GB, GiB), a percentage (%) or a rate (1/s, req/s, MB/s)");
}

TEST(Budgets, WarningAndCriticalLevels) {
    Gate gate;
    gate.path = "gates/service.json";
    gate.budgets.push_back(budget("ttfa", compare::Statistic::max, "50 ms", "100 ms"));
    gate.budgets.push_back(budget("rss", compare::Statistic::max, "800 MB", "1200 MB"));
    gate.budgets.push_back(budget("cpu", compare::Statistic::mean, "60 %", "80 %"));
    model::Run run;
    run.metrics.push_back(metric("ttfa", model::seconds(), {0.040, 0.061}));
    run.metrics.push_back(metric("rss", model::bytes(), {1.0e9, 1.3e9}));
    run.metrics.push_back(metric("cpu", model::fraction(), {0.40, 0.50}));
    const BudgetResults r = check_budgets(gate, run, {});
    ASSERT_EQ(r.checks.size(), 3u);
    EXPECT_EQ(r.checks[0].level, model::Level::warn);
    EXPECT_DOUBLE_EQ(*r.checks[0].value, 0.061);
    EXPECT_DOUBLE_EQ(*r.checks[0].warning, 0.05);
    EXPECT_EQ(r.checks[0].statistic, "max");
    EXPECT_EQ(r.checks[0].unit, "s");
    EXPECT_EQ(r.checks[1].level, model::Level::fail);
    EXPECT_EQ(r.checks[2].level, model::Level::pass);
    EXPECT_EQ(r.checks[2].message,
              "cpu mean is 45.0 %, within its budget (warning at 60 %, critical at 80 %).");
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].code, "budget-warning");
    EXPECT_EQ(r.findings[0].level, model::Level::warn);
    EXPECT_EQ(r.findings[0].metric, "ttfa");
    EXPECT_EQ(r.findings[0].message,
              "ttfa max is 61.0 ms, above its warning budget of 50 ms (critical at 100 ms); "
              "bring it back under 50 ms before it reaches the critical budget.");
    EXPECT_EQ(r.findings[1].code, "budget-critical");
    EXPECT_EQ(r.findings[1].level, model::Level::fail);
    EXPECT_EQ(r.findings[1].message,
              "rss max is 1300 MB, above its critical budget of 1200 MB (warning at 800 MB); "
              "bring it back under 1200 MB, or change the budget in the gate file if the new "
              "cost is accepted.");
    // The report's budget table shows the numbers as the sentences do.
    EXPECT_EQ(r.checks[0].value_text, "61.0 ms");
    EXPECT_EQ(r.checks[0].warning_text, "50 ms");
    EXPECT_EQ(r.checks[0].critical_text, "100 ms");
    EXPECT_EQ(r.checks[1].value_text, "1300 MB");
    EXPECT_EQ(r.checks[1].warning_text, "800 MB");
    EXPECT_EQ(r.checks[1].critical_text, "1200 MB");
    EXPECT_EQ(r.checks[2].value_text, "45.0 %");
}

TEST(Budgets, ValuesTakeTheUnitOfTheLimitsAndDecimalSizesWithoutOne) {
    Gate gate;
    // Limits in binary units: the value is written in MiB too.
    gate.budgets.push_back(budget("rss", compare::Statistic::max, "800 MiB", "1 GiB"));
    // Bare numbers (bytes): sizes in powers of 1000, as gate files write them.
    gate.budgets.push_back(budget("heap", compare::Statistic::max, "8e8", "1.2e9"));
    model::Run run;
    run.metrics.push_back(metric("rss", model::bytes(), {1.0e9, 1.3e9}));
    run.metrics.push_back(metric("heap", model::bytes(), {1.0e9, 1.31e9}));
    const BudgetResults r = check_budgets(gate, run, {});
    ASSERT_EQ(r.checks.size(), 2u);
    EXPECT_EQ(r.checks[0].value_text, "1.21 GiB");
    EXPECT_EQ(r.checks[0].warning_text, "800 MiB");
    EXPECT_EQ(r.checks[0].critical_text, "1 GiB");
    EXPECT_EQ(r.checks[0].message.rfind("rss max is 1.21 GiB, above its critical budget of 1 GiB "
                                        "(warning at 800 MiB)",
                                        0),
              0u)
        << r.checks[0].message;
    EXPECT_EQ(r.checks[1].value_text, "1.31 GB");
    EXPECT_EQ(r.checks[1].warning_text, "800 MB");
    EXPECT_EQ(r.checks[1].critical_text, "1.20 GB");
    EXPECT_EQ(r.checks[1].message.rfind("heap max is 1.31 GB, above its critical budget of 1.20 GB "
                                        "(warning at 800 MB)",
                                        0),
              0u)
        << r.checks[1].message;
}

TEST(Budgets, ValuesEqualToALimitAreWithinIt) {
    Gate gate;
    gate.budgets.push_back(budget("ttfa", compare::Statistic::max, "50 ms", "100 ms"));
    model::Run run;
    run.metrics.push_back(metric("ttfa", model::seconds(), {0.05}));
    EXPECT_EQ(check_budgets(gate, run, {}).checks[0].level, model::Level::pass);
}

TEST(Budgets, LowerLimitsBreachBelow) {
    Gate gate;
    Budget b = budget("rps", compare::Statistic::median, "100 req/s", "50 req/s");
    b.limit = Limit::lower;
    gate.budgets.push_back(b);
    model::Run run;
    run.metrics.push_back(metric("rps", model::per_second(), {70}, model::Direction::higher));
    const BudgetResults r = check_budgets(gate, run, {});
    EXPECT_EQ(r.checks[0].level, model::Level::warn);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_NE(r.findings[0].message.find("below its warning budget"), std::string::npos)
        << r.findings[0].message;
}

TEST(Budgets, MissingMetricsAndStatisticsAreFindings) {
    Gate gate;
    gate.budgets.push_back(budget("ttfa", compare::Statistic::p95, "50 ms", "100 ms"));
    gate.budgets.push_back(budget("error_rate", compare::Statistic::p95, "2 %", "5 %"));
    model::Run run;
    model::Metric errors = metric("error_rate", model::fraction(), {});
    errors.summary = model::Summary{};
    errors.summary->mean = 0.01;
    run.metrics.push_back(errors);
    const BudgetResults r = check_budgets(gate, run, {});
    ASSERT_EQ(r.checks.size(), 2u);
    EXPECT_EQ(r.checks[0].metric, "ttfa");
    EXPECT_FALSE(r.checks[0].value);
    EXPECT_EQ(r.checks[0].level, model::Level::warn);
    EXPECT_EQ(r.checks[1].metric, "error_rate");
    EXPECT_FALSE(r.checks[1].value);
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].code, "budget-missing");
    EXPECT_EQ(r.findings[0].metric, "ttfa");
    EXPECT_EQ(r.findings[0].message,
              "no metric in the results matches the budget on \"ttfa\", so it cannot be checked; "
              "make sure the run writes it, or fix the budget's metric name in the gate file.");
    EXPECT_EQ(r.findings[1].code, "budget-missing");
    EXPECT_EQ(r.findings[1].message,
              "error_rate has no p95 in the results, so its budget cannot be checked; keep the "
              "samples or write its p95.");
}

TEST(Budgets, UnitsMustFitTheMetric) {
    Gate gate;
    gate.path = "gates/service.json";
    gate.budgets.push_back(budget("rss", compare::Statistic::max, "50 ms", "100 ms"));
    model::Run run;
    run.metrics.push_back(metric("rss", model::bytes(), {1e9}));
    try {
        check_budgets(gate, run, {});
        FAIL() << "expected an error";
    } catch (const util::Error& error) {
        EXPECT_STREQ(error.what(),
                     "gates/service.json: /budgets/0/warning: \"50 ms\" is a time, but the metric "
                     "\"rss\" is a size (B)");
    }
}

TEST(Budgets, RelativeBudgetsUseTheOrientedRatio) {
    Gate gate;
    Budget b;
    b.metric = "BM_Parse*";
    b.max_ratio = 1.1;
    gate.budgets.push_back(b);
    model::Run run;
    run.metrics.push_back(metric("BM_Parse/1", model::seconds(), {1.0}));
    run.metrics.push_back(metric("BM_Parse/2", model::seconds(), {1.0}));
    run.metrics.push_back(metric("BM_Parse/3", model::seconds(), {1.0}));
    std::vector<model::Comparison> comparisons(2);
    comparisons[0].metric = "BM_Parse/1";
    comparisons[0].measure = "value";
    comparisons[0].ratio = 1.25;
    comparisons[1].metric = "BM_Parse/2";
    comparisons[1].measure = "value";
    comparisons[1].ratio = 1.05;
    const BudgetResults r = check_budgets(gate, run, comparisons);
    ASSERT_EQ(r.checks.size(), 3u);
    EXPECT_EQ(r.checks[0].level, model::Level::fail);
    EXPECT_DOUBLE_EQ(*r.checks[0].ratio, 1.25);
    EXPECT_EQ(r.checks[1].level, model::Level::pass);
    EXPECT_EQ(r.checks[2].level, model::Level::warn);  // no comparison: no ratio
    ASSERT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(r.findings[0].code, "budget-ratio");
    EXPECT_EQ(r.findings[0].message,
              "BM_Parse/1 is 1.25x worse than the baseline, above its relative budget of 1.10x; "
              "find the change that caused it, or refresh the baseline if it is intended.");
    EXPECT_EQ(r.findings[1].code, "budget-missing");
}

}  // namespace
}  // namespace caws::gate
