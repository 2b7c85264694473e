#!/usr/bin/env python3
"""Runs one job of a GitHub Actions workflow on this machine, step by step as the runner
would: `${{ }}` expressions and `if:` conditions (the evaluator of action_runner.py), the
job's and each step's `env:`, `run:` steps with the default shell (`bash -e`), a fresh
GITHUB_OUTPUT file per step, one GITHUB_STEP_SUMMARY. The job stops at the first failed
step, as GitHub's does.

Steps that need GitHub itself are named on the command line: `--skip NAME` leaves a
step out (installing packages, checking out), `--replace NAME=COMMAND` runs COMMAND in
its place (the benchmark harness, with prepared results). Any `uses:` step not skipped
is an error, so a new action in the workflow cannot pass unnoticed.

usage: workflow_runner.py WORKFLOW_YML --job ID --context CONTEXT_JSON --workspace DIR
                          [--skip NAME]... [--replace NAME=COMMAND]...
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml

from action_runner import condition, interpolate, read_outputs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workflow")
    parser.add_argument("--job", required=True)
    parser.add_argument("--context", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--skip", action="append", default=[])
    parser.add_argument("--replace", action="append", default=[])
    args = parser.parse_args()

    with open(args.workflow, encoding="utf-8") as file:
        workflow = yaml.safe_load(file)
    with open(args.context, encoding="utf-8") as file:
        contexts = json.load(file)
    job = workflow["jobs"][args.job]
    replacements = dict(r.split("=", 1) for r in args.replace)
    names = [step.get("name", step.get("uses", "")) for step in job["steps"]]
    for name in list(args.skip) + list(replacements):
        if name not in names:
            sys.exit(f"workflow_runner: the job has no step named {name!r}")
    contexts["steps"] = {}
    status = {"failed": False}
    summary = os.environ.get("GITHUB_STEP_SUMMARY") or os.path.join(args.workspace, "summary.md")
    job_env = {k: interpolate(str(v), contexts, status) for k, v in job.get("env", {}).items()}

    for number, step in enumerate(job["steps"]):
        name = names[number]
        step_id = step.get("id", f"__step{number}")
        if name in args.skip or not condition(step.get("if", "success()"), contexts, status):
            print(f"workflow_runner: skip   {name}", flush=True)
            contexts["steps"][step_id] = {"outcome": "skipped", "conclusion": "skipped",
                                          "outputs": {}}
            continue
        if name in replacements:
            script_text = replacements[name]
        elif "uses" in step:
            sys.exit(f"workflow_runner: cannot run {step['uses']}: --skip or --replace it")
        else:
            script_text = interpolate(step["run"], contexts, status)
        print(f"workflow_runner: run    {name}", flush=True)
        env = dict(os.environ)
        env.update(job_env)
        env.update({k: interpolate(str(v), contexts, status)
                    for k, v in step.get("env", {}).items()})
        with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out_file, \
                tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
            script.write(script_text)
        env.update({"GITHUB_OUTPUT": out_file.name, "GITHUB_STEP_SUMMARY": summary,
                    "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": args.workspace})
        shell = step.get("shell", "bash")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script.name] \
            if shell == "bash" and "shell" in step else ["bash", "-e", script.name]
        code = subprocess.run(command, cwd=args.workspace, env=env, check=False).returncode
        outputs = read_outputs(out_file.name)
        os.unlink(out_file.name)
        os.unlink(script.name)
        outcome = "success" if code == 0 else "failure"
        print(f"workflow_runner: {outcome:7}{name} (exit code {code})", flush=True)
        contexts["steps"][step_id] = {"outcome": outcome, "conclusion": outcome,
                                      "outputs": outputs}
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
