"""The Mexican-origin population by generation (NAFTA paper, Table 4).

The table prints, for four characteristics, the percentage of each group that has it: all people of
Mexican origin (``total``), those born in Mexico (``mexican_emigrants``), and the US-born first and
second generations. If the three groups make up the total, each total is a weighted mean of the group
percentages, ``T = w E + u F + (1 - w - u) S``, with ``w`` the share born in Mexico and ``u`` the share
in the first generation. The citizenship row identifies ``w`` (the US-born are all citizens); the other
rows can then be solved for ``u`` one at a time, and the values compared.

Printed percentages have one decimal, so each is known only to within ±0.05; intervals below carry
that rounding through (every function here is monotone in each printed cell, so the extremes are at
the corners of the box of rounded values).
"""

from __future__ import annotations

import itertools

import pandas as pd

GROUPS = ["mexican_emigrants", "first_generation", "second_generation", "total"]
CITIZEN = "U.S. citizen"
HALF_UNIT = 0.05  # half of the last printed digit (one decimal)


def wide(t4: pd.DataFrame) -> pd.DataFrame:
    """Characteristics as rows, groups as columns, in printed order."""
    order = list(dict.fromkeys(t4["characteristic"]))
    return t4.pivot(index="characteristic", columns="population_group", values="share_pct").loc[order, GROUPS]


def generation_gaps(t4: pd.DataFrame) -> pd.DataFrame:
    """Each characteristic by group, and the differences between groups in percentage points."""
    w = wide(t4)
    out = w.copy()
    out["first_minus_emigrants_pp"] = w["first_generation"] - w["mexican_emigrants"]
    out["second_minus_first_pp"] = w["second_generation"] - w["first_generation"]
    out["second_minus_emigrants_pp"] = w["second_generation"] - w["mexican_emigrants"]
    return out.reset_index()


def _rounded_interval(value: float, upper_bound: float = 100.0) -> tuple[float, float]:
    return max(value - HALF_UNIT, 0.0), min(value + HALF_UNIT, upper_bound)


def emigrant_share(total: float, emigrants: float, us_born: float = 100.0) -> float:
    """Share of the total born in Mexico implied by one row where all the US-born have the trait.

    Solves total = w * emigrants + (1 - w) * us_born for w.
    """
    return (us_born - total) / (us_born - emigrants)


def born_in_mexico_share(t4: pd.DataFrame) -> pd.DataFrame:
    """The share born in Mexico implied by the citizenship row, with its rounding interval.

    The interval lets the printed total and emigrant percentages vary by ±0.05; the US-born share of
    citizens is exactly 100 by birthright citizenship.
    """
    row = wide(t4).loc[CITIZEN]
    total, emigrants = row["total"], row["mexican_emigrants"]
    # Every US-born person is a citizen (the table prints 100.0 for both US-born generations): exactly 100.
    us_born = 100.0
    corners = [
        emigrant_share(t, e, us_born)
        for t, e in itertools.product(_rounded_interval(total), _rounded_interval(emigrants))
    ]
    return pd.DataFrame(
        [
            {
                "characteristic": CITIZEN,
                "total_pct": total,
                "mexican_emigrants_pct": emigrants,
                "us_born_pct": us_born,
                "born_in_mexico_share": emigrant_share(total, emigrants, us_born),
                "born_in_mexico_share_low": min(corners),
                "born_in_mexico_share_high": max(corners),
                "assumption": "the three groups make up the total; every US-born person is a citizen",
            }
        ]
    )


def first_generation_share(total: float, emigrants: float, first: float, second: float, w: float) -> float:
    """Share of the total in the first generation, from one row, given the share born in Mexico ``w``."""
    return (total - w * emigrants - (1 - w) * second) / (first - second)


def generation_split(t4: pd.DataFrame, w: float, w_low: float, w_high: float) -> pd.DataFrame:
    """Solve each non-citizenship row for the first-generation share; predict every other row's total.

    One row per (row solved from, row predicted): the implied first- and second-generation shares of the
    total, the interval of the first-generation share allowed by rounding, whether the split is
    feasible (both shares between 0 and 1 - w), and the predicted against the printed total.
    """
    table = wide(t4)
    rows = []
    solvable = [c for c in table.index if c != CITIZEN]
    for source in solvable:
        r = table.loc[source]
        u = first_generation_share(r["total"], r["mexican_emigrants"], r["first_generation"], r["second_generation"], w)
        corners = [
            first_generation_share(t, e, f, s, ww)
            for t, e, f, s, ww in itertools.product(
                _rounded_interval(r["total"]),
                _rounded_interval(r["mexican_emigrants"]),
                _rounded_interval(r["first_generation"]),
                _rounded_interval(r["second_generation"]),
                (w_low, w_high),
            )
        ]
        second = 1 - w - u
        for target in table.index:
            q = table.loc[target]
            predicted = w * q["mexican_emigrants"] + u * q["first_generation"] + second * q["second_generation"]
            rows.append(
                {
                    "solved_from": source,
                    "first_generation_share": u,
                    "first_generation_share_low": min(corners),
                    "first_generation_share_high": max(corners),
                    "second_generation_share": second,
                    "feasible": bool(0 <= u <= 1 - w),
                    "characteristic": target,
                    "printed_total_pct": q["total"],
                    "predicted_total_pct": predicted,
                    "difference_pp": predicted - q["total"],
                }
            )
    return pd.DataFrame(rows)
