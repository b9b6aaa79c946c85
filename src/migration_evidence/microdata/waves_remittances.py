"""Banco de México's municipal remittances (CE166): the wide file read strictly, its names matched to INEGI
codes by the declared normalisation and exceptions (``config/municipal_waves.yaml``,
``data/raw/banxico_municipality_names.csv``), and what is left unmatched on either side."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..columns import check_header
from ..errors import InputError
from ..raw_csv import read_csv_strict
from ..registers import REGISTERS, read_register
from .waves_specs import RemittanceFile

EXCEPTION_COLUMNS = list(REGISTERS["banxico_municipality_names"].columns)


@dataclass(frozen=True)
class RemittanceRows:
    """The wide file read: one row per municipality name (state rows kept apart), values in USD millions."""

    path: str
    municipalities: pd.DataFrame  # banxico_state, banxico_name, _line, one column per quarter label
    states: pd.DataFrame  # banxico_state, _line, one column per quarter label


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def read_remittances(path: str | Path, spec: RemittanceFile) -> RemittanceRows:
    """Read the wide file strictly: the declared header, every row a state ("●") or one of its
    municipalities ("⚬"), every value a non-negative decimal number."""
    path = str(path)
    raw = read_csv_strict(path)
    check_header(path, raw.header, (spec.name_column, *spec.quarter_labels), "in config/municipal_waves.yaml")
    states, municipalities = [], []
    state = None
    for record, line in zip(raw.rows, raw.lines, strict=True):
        label = record[0]
        if spec.state_marker in label:
            state = label.split(spec.state_marker, 1)[1].strip()
            kind = "state"
        elif spec.municipality_marker in label:
            kind = "municipality"
            if state is None:
                raise InputError(
                    path, "a municipality before any state row", line=line, row=label, column=spec.name_column
                )
        else:
            raise InputError(
                path,
                f"a row must be a state ({spec.state_marker}) or a municipality ({spec.municipality_marker})",
                line=line,
                row=label,
                column=spec.name_column,
                text=label,
            )
        out: dict[str, object] = {"banxico_state": state, "_line": line}
        if kind == "municipality":
            out["banxico_name"] = label.split(spec.municipality_marker, 1)[1].strip()
        for column, text in zip(spec.quarter_labels, record[1:], strict=True):
            if not _NUMBER.fullmatch(text):
                raise InputError(
                    path, "not a non-negative decimal number", line=line, row=label.strip(), column=column, text=text
                )
            out[column] = float(text)
        (states if kind == "state" else municipalities).append(out)
    return RemittanceRows(path, pd.DataFrame(municipalities), pd.DataFrame(states))


def normalise_name(name: str, steps: tuple[str, ...]) -> str:
    """A name after the declared normalisation steps (config/municipal_waves.yaml), in their order."""
    for step in steps:
        if step == "strip":
            name = name.strip()
        elif step == "casefold":
            name = name.casefold()
        elif step == "strip_accents":
            name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        elif step == "collapse_blanks":
            name = " ".join(name.split())
        elif step == "drop_punctuation":
            name = " ".join(re.sub(r"[^\w ]", " ", name).split())
        else:  # pragma: no cover - the loader refuses unknown steps
            raise ValueError(step)
    return name


def read_exceptions(path: str | Path) -> pd.DataFrame:
    """The declared exceptions to the name rules (the register ``banxico_municipality_names``): state names
    and municipality names, each with its INEGI code and reason."""
    path = str(path)
    frame = read_register(path, "banxico_municipality_names")
    short = frame[frame["reason"].str.len() < 20]
    if not short.empty:
        first = short.iloc[0]
        raise InputError(
            path,
            "every exception needs its reason",
            line=int(first["_line"]),
            row=first["banxico_state"],
            column="reason",
            text=first["reason"],
        )
    frame["inegi_code"] = frame["inegi_code"].astype("int64")
    return frame[[*EXCEPTION_COLUMNS, "_line"]]


def match_remittances(
    rows: RemittanceRows, inegi: pd.DataFrame, exceptions: pd.DataFrame, spec: RemittanceFile, exceptions_path: str
) -> pd.DataFrame:
    """Each Banxico municipality name with the INEGI code it is matched to and how.

    ``inegi`` has municipality_key, state_code, state_name, municipality_name. States: the same name
    after normalisation, or a declared state exception. Municipalities, within the state: the same name
    after normalisation, or a declared municipality exception. The "No identificado" rows are kept,
    marked ``unidentified``; a name matching two INEGI municipalities, or an exception that matches
    nothing, stops the build.
    """
    steps = spec.normalisation
    state_codes = {normalise_name(n, steps): c for n, c in inegi.groupby("state_name")["state_code"].first().items()}
    state_exceptions = exceptions[exceptions["level"] == "state"]
    state_codes.update({normalise_name(r.banxico_state, steps): r.inegi_code for r in state_exceptions.itertuples()})
    frame = rows.municipalities.copy()
    frame["state_code"] = frame["banxico_state"].map(lambda s: state_codes.get(normalise_name(s, steps)))
    unknown = frame[frame["state_code"].isna()]
    if not unknown.empty:
        first = unknown.iloc[0]
        raise InputError(
            rows.path,
            f"state {first['banxico_state']!r} matches no INEGI state name; declare it in {exceptions_path}",
            line=int(first["_line"]),
            row=first["banxico_state"],
        )
    frame["state_code"] = frame["state_code"].astype("int64")
    inegi_keys = inegi.assign(normalised=inegi["municipality_name"].map(lambda n: normalise_name(n, steps)))
    duplicated = inegi_keys[inegi_keys.duplicated(["state_code", "normalised"], keep=False)]
    unique = inegi_keys.drop_duplicates(["state_code", "normalised"], keep=False)
    lookup = dict(
        zip(zip(unique["state_code"], unique["normalised"], strict=True), unique["municipality_key"], strict=True)
    )
    municipality_keys = set(inegi["municipality_key"])
    exception_lookup = {
        (normalise_name(r["banxico_state"], steps), normalise_name(r["banxico_name"], steps)): r
        for r in exceptions[exceptions["level"] == "municipality"].reset_index().to_dict("records")
    }
    ambiguous = set(zip(duplicated["state_code"], duplicated["normalised"], strict=True))
    used = set()
    keys, methods = [], []
    for row in frame.to_dict("records"):
        name = normalise_name(row["banxico_name"], steps)
        exception = exception_lookup.get((normalise_name(row["banxico_state"], steps), name))
        if row["banxico_name"] == spec.unidentified:
            keys.append(pd.NA)
            methods.append("unidentified")
        elif exception is not None:
            used.add(exception["index"])
            if exception["inegi_code"] not in municipality_keys:
                raise InputError(
                    exceptions_path,
                    "the exception names an INEGI code that is not a municipality",
                    line=int(exception["_line"]),
                    column="inegi_code",
                    text=str(exception["inegi_code"]),
                )
            keys.append(exception["inegi_code"])
            methods.append("exception")
        elif (row["state_code"], name) in ambiguous:
            raise InputError(
                rows.path,
                "the name matches two INEGI municipalities of the state; declare which in " + exceptions_path,
                line=int(row["_line"]),
                row=row["banxico_name"],
            )
        elif (row["state_code"], name) in lookup:
            keys.append(int(lookup[(row["state_code"], name)]))
            methods.append("rule")
        else:
            keys.append(pd.NA)
            methods.append("unmatched")
    unused = exceptions[(exceptions["level"] == "municipality") & ~exceptions.index.isin(used)]
    if not unused.empty:
        first = unused.iloc[0]
        raise InputError(
            exceptions_path,
            f"the exception matches no name of {rows.path}",
            line=int(first["_line"]),
            column="banxico_name",
            text=first["banxico_name"],
        )
    frame["municipality_key"] = pd.array(keys, dtype="Int64")
    frame["match"] = methods
    twice = frame[frame["municipality_key"].notna() & frame.duplicated("municipality_key", keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        raise InputError(
            rows.path,
            f"two Banxico names are matched to INEGI code {int(first['municipality_key'])}",
            line=int(first["_line"]),
            row=first["banxico_name"],
        )
    return frame


def match_by_state(matches: pd.DataFrame, inegi: pd.DataFrame) -> pd.DataFrame:
    """Names matched by rule and by exception, unmatched and unidentified, by state, with the INEGI
    municipalities no Banxico name reaches."""
    counts = pd.crosstab(matches["state_code"], matches["match"]).reindex(
        columns=["rule", "exception", "unmatched", "unidentified"], fill_value=0
    )
    municipalities = inegi.groupby("state_code").agg(
        state_name=("state_name", "first"), inegi_municipalities=("municipality_key", "size")
    )
    reached = matches.dropna(subset=["municipality_key"]).groupby("state_code").size()
    out = municipalities.join(counts).fillna(0)
    out["banxico_names"] = out[["rule", "exception", "unmatched"]].sum(axis=1)
    out["inegi_without_banxico_name"] = out["inegi_municipalities"] - reached.reindex(out.index, fill_value=0)
    out = out.reset_index().rename(
        columns={"rule": "matched_by_rule", "exception": "matched_by_exception", "unidentified": "no_identificado_rows"}
    )
    columns = [
        "state_code",
        "state_name",
        "inegi_municipalities",
        "banxico_names",
        "matched_by_rule",
        "matched_by_exception",
        "unmatched",
        "no_identificado_rows",
        "inegi_without_banxico_name",
    ]
    out = out[columns]
    total = {"state_code": 0, "state_name": "National", **{c: int(out[c].sum()) for c in columns[2:]}}
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    for column in columns[2:]:
        out[column] = out[column].astype("int64")
    matched = out["matched_by_rule"] + out["matched_by_exception"]
    out["match_rate_pct"] = (100 * matched / out["banxico_names"]).round(4)
    return out


def unmatched_table(matches: pd.DataFrame, inegi: pd.DataFrame, spec: RemittanceFile) -> pd.DataFrame:
    """Every name of either side left without a partner: Banxico names (with their remittances in the
    comparison year and over the whole file) and INEGI municipalities no Banxico name reaches."""
    year_columns = [c for c in spec.quarter_labels if c.endswith(str(spec.comparison_year))]
    left = matches[matches["match"].isin(["unmatched", "unidentified"])]
    banxico = pd.DataFrame(
        {
            "side": "banxico",
            "state_code": left["state_code"],
            "name": left["banxico_name"],
            "municipality_key": pd.array([pd.NA] * len(left), dtype="Int64"),
            "status": left["match"].map(
                {
                    "unmatched": "no INEGI municipality of this name in the state",
                    "unidentified": "Banxico's own unallocated row",
                }
            ),
            f"remittances_usd_millions_{spec.comparison_year}": left[year_columns].sum(axis=1).round(6),
            "remittances_usd_millions_all_quarters": left[list(spec.quarter_labels)].sum(axis=1).round(6),
        }
    )
    reached = set(matches["municipality_key"].dropna().astype(int))
    missing = inegi[~inegi["municipality_key"].isin(reached)]
    others = pd.DataFrame(
        {
            "side": "inegi",
            "state_code": missing["state_code"],
            "name": missing["municipality_name"],
            "municipality_key": pd.array(missing["municipality_key"], dtype="Int64"),
            "status": "no Banxico row (Banxico lists 2,456 municipalities, INEGI's 2020 list 2,469)",
            f"remittances_usd_millions_{spec.comparison_year}": math.nan,
            "remittances_usd_millions_all_quarters": math.nan,
        }
    )
    out = pd.concat([banxico, others], ignore_index=True)
    return out.sort_values(["side", "state_code", "name"], kind="stable").reset_index(drop=True)
