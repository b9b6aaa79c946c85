"""Tables for people on the notebook pages: labels in words, no row index, a dash for missing values.

Inside a notebook every displayed ``DataFrame`` goes through :func:`people_table_html` (installed as
IPython's HTML formatter for data frames by ``notebooks.session.open_notebook``), so a notebook shows a
table by ending a cell with the frame, rounded to what its numbers mean (``frame.round(2)``). What
changes on the page, never in the CSVs:

- column names become words with their unit (``annual_growth_ci95_low_pct`` reads "Annual growth, 95%
  interval, low (%)"), from the data dictionary ``config/column_dictionary.yaml`` (label, unit and decimals
  of every column of the results tables the notebooks read or write; :func:`load_column_dictionary`), or,
  for a column a notebook computes only for display, from :data:`COLUMN_LABELS` and :data:`WORDS`;
- the row index is not shown; an index that means something (a pivot's years, say) becomes the first
  column;
- missing values (NaN, None, ``<NA>``) show as a dash, true/false as yes/no (whatever the column's name);
- numbers get digit groups (not calendar years, waves, codes or keys) and one number of decimals per
  column, as many as its most precise value keeps after the rounding the notebook chose;
- a p-value (a column whose name says ``p_value``) is never shown as 0: below 0.001 it reads "< 0.001".

pandas' ``Styler`` renders the table without element ids or inline styles (the page's stylesheet
styles every such table), so that two executions write identical pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

DASH = "–"
SMALLEST_P_SHOWN = 0.001
TABLE_CLASS = "people-table"

# Whole column names whose label the word rules below would not get right.
COLUMN_LABELS = {
    "n": "Observations",
    "n_before": "Years before the break",
    "n_from_break": "Years from the break",
    "df_resid": "Residual degrees of freedom",
    "df_num": "Degrees of freedom (numerator)",
    "df_den": "Degrees of freedom (denominator)",
    "r_squared": "R²",
    "hac_lags": "Newey–West lags",
    "ar1_coefficient": "AR(1) coefficient",
    "sup_f": "Largest F (sup-F)",
    "cagr_pct": "Compound annual growth (%)",
    "ame_pp": "Average marginal effect (percentage points)",
    "ame_ci95_low_pp": "AME, 95% interval, low (pp)",
    "ame_ci95_high_pp": "AME, 95% interval, high (pp)",
    "ame_p_value": "AME p-value",
    "ratio": "Ratio",
    "estimate": "Estimate",
    "iim": "Index of migratory intensity",
}

# Words for the parts of a column name; parts not listed are kept as they are.
WORDS = {
    "ci95": "95% interval,",
    "std": "standard",
    "hac": "HAC",
    "hc3": "HC3",
    "ols": "OLS",
    "f": "F",
    "ar1": "AR(1)",
    "iid": "independent errors",
    "mc": "Monte Carlo",
    "rss": "residual sum of squares",
    "us": "US",
    "usd": "US$",
    "fisdl": "FISDL",
    "hta": "HTA",
    "im": "marginalisation index",
    "iim": "migratory intensity index",
    "pp": "percentage points",
    "loo": "leave-one-out",
    "sd": "standard deviation",
    "cv": "coefficient of variation",
    "id": "id",
    "p": "p",
    "mexico": "Mexico",
    "mexican": "Mexican",
    "morans": "Moran's",
    "mackinnon": "(MacKinnon)",
    "adf": "ADF",
    "kpss": "KPSS",
    "aic": "AIC",
    "bic": "BIC",
    "inegi": "INEGI",
    "conapo": "CONAPO",
    "banxico": "Banco de México",
    "mxn": "pesos",
    "table2": "Table 2",
    "pct": "%",
    "5pct": "5%",
    "p10": "10th percentile",
    "p90": "90th percentile",
    "durbin": "Durbin–Watson",
    "watson": "",
    "gdp": "GDP",
    "nafta": "NAFTA",
    "gatt": "GATT",
    "cpi": "CPI",
    "ame": "average marginal effect",
    "iqr": "interquartile range",
}
# Single letters that are statistics' names: kept as capitals after the word they follow.
CAPITAL_AFTER = {("Moran's", "i"): "I", ("expected", "i"): "I", ("Expected", "i"): "I"}

# Name endings that are units: shown in brackets at the end of the label.
UNITS = [
    ("_usd_millions", "US$ millions"),
    ("_thousand_usd", "US$ thousand"),
    ("_usd", "US$"),
    ("_pct_per_year", "% a year"),
    ("_pct", "%"),
    ("_pp", "percentage points"),
    ("_persons", "persons"),
    ("_thousand", "thousand"),
    ("_log_points", "log points"),
]


@dataclass(frozen=True)
class ColumnEntry:
    """One column of the data dictionary: its label, its unit ("" for none) and the decimals shown (None:
    as many as the notebook's rounding keeps)."""

    label: str
    unit: str
    decimals: int | None

    @property
    def text(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label


def load_column_dictionary(path: str | Path) -> dict[str, ColumnEntry]:
    """The data dictionary (``config/column_dictionary.yaml``), checked: every entry has a non-empty label,
    a unit (text, possibly empty) and decimals (a whole number from 0 to 6, or null)."""
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    entries = document.get("columns")
    if not isinstance(entries, dict) or not entries:
        raise ValueError(f"{path}: expected a mapping 'columns' of column names to entries")
    dictionary = {}
    for name, entry in entries.items():
        where = f"{path}: column {name!r}"
        if not isinstance(entry, dict) or set(entry) != {"label", "unit", "decimals"}:
            raise ValueError(f"{where}: an entry has exactly the keys label, unit and decimals")
        label, unit, decimals = entry["label"], entry["unit"], entry["decimals"]
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}: the label must be non-empty text")
        if not isinstance(unit, str):
            raise ValueError(f"{where}: the unit must be text (empty for none)")
        if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 6):
            raise ValueError(f"{where}: decimals must be a whole number from 0 to 6, or null")
        dictionary[str(name)] = ColumnEntry(label, unit, decimals)
    return dictionary


def column_label(
    name: object, overrides: dict[str, str] | None = None, dictionary: dict[str, ColumnEntry] | None = None
) -> str:
    """The column's label in words, with its unit in brackets: a notebook's own label, else the data
    dictionary's, else words made from the name.

    >>> column_label("annual_growth_ci95_low_pct")
    'Annual growth 95% interval, low (%)'
    >>> column_label("p_value_hac")
    'P-value HAC'
    >>> column_label(1994)
    '1994'
    """
    if not isinstance(name, str):
        return str(name)
    if overrides and name in overrides:
        return overrides[name]
    if dictionary and name in dictionary:
        return dictionary[name].text
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    stem, unit = name, ""
    for ending, words in UNITS:
        if stem.endswith(ending) and stem != ending:
            stem, unit = stem[: -len(ending)], words
            break
    stem = stem.replace("p_value", "p-value").replace("std_error", "standard error")
    parts = []
    for part in (part for part in stem.split("_") if part):
        word = WORDS.get(part, part)
        if parts and (parts[-1], part) in CAPITAL_AFTER:
            word = CAPITAL_AFTER[(parts[-1], part)]
        if word:
            parts.append(word)
    text = " ".join(parts)
    # Two years in a row are a period: "lost 2000 2005" reads "lost 2000–2005".
    text = re.sub(r"\b((?:19|20)\d\d) ((?:19|20)\d\d)\b", "\\1–\\2", text).replace(", ", ", ").strip().rstrip(",")
    text = re.sub(r",\s*$", "", text)
    text = text[:1].upper() + text[1:] if text else name
    return f"{text} ({unit})" if unit else text


def is_p_value_column(name: object) -> bool:
    """A column of p-values, by its name (``p_value...``) or by a label the notebook gave it.

    >>> is_p_value_column("wild_p_value"), is_p_value_column("p-value at AR(1) coefficient 0.8"), is_p_value_column("n")
    (True, True, False)
    """
    return isinstance(name, str) and ("p_value" in name or "p-value" in name.lower())


def format_p_value(value: object) -> str:
    """A p-value as a reader should see it: never 0, a bound below 0.001.

    >>> format_p_value(0.0), format_p_value(0.0004), format_p_value(0.0437), format_p_value(0.5)
    ('<\xa00.001', '<\xa00.001', '0.0437', '0.5')
    """
    if _missing(value):
        return DASH
    if isinstance(value, bool | np.bool_):  # a yes/no column whose name speaks of a p-value
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    number = float(value)
    if number < SMALLEST_P_SHOWN:
        return f"<\u00a0{SMALLEST_P_SHOWN:g}"  # a no-break space: the bound never splits over two lines
    return f"{number:.4g}"


def is_year_column(name: object) -> bool:
    """A column of calendar years (shown without digit groups: 1994, not 1,994).

    >>> is_year_column("break_year"), is_year_column("first_wave"), is_year_column("growth_pct_per_year")
    (True, True, False)
    """
    if not isinstance(name, str):
        return False
    lowered = name.lower()
    if lowered in ("year", "wave") or lowered.endswith(("_wave", " wave")):
        return True
    return lowered.endswith(("_year", " year")) and not lowered.endswith(("per_year", "a year"))


def is_code_column(name: object) -> bool:
    """A column of codes or keys (a municipality's INEGI key 12077, not 12,077).

    >>> is_code_column("municipality_key"), is_code_column("inegi_code"), is_code_column("municipalities")
    (True, True, False)
    """
    if not isinstance(name, str):
        return False
    lowered = name.lower()
    return lowered in ("key", "code", "cve") or lowered.endswith(("_key", "_code", " key", " code", "_cve"))


def format_year(value: object) -> str:
    if _missing(value):
        return DASH
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


# The most decimals a reader needs, by what a column measures (the notebook may round further).
DECIMALS_BY_ENDING = (("_pct", 2), ("_pct_per_year", 2), ("_pp", 2), ("_usd", 2), ("_usd_millions", 1))


def decimals_for(name: object, dictionary: dict[str, ColumnEntry] | None = None) -> int | None:
    """Decimals shown for a column: the data dictionary's, else for a column of percentages, percentage
    points or money by its name's ending; None: as rounded.

    >>> decimals_for("growth_before_pct"), decimals_for("total_cost_usd"), decimals_for("estimate")
    (2, 2, None)
    """
    if not isinstance(name, str):
        return None
    if dictionary and name in dictionary:
        return dictionary[name].decimals
    for ending, decimals in DECIMALS_BY_ENDING:
        if name.endswith(ending):
            return decimals
    return None


def format_number(value: object) -> str:
    """A number with digit groups and the digits the notebook kept (it rounds before showing).

    >>> format_number(1234567.0), format_number(0.125), format_number(-3.0), format_number(float("nan"))
    ('1,234,567', '0.125', '−3', '–')
    """
    if _missing(value):
        return DASH
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        text = f"{int(value):,}"
    elif isinstance(value, float | np.floating):
        number = float(value)
        if number == 0:
            number = 0.0  # no "-0"
        text = f"{number:,.10g}"
        if "e" in text:  # a very small or very large number: keep it readable
            text = f"{number:,.3g}"
    else:
        return str(value)
    return text.replace("-", "−", 1) if text.startswith("-") else text


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a named index (a pivot's years, say) turned into columns; an unnamed index, row
    numbers that mean nothing to a reader, is dropped."""
    if all(name is None for name in frame.index.names):
        out = frame.reset_index(drop=True)
    else:
        out = frame.reset_index()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" ".join(str(part) for part in column if str(part)) for column in out.columns]
    return out


def shown_decimals(values: pd.Series, most: int | None = None) -> int | None:
    """One number of decimals for a column of floats: as many as its most precise value keeps after the
    notebook's rounding (at most ``most``, and at most 6); None for a column that is not all floats.

    >>> shown_decimals(pd.Series([0.5, 0.125, 2.0])), shown_decimals(pd.Series([1.0, 2.0]))
    (3, 0)
    """
    if not pd.api.types.is_float_dtype(values.dtype):
        return None
    decimals = 0
    for value in values.dropna():
        text = f"{float(value):.10g}"
        if "e" in text:
            return None
        decimals = max(decimals, len(text.partition(".")[2]))
    return min(decimals, 6 if most is None else most)


def _fixed(value: object, decimals: int) -> str:
    if _missing(value) or not isinstance(value, float | np.floating):
        return format_number(value)
    number = round(float(value), decimals) or 0.0  # no "-0"
    text = f"{number:,.{decimals}f}"
    return text.replace("-", "−", 1) if text.startswith("-") else text


def _formatter(column: object, values: pd.Series, dictionary: dict[str, ColumnEntry] | None = None):
    if pd.api.types.is_bool_dtype(values.dtype):
        return format_number  # yes/no, whatever the column's name
    if is_p_value_column(column):
        return format_p_value
    if is_year_column(column) or is_code_column(column):
        return format_year
    decimals = shown_decimals(values, decimals_for(column, dictionary))
    if decimals is None:
        most = decimals_for(column, dictionary)
        if most is None:
            return format_number
        return lambda value: format_number(round(value, most) if isinstance(value, float | np.floating) else value)
    return lambda value: _fixed(value, decimals)


def people_table_html(
    frame: pd.DataFrame, labels: dict[str, str] | None = None, dictionary: dict[str, ColumnEntry] | None = None
) -> str:
    """The frame as an HTML table for a student: see the module notes."""
    shown = for_people(frame)
    # Styler needs unique column labels; a repeated label keeps its own name.
    names = [column_label(column, labels, dictionary) for column in shown.columns]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name} [{shown.columns[i]}]"
    formatters = {column: _formatter(column, shown[column], dictionary) for column in shown.columns}
    styler = shown.style.format(formatters, na_rep=DASH)
    styler.hide(axis="index")
    styler.relabel_index(names, axis="columns")
    # Without styles pandas writes a bare <table>; the class lets the page's stylesheet find it.
    html = styler.to_html(exclude_styles=True)
    return html.replace("<table>", f'<table class="{TABLE_CLASS}">', 1)
