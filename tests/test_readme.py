"""The README's first screen: exactly two set-up commands, and CI runs the test one."""

from __future__ import annotations

import re

from conftest import ROOT


def _commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = text.split("## A short tour")[0]
    return re.findall(r"```bash\n(.+?)\n```", first_screen, flags=re.S)


def test_two_setup_commands_on_the_first_screen():
    cmds = _commands()
    assert len(cmds) == 2
    assert all(c.startswith("python3 -m venv .venv && ") for c in cmds)
    assert "corpus/sample" in cmds[0] and "reports" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()
    assert "set -euo pipefail" in ci
