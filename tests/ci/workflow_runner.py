#!/usr/bin/env python3
"""Runs one job of a GitHub Actions workflow on this machine, step by step as the runner
would: `${{ }}` expressions and `if:` conditions (the evaluator of action_runner.py), the
job's and each step's `env:`, `run:` steps with the default shell (`bash -e`), a fresh
GITHUB_OUTPUT file per step, one GITHUB_STEP_SUMMARY, and GITHUB_PATH (what a step
writes there comes first in PATH for the later steps). The job stops at the first
failed step, as GitHub's does.

Steps that need GitHub itself are named on the command line: `--skip NAME` leaves a
step out (installing packages, checking out), `--replace NAME=COMMAND` runs COMMAND in
its place (the benchmark harness, with prepared results). `--action REF=ACTION_YML` runs
the steps that use REF with the composite action ACTION_YML, as action_runner.py does
(its uploads go to ARTIFACTS), with the step's `with:` and the `--input NAME=VALUE`
given on the command line (`binary`, to use a built caws-gate). Any other `uses:` step
not skipped is an error, so a new action in the workflow cannot pass unnoticed.

usage: workflow_runner.py WORKFLOW_YML --job ID --context CONTEXT_JSON --workspace DIR
                          [--skip NAME]... [--replace NAME=COMMAND]...
                          [--action REF=ACTION_YML]... [--input NAME=VALUE]...
                          [--artifacts DIR]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml

from action_runner import condition, interpolate, read_outputs, run_action


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workflow")
    parser.add_argument("--job", required=True)
    parser.add_argument("--context", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--skip", action="append", default=[])
    parser.add_argument("--replace", action="append", default=[])
    parser.add_argument("--action", action="append", default=[])
    parser.add_argument("--input", action="append", default=[])
    parser.add_argument("--artifacts")
    args = parser.parse_args()

    with open(args.workflow, encoding="utf-8") as file:
        workflow = yaml.safe_load(file)
    with open(args.context, encoding="utf-8") as file:
        contexts = json.load(file)
    job = workflow["jobs"][args.job]
    replacements = dict(r.split("=", 1) for r in args.replace)
    actions = dict(a.split("=", 1) for a in args.action)
    extra_inputs = dict(i.split("=", 1) for i in args.input)
    names = [step.get("name", step.get("uses", "")) for step in job["steps"]]
    for name in list(args.skip) + list(replacements):
        if name not in names:
            sys.exit(f"workflow_runner: the job has no step named {name!r}")
    contexts["steps"] = {}
    status = {"failed": False}
    summary = os.environ.get("GITHUB_STEP_SUMMARY") or os.path.join(args.workspace, "summary.md")
    job_env = {k: interpolate(str(v), contexts, status) for k, v in job.get("env", {}).items()}
    added_paths = []  # GITHUB_PATH, newest first

    for number, step in enumerate(job["steps"]):
        name = names[number]
        step_id = step.get("id", f"__step{number}")
        if name in args.skip or not condition(step.get("if", "success()"), contexts, status):
            print(f"workflow_runner: skip   {name}", flush=True)
            contexts["steps"][step_id] = {"outcome": "skipped", "conclusion": "skipped",
                                          "outputs": {}}
            continue
        uses = step.get("uses")
        if name in replacements:
            script_text = replacements[name]
        elif uses in actions:
            script_text = None
        elif uses:
            sys.exit(f"workflow_runner: cannot run {uses}: --skip, --replace or --action it")
        else:
            script_text = interpolate(step["run"], contexts, status)
        print(f"workflow_runner: run    {name}", flush=True)
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join(added_paths + [env.get("PATH", "")])
        env.update(job_env)
        env.update({k: interpolate(str(v), contexts, status)
                    for k, v in step.get("env", {}).items()})
        if script_text is None:
            given = {k: interpolate(str(v), contexts, status)
                     for k, v in (step.get("with") or {}).items()}
            given.update(extra_inputs)
            artifacts = args.artifacts or os.path.join(args.workspace, "artifacts")
            code, outputs = run_action(actions[uses], contexts, given, args.workspace,
                                       artifacts, summary, env)
            if not finish_step(contexts, name, step_id, code, outputs):
                return code
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out_file, \
                tempfile.NamedTemporaryFile("w", suffix=".path", delete=False) as path_file, \
                tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
            script.write(script_text)
        env.update({"GITHUB_OUTPUT": out_file.name, "GITHUB_STEP_SUMMARY": summary,
                    "GITHUB_PATH": path_file.name, "GITHUB_ACTIONS": "true",
                    "GITHUB_WORKSPACE": args.workspace})
        shell = step.get("shell", "bash")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script.name] \
            if shell == "bash" and "shell" in step else ["bash", "-e", script.name]
        code = subprocess.run(command, cwd=args.workspace, env=env, check=False).returncode
        outputs = read_outputs(out_file.name)
        with open(path_file.name, encoding="utf-8") as file:
            added_paths[:0] = reversed([line for line in file.read().split("\n") if line])
        for temporary in (out_file.name, path_file.name, script.name):
            os.unlink(temporary)
        if not finish_step(contexts, name, step_id, code, outputs):
            return code
    return 0


def finish_step(contexts, name, step_id, code, outputs):
    """Records a step's outcome and outputs; False when it failed, which ends the job."""
    outcome = "success" if code == 0 else "failure"
    print(f"workflow_runner: {outcome:7}{name} (exit code {code})", flush=True)
    contexts["steps"][step_id] = {"outcome": outcome, "conclusion": outcome,
                                  "outputs": outputs}
    return code == 0


if __name__ == "__main__":
    sys.exit(main())
