#!/usr/bin/env python3
"""Runs the steps of a composite GitHub action on this machine, as the Actions runner
would: `${{ }}` expressions (the subset actions use: contexts, literals, ==, !=, &&, ||, !,
parentheses, success(), failure(), always(), cancelled()), step `if:` conditions, `env:`,
`run:` steps with bash and `-eo pipefail`, a fresh GITHUB_OUTPUT file per step whose
outputs later steps read, one GITHUB_STEP_SUMMARY, and the action's `outputs:`.

`uses:` steps are simulated: actions/cache does nothing, actions/upload-artifact copies
its files to ARTIFACTS/NAME/.
The steps see the action's path in $GITHUB_ACTION_PATH, while `${{ github.action_path }}`
gives a path that does not exist here, as in a job with `container:`, where the
expression is the host's path.

usage: action_runner.py ACTION_YML --context CONTEXT_JSON --inputs INPUTS_JSON
                        --workspace DIR --outputs FILE --artifacts DIR

CONTEXT_JSON holds the `github` and `runner` contexts. The action's outputs are written
to FILE as name=value lines. The exit code is that of the last failed step, or 0.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml


# Prefixed to the action's path in the `github.action_path` context (see run_action).
HOST_ONLY = "/host-only/runner/_work/_actions"


class Expression:
    """A recursive-descent evaluator of GitHub Actions expressions."""

    TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)"
                       r"|(?P<op>==|!=|&&|\|\||!|\(|\)|\.|\[|\]|,)"
                       r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*))")

    def __init__(self, text, contexts, status):
        self.tokens = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = self.TOKEN.match(text, position)
            if not match or match.end() == position:
                raise ValueError(f"cannot read expression at {text[position:]!r}")
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
            while position < len(text) and text[position].isspace():
                position += 1
        self.position = 0
        self.contexts = contexts
        self.status = status

    def evaluate(self):
        value = self.or_expression()
        if self.position != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.position]}")
        return value

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else (None, None)

    def take(self, expected=None):
        token = self.peek()
        if expected is not None and token[1] != expected:
            raise ValueError(f"expected {expected!r}, got {token}")
        self.position += 1
        return token

    def or_expression(self):
        value = self.and_expression()
        while self.peek()[1] == "||":
            self.take()
            right = self.and_expression()
            value = value if truthy(value) else right
        return value

    def and_expression(self):
        value = self.comparison()
        while self.peek()[1] == "&&":
            self.take()
            right = self.comparison()
            value = right if truthy(value) else value
        return value

    def comparison(self):
        value = self.unary()
        if self.peek()[1] in ("==", "!="):
            operator = self.take()[1]
            right = self.unary()
            equal = normalise(value) == normalise(right)
            return equal if operator == "==" else not equal
        return value

    def unary(self):
        if self.peek()[1] == "!":
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if text == "(":
            value = self.or_expression()
            self.take(")")
            return value
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text)
        if kind != "name":
            raise ValueError(f"unexpected {text!r}")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self.peek()[1] == "(":
            self.take()
            self.take(")")
            return {"success": not self.status["failed"], "failure": self.status["failed"],
                    "always": True, "cancelled": False}[text]
        value = self.contexts.get(text)
        while self.peek()[1] in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = self.or_expression()
                self.take("]")
            value = value.get(key) if isinstance(value, dict) else None
        return value


def truthy(value):
    return value not in (None, False, 0, 0.0, "")


def normalise(value):
    return value.lower() if isinstance(value, str) else value


def to_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def interpolate(text, contexts, status):
    return re.sub(r"\$\{\{(.*?)\}\}",
                  lambda m: to_text(Expression(m.group(1), contexts, status).evaluate()),
                  str(text))


def condition(text, contexts, status):
    text = str(text).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    return truthy(Expression(text, contexts, status).evaluate())


def read_outputs(path):
    outputs = {}
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            while index < len(lines) and lines[index] != delimiter:
                value.append(lines[index])
                index += 1
            index += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def run_action(action_file, contexts, given, workspace, artifacts, summary, environment=None):
    """Runs the composite action in ACTION_FILE with the inputs GIVEN (a dict of strings)
    and the `github` and `runner` CONTEXTS, its steps in ENVIRONMENT (default: this
    process's); returns the exit code of its last failed step (0 when none failed) and
    its outputs."""
    with open(action_file, encoding="utf-8") as file:
        action = yaml.safe_load(file)
    action_path = os.path.dirname(os.path.abspath(action_file))
    contexts = dict(contexts)
    # As in a job with `container:`: `${{ github.action_path }}` is the path on the host,
    # which the steps (running in the container) cannot see, and only $GITHUB_ACTION_PATH
    # is the path where they run. The context holds a host path that does not exist here,
    # so that a step that uses the expression fails as it would in a container.
    contexts["github"] = dict(contexts["github"], action_path=HOST_ONLY + action_path)
    contexts["steps"] = {}
    status = {"failed": False}

    inputs = {}
    for name, spec in action.get("inputs", {}).items():
        if name in given:
            inputs[name] = str(given[name])
        elif spec.get("required") and "default" not in spec:
            sys.exit(f"action_runner: input {name} is required")
        else:
            inputs[name] = interpolate(spec.get("default", ""), contexts, status)
    unknown = set(given) - set(inputs)
    if unknown:
        sys.exit(f"action_runner: unknown inputs {sorted(unknown)}")
    contexts["inputs"] = inputs

    exit_code = 0
    for number, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", step.get("uses", f"step {number}"))
        step_id = step.get("id", f"__step{number}")
        if not condition(step.get("if", "success()"), contexts, status):
            print(f"action_runner: skip   {name}", flush=True)
            contexts["steps"][step_id] = {"outcome": "skipped", "conclusion": "skipped",
                                          "outputs": {}}
            continue
        print(f"action_runner: run    {name}", flush=True)
        outputs = {}
        code = 0
        if "uses" in step:
            code = simulate(step, contexts, status, workspace, artifacts)
        else:
            if step.get("shell") != "bash":
                sys.exit(f"action_runner: step {name!r}: expected shell: bash")
            env = dict(os.environ if environment is None else environment)
            env.update({k: interpolate(v, contexts, status) for k, v in step.get("env", {}).items()})
            with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False) as out_file, \
                    tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
                script.write(interpolate(step["run"], contexts, status))
            env.update({"GITHUB_OUTPUT": out_file.name, "GITHUB_STEP_SUMMARY": summary,
                        "GITHUB_ACTION_PATH": action_path, "GITHUB_ACTIONS": "true",
                        "GITHUB_WORKSPACE": workspace,
                        "RUNNER_TEMP": contexts["runner"]["temp"]})
            code = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail",
                                   script.name], cwd=workspace, env=env,
                                  check=False).returncode
            outputs = read_outputs(out_file.name)
            os.unlink(out_file.name)
            os.unlink(script.name)
        outcome = "success" if code == 0 else "failure"
        print(f"action_runner: {outcome:7}{name} (exit code {code})", flush=True)
        if code != 0:
            status["failed"] = True
            exit_code = code
        contexts["steps"][step_id] = {"outcome": outcome, "conclusion": outcome,
                                      "outputs": outputs}

    values = {name: interpolate(spec["value"], contexts, status)
              for name, spec in action.get("outputs", {}).items()}
    return exit_code, values


def simulate(step, contexts, status, workspace, artifacts):
    """A `uses:` step of the action: actions/cache does nothing, actions/upload-artifact
    copies its files to ARTIFACTS/NAME/. Returns the step's exit code."""
    uses = step["uses"]
    with_ = {k: interpolate(v, contexts, status) for k, v in step.get("with", {}).items()}
    if uses.startswith("actions/cache@"):
        return 0
    if not uses.startswith("actions/upload-artifact@"):
        sys.exit(f"action_runner: cannot simulate {uses}")
    target = os.path.join(artifacts, with_["name"])
    os.makedirs(target, exist_ok=True)
    for path in filter(None, (p.strip() for p in with_["path"].split("\n"))):
        source = os.path.join(workspace, path)
        if os.path.isfile(source):
            shutil.copy(source, target)
        elif with_.get("if-no-files-found", "warn") == "error":
            return 1
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action")
    parser.add_argument("--context", required=True)
    parser.add_argument("--inputs", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--outputs", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()

    with open(args.context, encoding="utf-8") as file:
        contexts = json.load(file)
    with open(args.inputs, encoding="utf-8") as file:
        given = json.load(file)
    summary = os.environ.get("GITHUB_STEP_SUMMARY") or os.path.join(args.workspace, "summary.md")
    exit_code, outputs = run_action(args.action, contexts, given, args.workspace,
                                    args.artifacts, summary)
    with open(args.outputs, "w", encoding="utf-8") as file:
        for name, value in outputs.items():
            file.write(f"{name}={value}\n")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
