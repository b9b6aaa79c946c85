"""The source audit's verdicts on the prose claims, for a notebook to show."""

from __future__ import annotations

import pandas as pd


def audit_claims(audit: pd.DataFrame, claims_register: pd.DataFrame, claim_ids: list[str]) -> pd.DataFrame:
    """The verdicts on the prose claims ``claim_ids`` (``results/tables/printed_checks.csv``, the results-stage
    table of :func:`migration_evidence.audit.run.printed_checks` that the source audit verifies against its own,
    and the register ``data/raw/claims.csv``), for a notebook to show: the claims are checked once, by the
    package's audit functions.

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
