"""Compare a number the text states with the number computed from a table, at the text's precision."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd


@dataclass(frozen=True)
class Claim:
    claim: str  # what the text says, in a few words
    document: str  # source document file name
    lines: str  # line numbers in the document, e.g. "283-285"
    stated: str  # the number as the text prints it, without currency or % signs (its decimals set the precision)
    computed: float  # the same quantity computed from the processed tables
    computed_from: str  # formula over table cells, for the reader
    unit: float | None = None  # rounding unit of the stated number when it is not its last decimal (1000 for "99,000")


def decimals(stated: str) -> int:
    """Number of decimals printed in ``stated`` ("2.6" -> 1, "40" -> 0)."""
    return len(stated.split(".", 1)[1]) if "." in stated else 0


def round_half_up(value: float, places: int) -> float:
    """Round as printed tables do (2.65 -> 2.7), not to even."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def compare_claims(claims: list[Claim]) -> pd.DataFrame:
    """One row per claim: stated value, computed value, computed value at the stated precision, verdict.

    A claim *agrees* when the computed value, rounded to as many decimals as the text prints (or to
    the claim's rounding ``unit``), equals the stated value.
    """
    rows = []
    for c in claims:
        places = decimals(c.stated)
        stated = float(c.stated.replace(",", ""))
        if c.unit is None:
            rounded = round_half_up(c.computed, places)
            unit = 10.0**-places
        else:
            rounded = round_half_up(c.computed / c.unit, 0) * c.unit
            unit = c.unit
        rows.append(
            {
                "claim": c.claim,
                "document": c.document,
                "lines": c.lines,
                "stated": stated,
                "computed": c.computed,
                "rounding_unit": unit,
                "computed_at_stated_precision": rounded,
                "difference": c.computed - stated,
                "stated_over_computed": stated / c.computed if c.computed else float("nan"),
                "agrees": bool(abs(rounded - stated) < 0.5 * unit),
                "computed_from": c.computed_from,
            }
        )
    return pd.DataFrame(rows)


def audit_claims(audit: pd.DataFrame, claims_register: pd.DataFrame, claim_ids: list[str]) -> pd.DataFrame:
    """The source audit's verdicts on the prose claims ``claim_ids`` (``reports/source_audit.csv`` and the
    register ``data/raw/claims.csv``), for a notebook to show: the claims are checked once, by the audit.

    ``agrees`` is true for the verdicts that accept the statement (exact, within rounding, a bound that
    holds); the audit's verdict and check id are kept beside it."""
    register = claims_register.set_index("claim_id")
    results = audit.set_index("check_id")
    rows = []
    for claim_id in claim_ids:
        check = results.loc[f"claim:{claim_id}"]
        claim = register.loc[claim_id]
        rows.append(
            {
                "claim_id": claim_id,
                "claim": claim["note"],
                "document": claim["document"],
                "lines": claim["lines"],
                "quote": claim["quote"],
                "stated_text": check["printed_text"],
                "stated": float(check["printed"]),
                "computed": float(check["recomputed"]),
                "tolerance": float(check["tolerance"]),
                "relation": check["relation"],
                "verdict": check["verdict"],
                "agrees": check["verdict"] in ("exact", "within_rounding", "consistent"),
            }
        )
    return pd.DataFrame(rows)
