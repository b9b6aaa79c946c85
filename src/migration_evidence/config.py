"""Configuration files checked against their JSON Schemas before anything reads them.

Every ``config/*.yaml`` has a schema in ``workflow/schemas/<name>.schema.yaml`` that lists its keys
(``additionalProperties: false``): a misspelled key (``audits:`` for ``audit:``) is an error, not a
setting silently ignored. The workflow checks every file when it starts; an error names the file, the
key (as a path from the top of the file) and what is wrong, without repeating the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    import jsonschema

# libyaml's parser where PyYAML has it (its wheels do): the same documents, parsed about ten times
# faster than by the pure-Python one. Every YAML file of the package is read with load_yaml.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: Any) -> Any:
    """A YAML document (text or an open file) read safely, as ``yaml.safe_load`` would."""
    return yaml.load(stream, Loader=_LOADER)


class ConfigError(ValueError):
    """A configuration file that does not match its schema."""

    def __init__(self, path: str | Path, key: str, message: str) -> None:
        self.path, self.key = str(path), key
        super().__init__(f"{path}: {key}: {message}" if key else f"{path}: {message}")


def _key_path(parts) -> str:
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in parts).replace(".[", "[")


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """The key an error is about and a sentence for it (unknown keys named one by one)."""
    where = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = set(error.schema.get("properties", {}))
        unknown = sorted(str(k) for k in error.instance if k not in known)
        allowed = ", ".join(sorted(known))
        return _key_path([*where, unknown[0]]), f"unknown key {unknown[0]!r} (allowed here: {allowed})"
    if error.validator == "required":
        return _key_path(where), error.message.replace("is a required property", "is required here")
    return _key_path(where), f"{error.message}"


def check_config(data: Any, schema_path: str | Path, source: str | Path) -> None:
    """Raise :class:`ConfigError` for the first problem (in file order) of ``data`` read from ``source``."""
    import jsonschema  # only where a schema is checked: it takes a third of a second to import

    schema = load_yaml(Path(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        key, message = _describe(error)
        raise ConfigError(source, key, message)


def read_config(path: str | Path, schema_path: str | Path) -> Any:
    """Read a YAML configuration file and check it against its schema."""
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(path, "", f"not valid YAML: {exc}") from None
    check_config(data, schema_path, path)
    return data


def schema_for(name: str, schema_dir: str | Path) -> Path:
    """The schema of a configuration file named by its config key (``tables`` → ``tables.schema.yaml``)."""
    return Path(schema_dir) / f"{name}.schema.yaml"


MEXICAN_STATES = range(1, 33)  # INEGI state codes (CVE_ENT), 1 Aguascalientes ... 32 Zacatecas


def check_migration_regions(data: Mapping[str, Any], path: str | Path) -> None:
    """Beyond its schema: the regions partition the 32 states (each state in exactly one region), and
    the traditional region and its sensitivity states are among them."""
    regions = data["regions"]
    where: dict[int, str] = {}
    for name, region in regions.items():
        for state in region["states"]:
            if state in where:
                raise ConfigError(
                    path,
                    f"regions.{name}.states",
                    f"state {state} is already in region {where[state]!r}: "
                    "the regions must partition the 32 states (each state in exactly one region)",
                )
            where[state] = name
    missing = [state for state in MEXICAN_STATES if state not in where]
    if missing:
        raise ConfigError(
            path, "regions", f"states {missing} are in no region: the regions must partition the 32 states"
        )
    if data["traditional_region"] not in regions:
        raise ConfigError(
            path,
            "traditional_region",
            f"{data['traditional_region']!r} is not a region (regions: {', '.join(regions)})",
        )
    outside = [s for s in data["sensitivity_without"] if where[s] != data["traditional_region"]]
    if outside:
        raise ConfigError(
            path, "sensitivity_without", f"states {outside} are not in the region {data['traditional_region']!r}"
        )


# Checks beyond the schema, by config key.
SEMANTIC_CHECKS = {"migration_regions": check_migration_regions}


def check_config_files(config: Mapping[str, Any], config_path: str | Path, schema_dir: str | Path) -> None:
    """Check the main configuration and every YAML file it names, each against its own schema (and,
    for the files of :data:`SEMANTIC_CHECKS`, what a schema cannot say)."""
    check_config(dict(config), schema_for("config", schema_dir), config_path)
    for key, value in config.items():
        if isinstance(value, str) and value.endswith((".yaml", ".yml")):
            data = read_config(value, schema_for(key, schema_dir))
            if key in SEMANTIC_CHECKS:
                SEMANTIC_CHECKS[key](data, value)
