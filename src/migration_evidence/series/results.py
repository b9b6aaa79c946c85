"""Results computed from the external series: growth of remittances by period, the documents'
statements about remittances checked against Banco de México's figures, and the accounting identities
of CONAPO's series of Mexican-born workers (``results/tables/``, declared in
``config/external_series.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import InputError
from ..printed.numbers import PrintedFormat, PrintedNumberError, parse_printed_number
from ..printed.statements import approximate_marker, read_stated_number, rule_in_words, stated_half_width
from ..registers import read_register
from .specs import ExternalConfig

CLAIM_COLUMNS = ["claim_id", "document", "first_line", "last_line", "quote", "stated_text", "stated_value", "unit"]
CLAIM_UNITS = {"times": 1, "USD millions": 10**6}  # what one unit of stated_value is
AGREES = "agrees at the stated precision"
DISAGREES = "does not agree at the stated precision"


def compound_annual_growth(start: float, end: float, years: int) -> float:
    """Compound annual growth rate, as a fraction: (end / start) ** (1 / years) - 1.

    >>> round(compound_annual_growth(100.0, 121.0, 2), 10)
    0.1
    """
    if years <= 0 or start <= 0:
        raise ValueError("growth needs a positive start value and a positive number of years")
    return (end / start) ** (1 / years) - 1


def _value(remittances: pd.DataFrame, year: int, vintage: str) -> float:
    match = remittances[(remittances["year"] == year) & (remittances["vintage"] == vintage)]
    if len(match) != 1:
        raise KeyError(f"no single {vintage} remittance value for {year}")
    return float(match["value_usd_millions"].iloc[0])


def growth_rates(remittances: pd.DataFrame, config: ExternalConfig) -> pd.DataFrame:
    """Compound annual growth of remittances for each declared period, within one vintage at a time."""
    rows = []
    for period in config.growth_periods:
        start, end = int(period["start"]), int(period["end"])
        for vintage in period["vintages"]:
            first, last = _value(remittances, start, vintage), _value(remittances, end, vintage)
            rows.append(
                {
                    "period": f"{start}-{end}",
                    "label": period["label"],
                    "drawn_on_chart": bool(period.get("drawn", False)) and vintage == config.chart_vintage,
                    "vintage": vintage,
                    "start_year": start,
                    "end_year": end,
                    "years": end - start,
                    "start_usd_millions": first,
                    "end_usd_millions": last,
                    "ratio": last / first,
                    "cagr_pct": 100 * compound_annual_growth(first, last, end - start),
                }
            )
    return pd.DataFrame(rows)


def read_remittance_claims(path: str | Path) -> pd.DataFrame:
    """The documents' statements about remittances, each with its document lines."""
    number = PrintedFormat("decimal", group=",", decimal=".")
    records = []
    # Columns, filled-in cells and unique ids: the register's schema (migration_evidence.registers).
    for _, row in read_register(path, "remittance_claims").iterrows():
        line = int(row["_line"])
        record = [row[c] for c in CLAIM_COLUMNS]
        out: dict[str, Any] = {c: row[c] for c in CLAIM_COLUMNS}
        for name, fmt in [
            ("first_line", PrintedFormat("integer")),
            ("last_line", PrintedFormat("integer")),
            ("stated_value", number),
        ]:
            try:
                out[name] = parse_printed_number(out[name], fmt).value
            except PrintedNumberError as exc:
                raise InputError(str(path), str(exc), line=line, row=record[0], column=name, text=out[name]) from None
        if out["unit"] not in CLAIM_UNITS:
            raise InputError(
                str(path),
                f"unit must be one of {sorted(CLAIM_UNITS)}",
                line=line,
                row=record[0],
                column="unit",
                text=out["unit"],
            )
        if out["stated_text"] not in out["quote"]:
            raise InputError(
                str(path),
                "the stated text must occur in the quote",
                line=line,
                row=record[0],
                column="stated_text",
                text=out["stated_text"],
            )
        out["_line"] = line
        records.append(out)
    return pd.DataFrame.from_records(records)


def _fmt(value: float) -> str:
    return f"{value:,.1f}" if value != round(value) else f"{value:,.0f}"


def accepted_range(claim: pd.Series, approximate_markers: list[str] | tuple[str, ...], claims_path: str):
    """The figures a statement agrees with, in the register's unit, by the one rule for approximate
    statements (:mod:`migration_evidence.printed.statements`): the number the statement writes, in its
    own scale ("thirty-fold": 30; "US$15 billion": 15 billion), is read to half a unit of its last
    non-zero digit if the quote marks it as approximate, of its last written digit otherwise.

    Returns (low, high, the rule in words). The number the statement writes must equal ``stated_value``.
    """
    try:
        number = read_stated_number(claim["stated_text"])
    except ValueError as exc:
        raise InputError(
            claims_path, str(exc), line=int(claim["_line"]), row=claim["claim_id"], column="stated_text",
            text=claim["stated_text"],
        ) from None  # fmt: skip
    unit = CLAIM_UNITS[claim["unit"]]
    if float(number.value * number.multiplier / unit) != float(claim["stated_value"]):
        raise InputError(
            claims_path,
            f"the statement writes {number.digits} {number.scale}".rstrip() + f", not this value in {claim['unit']}",
            line=int(claim["_line"]),
            row=claim["claim_id"],
            column="stated_value",
            text=str(claim["stated_value"]),
        )
    marker = approximate_marker(claim["quote"], approximate_markers)
    half_width = float(stated_half_width(number.digits, marker is not None) * number.multiplier / unit)
    stated = float(claim["stated_value"])
    return stated - half_width, stated + half_width, rule_in_words(marker)


def check_remittance_claims(
    remittances: pd.DataFrame,
    claims: pd.DataFrame,
    config: ExternalConfig,
    claims_path: str,
    *,
    approximate_markers: list[str] | tuple[str, ...],
) -> pd.DataFrame:
    """Compare each stated figure with the series; one row per claim and comparison. Each statement
    agrees with the figures in its :func:`accepted_range` (``approximate_markers``: the declared words
    that mark a number as approximate, ``approximate_statements`` in ``config/config.yaml``)."""
    declared = set(config.claims)
    for _, claim in claims.iterrows():
        if claim["claim_id"] not in declared:
            raise InputError(
                claims_path,
                "no comparison declared for this claim in config/external_series.yaml",
                line=int(claim["_line"]),
                row=claim["claim_id"],
                column="claim_id",
                text=claim["claim_id"],
            )
    missing = declared - set(claims["claim_id"])
    if missing:
        raise InputError(claims_path, f"claims declared in config/external_series.yaml but absent: {sorted(missing)}")
    rows = []
    for _, claim in claims.iterrows():
        rule = config.claims[claim["claim_id"]]
        stated = float(claim["stated_value"])
        low, high, precision = accepted_range(claim, approximate_markers, claims_path)
        for comparison in rule["comparisons"]:
            if "value" in comparison:
                year, vintage = comparison["value"]["year"], comparison["value"]["vintage"]
                recomputed = _value(remittances, year, vintage)
                label = f"{year} value, {vintage} vintage"
                formula = f"{year} ({vintage}) = {_fmt(recomputed)}"
                unit = "USD millions"
            else:
                num, den = comparison["numerator"], comparison["denominator"]
                top = _value(remittances, num["year"], num["vintage"])
                bottom = _value(remittances, den["year"], den["vintage"])
                recomputed = top / bottom
                label = f"{num['year']} ({num['vintage']}) / {den['year']} ({den['vintage']})"
                formula = f"{_fmt(top)} / {_fmt(bottom)} = {recomputed:.1f}"
                unit = "times"
            if unit != claim["unit"]:
                raise InputError(
                    claims_path,
                    f"the declared comparison is in {unit!r}",
                    line=int(claim["_line"]),
                    row=claim["claim_id"],
                    column="unit",
                    text=claim["unit"],
                )
            verdict = AGREES if low <= recomputed <= high else DISAGREES
            explanation = (
                f"{formula}; {claim['stated_text']!r} is {precision}, so it agrees with figures "
                f"from {_fmt(low)} to {_fmt(high)}. {comparison['note']}"
            )
            rows.append(
                {
                    "claim_id": claim["claim_id"],
                    "document": claim["document"],
                    "lines": f"{claim['first_line']}-{claim['last_line']}",
                    "stated_text": claim["stated_text"],
                    "stated_value": stated,
                    "unit": unit,
                    "comparison": label,
                    "recomputed_value": recomputed,
                    "accepted_low": low,
                    "accepted_high": high,
                    "verdict": verdict,
                    "explanation": explanation,
                }
            )
    return pd.DataFrame(rows)


def workers_accounting(workers: pd.DataFrame) -> pd.DataFrame:
    """Does each year add up? employed = primary + secondary + tertiary; active = employed + unemployed."""
    sectors = (
        workers["primary_sector_persons"] + workers["secondary_sector_persons"] + workers["tertiary_sector_persons"]
    )
    active = workers["employed_persons"] + workers["unemployed_persons"]
    out = pd.DataFrame(
        {
            "year": workers["year"],
            "employed_persons": workers["employed_persons"],
            "sectors_sum_persons": sectors,
            "sectors_minus_employed_persons": sectors - workers["employed_persons"],
            "economically_active_persons": workers["economically_active_persons"],
            "employed_plus_unemployed_persons": active,
            "employed_plus_unemployed_minus_active_persons": active - workers["economically_active_persons"],
        }
    )
    out["adds_up"] = (out["sectors_minus_employed_persons"] == 0) & (
        out["employed_plus_unemployed_minus_active_persons"] == 0
    )
    return out.reset_index(drop=True)
