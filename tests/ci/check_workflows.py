#!/usr/bin/env python3
"""Checks GitHub workflow and composite action files as GitHub would load them, then lints
every `run:` script.

usage: check_workflows.py [--uses REF=ACTION_YML]... FILE... [--markdown DOC.md...]

A file with a top-level `runs` is an action: it needs `name`, `description`,
`runs.using: composite` and `runs.steps`, and each step with `run:` needs `shell:`. Any
other file is a workflow: it needs `on` and `jobs`, each job `runs-on` or `container`
(or `uses`, a reusable workflow) and `steps`. Every step has exactly one of `run` and
`uses`. Each `run:` block, with `${{ ... }}` expressions replaced by a placeholder word,
must pass `bash -n` and `shellcheck`. The ```yaml blocks of the Markdown files after
--markdown must load, and those that are whole workflows (with `jobs`) pass the same
checks. With --uses, a step that uses REF may give only the inputs that the action
ACTION_YML declares, and must give those it requires (required: true without a default),
as GitHub's actionlint checks a local action. Prints one line per problem; exits 1 if
any.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

PLACEHOLDER = "CAWS_GATE_EXPRESSION"


def lint_script(where, script, problems):
    text = re.sub(r"\$\{\{.*?\}\}", PLACEHOLDER, script, flags=re.S)
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as file:
        file.write("#!/usr/bin/env bash\n" + text)
    try:
        for command in (["bash", "-n", file.name],
                        ["shellcheck", "--shell=bash", "--format=gcc", file.name]):
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                output = (result.stdout + result.stderr).replace(file.name, "run")
                problems.append(f"{where}: {command[0]} rejects the run: script:\n{output}")
    finally:
        os.unlink(file.name)


# REF -> the inputs of the action it names (--uses), each with its specification.
ACTIONS = {}


def check_inputs(where, step, problems):
    inputs = ACTIONS.get(str(step.get("uses")))
    if inputs is None:
        return
    given = step.get("with") or {}
    for name in given:
        if name not in inputs:
            problems.append(f"{where}: with: {name}: not an input of {step['uses']}")
    for name, spec in inputs.items():
        spec = spec or {}
        if spec.get("required") and "default" not in spec and name not in given:
            problems.append(f"{where}: with: the input {name} is required")


def check_steps(where, steps, problems, need_shell):
    if not isinstance(steps, list) or not steps:
        problems.append(f"{where}: expected a non-empty list of steps")
        return
    for number, step in enumerate(steps):
        here = f"{where}/steps/{number}"
        if not isinstance(step, dict):
            problems.append(f"{here}: expected a mapping")
            continue
        if ("run" in step) == ("uses" in step):
            problems.append(f"{here}: expected exactly one of run and uses")
        if "run" in step:
            if need_shell and "shell" not in step:
                problems.append(f"{here}: a composite action's run step needs shell")
            lint_script(here, str(step["run"]), problems)
        check_inputs(here, step, problems)
        if "uses" in step and not re.fullmatch(r"(\./[\w./-]+|[\w.-]+/[\w./-]+@[\w./-]+|docker://\S+)",
                                               str(step["uses"])):
            problems.append(f"{here}: uses: expected OWNER/REPO@REF or ./PATH, got {step['uses']!r}")


def check_action(path, document, problems):
    for key in ("name", "description"):
        if not document.get(key):
            problems.append(f"{path}: expected {key}")
    runs = document.get("runs") or {}
    if runs.get("using") != "composite":
        problems.append(f"{path}: /runs/using: expected composite")
    check_steps(f"{path}: /runs", runs.get("steps"), problems, need_shell=True)
    for name, spec in (document.get("outputs") or {}).items():
        if "value" not in (spec or {}):
            problems.append(f"{path}: /outputs/{name}: a composite action's output needs value")


def check_workflow(path, document, problems):
    # YAML 1.1 reads the key `on` as the boolean true.
    if "on" not in document and True not in document:
        problems.append(f"{path}: expected on")
    jobs = document.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        problems.append(f"{path}: expected jobs")
        return
    for name, job in jobs.items():
        where = f"{path}: /jobs/{name}"
        if "uses" in job:
            continue
        if "runs-on" not in job and "container" not in job:
            problems.append(f"{where}: expected runs-on or container")
        check_steps(where, job.get("steps"), problems, need_shell=False)


def check_markdown(path, problems):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    for number, match in enumerate(re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M)):
        line = text.count("\n", 0, match.start()) + 1
        where = f"{path}:{line}"
        try:
            document = yaml.safe_load(match.group(1))
        except yaml.YAMLError as error:
            problems.append(f"{where}: {error}")
            continue
        if isinstance(document, dict) and "jobs" in document:
            check_workflow(where, document, problems)


def main():
    problems = []
    arguments = sys.argv[1:]
    while arguments[:1] == ["--uses"] and len(arguments) > 1:
        reference, action = arguments[1].split("=", 1)
        with open(action, encoding="utf-8") as file:
            ACTIONS[reference] = yaml.safe_load(file).get("inputs") or {}
        arguments = arguments[2:]
    markdown = []
    if "--markdown" in arguments:
        at = arguments.index("--markdown")
        arguments, markdown = arguments[:at], arguments[at + 1:]
    for path in markdown:
        check_markdown(path, problems)
    for path in arguments:
        try:
            with open(path, encoding="utf-8") as file:
                document = yaml.safe_load(file)
        except (OSError, yaml.YAMLError) as error:
            problems.append(f"{path}: {error}")
            continue
        if not isinstance(document, dict):
            problems.append(f"{path}: expected a mapping at the top")
        elif "runs" in document:
            check_action(path, document, problems)
        else:
            check_workflow(path, document, problems)
    for problem in problems:
        print(problem)
    print(f"check_workflows: {len(arguments) + len(markdown)} file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
