"""The notebooks' statistical settings live in config/statistics.yaml, one section per notebook, and
reach the package's functions through the notebook (``settings = nb.settings()``): every setting is
read, none is a module default standing in for it."""

from __future__ import annotations

import re

import yaml
from conftest import REPO

from migration_evidence.notebooks.registry import load_notebooks

SETTINGS = yaml.safe_load((REPO / "config" / "statistics.yaml").read_text(encoding="utf-8"))
NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")


def test_each_section_belongs_to_a_notebook_that_declares_the_file_as_input():
    for name in SETTINGS:
        assert NOTEBOOKS[name].inputs.get("statistics") == "config/statistics.yaml", name


def test_every_setting_is_read_by_its_notebook_and_nothing_else_is_asked_for():
    for name, section in SETTINGS.items():
        source = (REPO / NOTEBOOKS[name].source).read_text(encoding="utf-8")
        read = set(re.findall(r'settings\["(\w+)"\]', source))
        assert read == set(section), f"{name}: reads {sorted(read)}, config/statistics.yaml has {sorted(section)}"
