"""Findings about the sources from the public statistical files, written in the source audit's columns.

Three kinds of rows (``results/findings/remittances_mexico_us_gap_2025.csv``):

- ``vintage``: Banco de México's current monthly file summed by calendar year, against the revised
  vintage already transcribed for 1995–2005 (data/raw/external/), and against the early vintage the
  paper used for 2003–2005; and the 2024 revision of mid-2026.
- ``internal_total``: the 32 states of the quarterly state file against the national monthly
  inflows, year by year.
- ``published_value``: Table 2's GDP per head and its US/Mexico ratio against the World Bank's
  current-dollar GDP divided by population; Mexico's 2023 GDP per head against the World Bank's
  published figure.

Every row gives the file and line of the value it compares with, the cells used, the printed text,
both values, their difference (printed − recomputed), the tolerance and a verdict: ``exact``,
``within_rounding``, ``consistent``, ``not_comparable`` or ``discrepancy``, with an explanation.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pandas as pd

from ..audit.verdicts import RESULT_COLUMNS, VERDICTS, comparison_verdict

# The source audit's columns and verdicts: the findings contract (docs/findings.md).
COLUMNS = list(RESULT_COLUMNS)

MONTHLY_FILE = "data/raw/statistical_files/banxico_remesas_mensuales_1995_2026.csv"
STATE_FILE = "data/raw/statistical_files/banxico_remesas_entidad_trimestral_2003_2026.csv"
GDP_FILE = "data/raw/statistical_files/worldbank_gdp_current_usd.csv"
POPULATION_FILE = "data/raw/statistical_files/worldbank_population.csv"


def _half_unit(text: str) -> float:
    """Half a unit of the last digit of a printed number ('3,672.7' -> 0.05, '7332' -> 0.5)."""
    digits = text.replace(",", "").replace(" ", "")
    exponent = Decimal(digits).as_tuple().exponent
    return float(Decimal(5) * Decimal(10) ** (exponent - 1))


def _verdict(difference: float, tolerance: float) -> str:
    return comparison_verdict(difference, tolerance)


def _row(**values) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(values)
    printed, recomputed = row["printed"], row["recomputed"]
    if printed != "" and recomputed != "":
        row["difference"] = printed - recomputed
        row["relative_difference"] = abs(printed - recomputed) / abs(recomputed) if recomputed else ""
    return row


def _raw_lines(path: str, key_columns: tuple[str, ...]) -> dict[tuple[str, ...], tuple[int, dict]]:
    """Each raw row by its key, with its file line."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return {tuple(r[c] for c in key_columns): (number, r) for number, r in enumerate(reader, start=2)}


def vintage_findings(annual: pd.DataFrame, transcribed_path: str) -> list[dict]:
    """The current monthly file's annual sums against the transcribed vintages, year by year."""
    raw = _raw_lines(transcribed_path, ("year", "vintage"))
    current = annual.set_index("year")["inflows_usd_millions"]
    rows = []
    for (year_text, vintage), (line, record) in sorted(raw.items()):
        year = int(year_text)
        if year not in current.index or vintage not in ("revised", "early") or (vintage == "early" and year < 2003):
            continue
        text = record["value_usd_millions"]
        printed = float(text.replace(",", ""))
        recomputed = round(float(current[year]), 6)
        cells = f"sum of the 12 monthly inflows (ID_FLUJO 1) of {year} in {MONTHLY_FILE}, in USD millions"
        common = dict(
            source="banxico_family_remittances_1980_2005",
            kind="vintage",
            file=transcribed_path,
            line=line,
            row=f"{year}, {vintage}",
            column="value_usd_millions",
            cells_used=cells,
            printed_text=text,
            printed=printed,
            recomputed=recomputed,
            relation="=",
        )
        if vintage == "revised":
            tolerance = _half_unit(text)
            verdict = "exact" if abs(printed - recomputed) < 1e-9 else _verdict(printed - recomputed, tolerance)
            rows.append(
                _row(
                    check_id=f"statistical_files:vintage:revised:{year}",
                    tolerance=tolerance,
                    verdict=verdict,
                    explanation=(
                        f"Banco de México's revised vintage of {year} as transcribed (source B, SIE CE81) against the "
                        "current monthly file summed over the calendar year, rounded as transcribed: the same vintage."
                    ),
                    **common,
                )
            )
        else:
            rows.append(
                _row(
                    check_id=f"statistical_files:vintage:early:{year}",
                    tolerance="",
                    verdict=comparison_verdict(printed - recomputed, 0, comparable=False),
                    explanation=(
                        f"Different vintage: {text} is the figure first published for {year} (the one the NAFTA paper "
                        "could use); Banco de México later revised 2003 onward upward, and the current monthly file "
                        "holds the revised figure. Never spliced: each is used within its own vintage."
                    ),
                    **common,
                )
            )
    return rows


def revision_2024_finding(annual: pd.DataFrame, earlier_vintage_2024: dict) -> dict:
    """Banco de México's mid-2026 revision of 2024, recorded so that a later download is not a surprise."""
    recomputed = round(float(annual.set_index("year").loc[2024, "inflows_usd_millions"]), 6)
    printed = float(earlier_vintage_2024["value_usd_millions"])
    return _row(
        check_id="statistical_files:vintage:revision:2024",
        source="banxico_family_remittances_monthly_1995_2026",
        kind="vintage",
        file=earlier_vintage_2024["cited_in"],
        line="",
        row="2024",
        column="",
        cells_used=f"sum of the 12 monthly inflows of 2024 in {MONTHLY_FILE}, in USD millions",
        printed_text=earlier_vintage_2024["text"],
        printed=printed,
        recomputed=recomputed,
        tolerance="",
        relation="=",
        verdict=comparison_verdict(printed - recomputed, 0, comparable=False),
        explanation=(
            "Different vintage: Banco de México revised the months of 2024 upward in mid-2026. The committed monthly "
            f"file holds the later vintage; the earlier one ({earlier_vintage_2024['text']}) is the national total of "
            f"{earlier_vintage_2024['source']}. A user who downloads the series later may get other 2024 figures, "
            "and then the md5 check stops the build."
        ),
    )


def state_total_findings(totals: pd.DataFrame) -> list[dict]:
    rows = []
    for record in totals.itertuples(index=False):
        printed = record.national_usd / 1e6
        recomputed = record.states_sum_usd / 1e6
        tolerance = record.tolerance_usd / 1e6
        rows.append(
            _row(
                check_id=f"statistical_files:state_sum:{record.year}",
                source="banxico_family_remittances_by_state_quarterly_2003_2026",
                kind="internal_total",
                file=MONTHLY_FILE,
                line="",
                row=str(record.year),
                column="VALOR_USD",
                cells_used=f"the 32 states × 4 quarters of {record.year} in {STATE_FILE}, in USD millions",
                printed_text=f"{record.national_usd:d}",
                printed=printed,
                recomputed=recomputed,
                tolerance=tolerance,
                relation="=",
                verdict=_verdict(record.national_usd - record.states_sum_usd, record.tolerance_usd),
                explanation=(
                    f"National inflows of {record.year} (monthly file) against the sum of the 32 states (quarterly "
                    f"state file): {record.difference_usd:+d} dollars; each state figure is rounded to the dollar, so "
                    "the sum may differ by up to 16 dollars a quarter."
                ),
            )
        )
    return rows


def table2_gdp_findings(asymmetries_raw: str, gdp_per_head: pd.DataFrame) -> list[dict]:
    """Table 2's 'Per capita GDP in current dollars' and the US/Mexico ratio against the World Bank."""
    with open(asymmetries_raw, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    line, record = next(
        (number, r)
        for number, r in enumerate(records, start=2)
        if r["indicator"] == "Per capita GDP in current dollars"
    )
    wb = gdp_per_head.set_index(["country_code", "year"])["gdp_per_head_current_usd"]
    countries = {"mexico": ("MEX", "Mexico"), "united_states": ("USA", "United States")}
    rows = []
    for prefix, (code, name) in countries.items():
        for year in (1994, 2004):
            column = f"{prefix}_{year}"
            text = record[column]
            printed = float(text)
            recomputed = round(float(wb[(code, year)]), 6)
            rows.append(
                _row(
                    check_id=f"statistical_files:table2_gdp_per_head:{code}:{year}",
                    source="mexico_us_asymmetries_1994_2004",
                    kind="published_value",
                    file=asymmetries_raw,
                    line=line,
                    row="Per capita GDP in current dollars",
                    column=column,
                    cells_used=(
                        f"World Bank NY.GDP.MKTP.CD / SP.POP.TOTL, {name} {year} ({GDP_FILE}, {POPULATION_FILE})"
                    ),
                    printed_text=text,
                    printed=printed,
                    recomputed=recomputed,
                    tolerance=_half_unit(text),
                    relation="=",
                    # The table labels the row "current dollars", the World Bank's concept: a like-for-like
                    # comparison, judged by its arithmetic (as the ratios below).
                    verdict=comparison_verdict(printed - recomputed, _half_unit(text)),
                    explanation=_table2_explanation(code, year, printed, recomputed),
                )
            )
    for year in (1994, 2004):
        mx, us = float(record[f"mexico_{year}"]), float(record[f"united_states_{year}"])
        printed = round(us / mx, 6)
        recomputed = round(float(wb[("USA", year)] / wb[("MEX", year)]), 6)
        # The printed levels' own rounding (half a dollar each) carried into their ratio.
        tolerance = round((us + 0.5) / (mx - 0.5) - us / mx, 6)
        rows.append(
            _row(
                check_id=f"statistical_files:table2_gdp_per_head_ratio:{year}",
                source="mexico_us_asymmetries_1994_2004",
                kind="published_value",
                file=asymmetries_raw,
                line=line,
                row="Per capita GDP in current dollars",
                column=f"united_states_{year} / mexico_{year}",
                cells_used=f"World Bank GDP per head, United States / Mexico, {year}",
                printed_text=f"{record[f'united_states_{year}']} / {record[f'mexico_{year}']}",
                printed=printed,
                recomputed=recomputed,
                tolerance=tolerance,
                relation="=",
                # Judged as the levels are: the row is labelled current dollars, the World Bank's concept.
                verdict=comparison_verdict(printed - recomputed, tolerance),
                explanation=(
                    f"The ratio of the printed values ({printed:.2f}) against the ratio of World Bank current-dollar "
                    f"GDP per head ({recomputed:.2f}): the row is labelled current dollars, the World Bank's concept, "
                    "so the ratio is judged like the levels it divides; the gap the table shows is much narrower "
                    "than the current-dollar gap."
                ),
            )
        )
    return rows


def _table2_explanation(code: str, year: int, printed: float, recomputed: float) -> str:
    pct = 100 * (printed / recomputed - 1)
    if code == "USA":
        return (
            f"Table 2 (sources 'OECD, INEGI') prints {printed:,.0f}; World Bank current-dollar GDP per head is "
            f"{recomputed:,.0f} ({pct:+.0f}%). The US dollar is the numeraire of purchasing-power parities, so the "
            "US GDP per head is the same in current dollars and at PPP: no PPP reading explains this value, and "
            "no file in this repository reproduces it."
        )
    return (
        f"Table 2 (sources 'OECD, INEGI') prints {printed:,.0f}; World Bank current-dollar GDP per head is "
        f"{recomputed:,.0f} ({pct:+.0f}%). Not a current-dollar value; the printed Mexican values may be at "
        "purchasing-power parity (OECD publishes such series), but no file in this repository holds a PPP "
        "series, so that reading cannot be checked here."
    )


def published_gdp_per_head_finding(gdp_per_head: pd.DataFrame, published: dict) -> dict:
    """Mexico's GDP per head from the two World Bank files against the World Bank's published figure."""
    wb = gdp_per_head.set_index(["country_code", "year"])["gdp_per_head_current_usd"]
    recomputed = round(float(wb[(published["country_code"], published["year"])]), 6)
    printed = float(published["value"])
    tolerance = printed * published["relative_tolerance"]
    difference = printed - recomputed
    return _row(
        check_id=f"statistical_files:published_gdp_per_head:{published['country_code']}:{published['year']}",
        source="worldbank_gdp_current_usd",
        kind="published_value",
        file=published["cited_in"],
        line="",
        row=f"{published['country_code']} {published['year']}",
        column="NY.GDP.PCAP.CD",
        cells_used=f"{GDP_FILE} / {POPULATION_FILE}, {published['country_code']} {published['year']}",
        printed_text=published["text"],
        printed=printed,
        recomputed=recomputed,
        tolerance=tolerance,
        relation="=",
        verdict="consistent" if abs(difference) <= tolerance else "discrepancy",
        explanation=(
            f"GDP divided by population from the two committed World Bank files against the World Bank's published "
            f"GDP per head ({published['source']}), within {published['relative_tolerance']:.1%}: the files are "
            "separate WDI extracts, so the quotient need not equal the published per-head series to the dollar."
        ),
    )


def findings_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    bad = sorted(set(frame["verdict"]) - set(VERDICTS))
    if bad:
        raise ValueError(f"unknown verdicts {bad}")
    if frame["check_id"].duplicated().any():
        raise ValueError("duplicate check ids")
    return frame
