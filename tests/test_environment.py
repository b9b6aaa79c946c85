"""The pinned environment: pip requirements and environment.yml name the same versions."""

from __future__ import annotations

import re

import yaml
from conftest import REPO


def _pins(lines):
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = re.split(r"==|=", line, maxsplit=1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_environment_yml_matches_pip_pins():
    direct = _pins((REPO / "requirements.in").read_text().splitlines())
    lock = _pins((REPO / "requirements.txt").read_text().splitlines())
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda = _pins(d for d in env["dependencies"] if isinstance(d, str) and "=" in d)
    conda.pop("python")
    assert conda == direct
    for name, version in direct.items():
        assert lock.get(name) == version, f"{name}: requirements.txt has {lock.get(name)}, requirements.in {version}"


def test_every_requirement_is_pinned_exactly():
    for line in (REPO / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert "==" in line, line
