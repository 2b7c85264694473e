"""Checks docs/schema/metrics.schema.json with python3-jsonschema: the schema is valid
JSON Schema draft 2020-12, every file given with --valid passes it, and every file given
with --invalid fails it. Exits 0 when all hold, 1 otherwise (printing what failed).

Usage: check_metrics_schema.py SCHEMA --valid FILE... --invalid FILE...
"""
import json
import sys

from jsonschema import Draft202012Validator


def main(argv):
    schema_path = argv[1]
    valid, invalid, current = [], [], None
    for arg in argv[2:]:
        if arg in ("--valid", "--invalid"):
            current = valid if arg == "--valid" else invalid
        else:
            current.append(arg)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = []
    for path in valid:
        with open(path, encoding="utf-8") as f:
            errors = list(validator.iter_errors(json.load(f)))
        for error in errors:
            failures.append(f"{path}: expected valid, got: {error.message}")
    for path in invalid:
        with open(path, encoding="utf-8") as f:
            if validator.is_valid(json.load(f)):
                failures.append(f"{path}: expected invalid, but the schema accepts it")
    for failure in failures:
        print(failure)
    print(f"{len(valid)} valid and {len(invalid)} invalid file(s) checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
