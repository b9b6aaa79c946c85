"""The statistical settings live in config/statistics.yaml, one section per regression notebook or per
rule that computes estimates. A notebook's section reaches the package's functions through the notebook
(``settings = nb.settings()``); a rule's section through the rule's parameter ``settings`` and its
script. Every setting is read, none is a module default standing in for it."""

from __future__ import annotations

import re

import yaml
from conftest import REPO

from migration_evidence.notebooks.registry import load_notebooks

SETTINGS = yaml.safe_load((REPO / "config" / "statistics.yaml").read_text(encoding="utf-8"))
NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")
RULES = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "workflow" / "rules").glob("*.smk")))


def _rule_script(section: str) -> str:
    """The source of the script of the rule that passes ``section`` as its ``settings``."""
    within_rule = r"(?:(?!\nrule ).)*?"
    pattern = (
        rf"rule (\w+):{within_rule}settings=STATISTICS\[\"{section}\"\]{within_rule}"
        r"script:\s*\"\.\./scripts/(\w+\.py)\""
    )
    match = re.search(pattern, RULES, flags=re.DOTALL)
    assert match, f"no rule passes config/statistics.yaml's section {section} as its settings"
    return (REPO / "workflow" / "scripts" / match.group(2)).read_text(encoding="utf-8")


def test_each_section_belongs_to_a_notebook_that_declares_the_file_or_to_a_rule():
    for name in SETTINGS:
        if name in NOTEBOOKS:
            assert NOTEBOOKS[name].inputs.get("statistics") == "config/statistics.yaml", name
        else:
            _rule_script(name)


def test_every_setting_is_read_and_nothing_else_is_asked_for():
    for name, section in SETTINGS.items():
        if name in NOTEBOOKS:
            source = (REPO / NOTEBOOKS[name].source).read_text(encoding="utf-8")
        else:
            source = _rule_script(name)
        read = set(re.findall(r'settings\["(\w+)"\]', source))
        assert read == set(section), f"{name}: reads {sorted(read)}, config/statistics.yaml has {sorted(section)}"
