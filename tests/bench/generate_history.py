#!/usr/bin/env python3
"""Writes a caws-gate/history@1 file of RUNS runs x METRICS metrics for timing `trend`.

    tests/bench/generate_history.py 1000 5000 big.jsonl

Values as in tests/bench/trend_bench.cpp: 3% noise around 1 us; one metric in 50 steps
up by 1.3x at a random run, one in 50 drifts by 0.05% per run. Deterministic (seed 2026).
"""
import random
import sys


def main() -> None:
    runs, metrics, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(2026)
    step_at = [rng.randrange(runs) for _ in range(metrics)]
    names = [f'"name":"BM_Generated/{m}/1024","measure":"cpu_time","unit":"s",'
             f'"direction":"lower","n":10,' for m in range(metrics)]
    with open(path, "w", encoding="utf-8") as out:
        for r in range(runs):
            day = r % 28 + 1
            parts = [f'{{"schema":"caws-gate/history@1","date":"2026-01-{day:02d}T03:00:00Z",'
                     f'"commit":"c0ffee{r:04d}","branch":"main","host":"runner-7","metrics":[']
            for m in range(metrics):
                level = 1e-6 * (1 + (m % 97) / 10)
                if m % 50 == 1 and r >= step_at[m]:
                    level *= 1.3
                if m % 50 == 2:
                    level *= 1 + 0.0005 * r
                median = level * (1 + 0.03 * rng.gauss(0, 1))
                mean = median * 1.01
                parts.append(f'{{{names[m]}"median":{median!r},"mean":{mean!r},'
                             f'"stddev":{median * 0.03!r},"min":{median * 0.95!r},'
                             f'"max":{median * 1.1!r},"p95":{median * 1.08!r}}}')
                if m + 1 < metrics:
                    parts.append(",")
            parts.append("]}\n")
            out.write("".join(parts))


if __name__ == "__main__":
    main()
