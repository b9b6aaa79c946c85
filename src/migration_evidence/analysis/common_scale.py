"""Notebook 7, the waves on one scale: CONAPO's 2000 index (its standardisation and loadings) applied to
the 2010 and 2020 indicator shares, and the waves compared on that common scale beside CONAPO's degrees.

Why. CONAPO's degrees are strata of a standardised index cut on each wave's own distribution, so "very
high in 2000 and in 2020" says a municipality kept its position among its contemporaries, not that its
migration stayed as high. A common scale keeps one yardstick: the 2000 index formula (each share minus its
2000 mean, over its 2000 standard deviation, weighted by the 2000 loadings) and the 2000 degree boundaries.

The 2000 index recovered. CONAPO's 2000 index is the first principal component of the four household
shares, standardised over all the municipalities of the 2000 file (the Null ones included; standard
deviations with n − 1), the score divided by the square root of its eigenvalue (unit variance).
:func:`fit_principal_component` fits exactly that; :func:`reconstruction_check` measures how closely it
reproduces the published index, and the common scale is used only if it does to the file's printed
precision (nine decimals). The 2000 degrees are recovered as intervals of the index
(:func:`degree_cutoffs`): each boundary is the midpoint of the gap between one degree's highest index and
the next degree's lowest, and the 2000 degrees must be reproduced exactly.

What it does not fix. The 2010 and 2020 shares are CONAPO's 2010 method (percent of dwellings, unspecified
answers and denominators treated anew); 2000's are households on the 2000 method. The scale is common; the
measurements it is applied to are not quite. CONAPO's harmonised national figures put the 2000 shares on
the 2010 basis a few percent away from the file's (remittances 4.59 against 4.35, emigrants 3.96 against
4.14, return 0.87 against 0.85): :func:`method_factors` turns them into a sensitivity, applied to every
municipality alike (CONAPO publishes no municipal harmonisation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..microdata.waves_files import INDICATORS, WAVES
from .municipal_waves import transition_rows
from .stats import round_estimates

# The indexed degrees in ascending order of the index; "Null" (all four shares 0) has no index.
SCALE_DEGREES = ("Very low", "Low", "Medium", "High", "Very high")
READINGS = {
    "relative": "CONAPO's degree (cut on the wave's own distribution)",
    "common_scale": "2000 scale (2000 formula and degree boundaries)",
    "common_scale_method_adjusted": "2000 scale, 2010-method shares scaled by CONAPO's national 2000 ratios",
}


@dataclass(frozen=True)
class IndexScale:
    """A principal-components index: standardisation, loadings and the first eigenvalue."""

    means: np.ndarray
    std_devs: np.ndarray
    loadings: np.ndarray
    eigenvalue: float

    def score(self, shares: np.ndarray) -> np.ndarray:
        """The index of rows of the four shares (percent), on this scale."""
        standardised = (np.asarray(shares, float) - self.means) / self.std_devs
        return standardised @ self.loadings / math.sqrt(self.eigenvalue)

    def weights_per_point(self) -> np.ndarray:
        """Index points per percentage point of each share."""
        return self.loadings / self.std_devs / math.sqrt(self.eigenvalue)

    def intercept(self) -> float:
        """The index of a municipality whose four shares are 0."""
        return float(self.score(np.zeros((1, len(self.means))))[0])


def fit_principal_component(shares: np.ndarray) -> IndexScale:
    """The first principal component of the shares standardised with their means and standard deviations
    (n − 1), scaled to unit variance; the sign makes the loadings sum positive (higher = more intense)."""
    shares = np.asarray(shares, float)
    means = shares.mean(axis=0)
    std_devs = shares.std(axis=0, ddof=1)
    standardised = (shares - means) / std_devs
    values, vectors = np.linalg.eigh(np.cov(standardised.T))
    loadings = vectors[:, -1] * np.sign(vectors[:, -1].sum())
    return IndexScale(means, std_devs, loadings, float(values[-1]))


def reconstruction_check(scale: IndexScale, shares: np.ndarray, index: np.ndarray) -> dict[str, float]:
    """How closely ``scale`` reproduces a published index (rows with an index only)."""
    index = np.asarray(index, float)
    has_index = ~np.isnan(index)
    difference = scale.score(np.asarray(shares, float)[has_index]) - index[has_index]
    return {
        "max_abs_difference": float(np.abs(difference).max()),
        "mean_abs_difference": float(np.abs(difference).mean()),
        "municipalities_compared": int(has_index.sum()),
    }


def degree_cutoffs(index: np.ndarray, degrees: np.ndarray) -> pd.DataFrame:
    """The published degrees as intervals of the index: each degree's lowest and highest index and its
    lower boundary (the midpoint of the gap below it; none for the lowest degree). Raises if two degrees
    overlap (then no boundaries reproduce them)."""
    frame = pd.DataFrame({"index": np.asarray(index, float), "degree": np.asarray(degrees)})
    rows, previous_high = [], None
    for degree in SCALE_DEGREES:
        values = frame.loc[frame["degree"] == degree, "index"]
        low, high = float(values.min()), float(values.max())
        if previous_high is not None and low <= previous_high:
            raise ValueError(f"degree {degree!r} overlaps the degree below it ({low} <= {previous_high})")
        rows.append(
            {
                "degree": degree,
                "lowest_index": low,
                "highest_index": high,
                "lower_boundary": np.nan if previous_high is None else (previous_high + low) / 2,
                "gap_below": np.nan if previous_high is None else low - previous_high,
                "municipalities": len(values),
            }
        )
        previous_high = high
    return pd.DataFrame(rows)


def classify(scores: np.ndarray, all_zero: np.ndarray, cutoffs: pd.DataFrame) -> np.ndarray:
    """Degrees on a scale: "Null" where all four shares are 0, else the highest degree whose lower
    boundary the score reaches."""
    boundaries = cutoffs["lower_boundary"].to_numpy(float)[1:]
    position = np.searchsorted(boundaries, np.asarray(scores, float), side="right")
    labels = np.array(SCALE_DEGREES, dtype=object)[position]
    return np.where(np.asarray(all_zero, bool), "Null", labels)


def method_factors(harmonised: pd.DataFrame) -> dict[str, float]:
    """CONAPO's national 2000 shares on the 2000 method (the municipal file) over the same shares on the
    2010 basis (the harmonised publication), by indicator: a 2010-method share times the factor is the
    share the 2000 method would have given if the two methods differed by one national ratio. 1 where the
    publication prints no harmonised figure (circular migrants)."""
    national = harmonised[harmonised["geography"] == "Nacional"].set_index("indicator")
    factors = {}
    for indicator in INDICATORS:
        harmonised_value = national["conapo_2000_on_2010_basis_pct"].get(indicator, np.nan)
        factors[indicator] = (
            1.0 if pd.isna(harmonised_value) else float(national.loc[indicator, "file_2000_pct"] / harmonised_value)
        )
    return factors


# --- the panel on the 2000 scale ------------------------------------------------------------------


def _shares(panel: pd.DataFrame, year: int) -> np.ndarray:
    return panel[[f"{c}_{year}" for c in INDICATORS]].to_numpy(float)


@dataclass(frozen=True)
class CommonScale:
    scale: IndexScale
    cutoffs: pd.DataFrame
    check: dict[str, float]
    degrees_reproduced: int
    factors: dict[str, float]


def scale_2000(panel: pd.DataFrame, harmonised: pd.DataFrame, tolerance: float = 2e-9) -> CommonScale:
    """The 2000 index refitted from the 2000 file's shares and checked against its published index and
    degrees; raises if the published index is not reproduced within ``tolerance`` (about the file's last
    printed digit, nine decimals) or a 2000 degree is not."""
    wave = panel[panel["in_2000"]]
    shares = _shares(wave, 2000)
    scale = fit_principal_component(shares)
    index = wave["index_2000"].to_numpy(float)
    check = reconstruction_check(scale, shares, index)
    if check["max_abs_difference"] > tolerance:
        raise ValueError(f"the 2000 index is not reproduced: max difference {check['max_abs_difference']}")
    indexed = ~np.isnan(index)
    cutoffs = degree_cutoffs(index[indexed], wave["degree_2000"].to_numpy()[indexed])
    degrees = classify(scale.score(shares), (shares == 0).all(axis=1), cutoffs)
    reproduced = int((degrees == wave["degree_2000"].to_numpy()).sum())
    if reproduced != len(wave):
        raise ValueError(f"the 2000 boundaries reproduce {reproduced} of {len(wave)} degrees")
    return CommonScale(scale, cutoffs, check, reproduced, method_factors(harmonised))


def scored(panel: pd.DataFrame, common: CommonScale) -> pd.DataFrame:
    """Per municipality (in memory only): for each wave the 2000-scale score and degree, and for 2010 and
    2020 the score and degree with the shares scaled by :func:`method_factors`."""
    out = panel[["municipality_key", "state_code", *(f"in_{y}" for y in WAVES), *(f"degree_{y}" for y in WAVES)]]
    out = out.copy()
    factors = np.array([common.factors[c] for c in INDICATORS])
    for year in WAVES:
        shares = _shares(panel, year)
        present = panel[f"in_{year}"].to_numpy()
        zero = (shares == 0).all(axis=1)
        for suffix, scaled in (("", shares), ("_method_adjusted", shares * factors)):
            if year == 2000 and suffix:
                scaled = shares
            score = np.where(present, common.scale.score(np.nan_to_num(scaled)), np.nan)
            out[f"score_{year}{suffix}"] = score
            out[f"scale_degree_{year}{suffix}"] = np.where(present, classify(score, zero, common.cutoffs), "")
    return out


def definition_table(common: CommonScale) -> pd.DataFrame:
    """The 2000 scale, indicator by indicator: mean, standard deviation, loading, index points per
    percentage point, and the method factor of the sensitivity."""
    s = common.scale
    return round_estimates(
        pd.DataFrame(
            {
                "indicator": list(INDICATORS),
                "mean_2000": s.means,
                "std_dev_2000": s.std_devs,
                "loading": s.loadings,
                "index_points_per_percentage_point": s.weights_per_point(),
                "method_factor_2000_file_over_harmonised": [common.factors[c] for c in INDICATORS],
            }
        ),
        decimals=9,
    )


def check_table(common: CommonScale) -> pd.DataFrame:
    """The reconstruction of the published 2000 index and degrees, and the 2000 degree boundaries."""
    rows = [
        ("eigenvalue", common.scale.eigenvalue, "first principal component of the four standardised shares"),
        ("share_of_variance", common.scale.eigenvalue / len(INDICATORS), "of the four standardised shares"),
        ("index_at_zero_shares", common.scale.intercept(), "the index of a municipality with no migration"),
        ("max_abs_difference_from_published_index", common.check["max_abs_difference"], "the file prints 9 decimals"),
        ("mean_abs_difference_from_published_index", common.check["mean_abs_difference"], ""),
        ("municipalities_compared", common.check["municipalities_compared"], "every 2000 municipality with an index"),
        ("degrees_2000_reproduced", common.degrees_reproduced, "of every 2000 municipality, Null included"),
    ]
    for row in common.cutoffs.itertuples():
        if not np.isnan(row.lower_boundary):
            rows.append(
                (
                    f"lower_boundary_{row.degree.lower().replace(' ', '_')}",
                    row.lower_boundary,
                    f"midpoint of a gap of {row.gap_below:.6f} between 2000's degrees",
                )
            )
    table = pd.DataFrame(rows, columns=["quantity", "value", "note"])
    # Ten significant digits: a difference of 1e-10 is written as such, not rounded to 0.
    table["value"] = table["value"].map(lambda v: float(f"{v:.10g}"))
    return table


def degrees_two_readings(table: pd.DataFrame) -> pd.DataFrame:
    """Municipalities of each degree in each wave under each reading (``table`` from :func:`scored`)."""
    rows = []
    for year in WAVES:
        present = table[table[f"in_{year}"]]
        columns = {
            "relative": f"degree_{year}",
            "common_scale": f"scale_degree_{year}",
            "common_scale_method_adjusted": f"scale_degree_{year}_method_adjusted",
        }
        for reading, column in columns.items():
            counts = present[column].value_counts()
            for degree in (*reversed(SCALE_DEGREES), "Null"):
                count = int(counts.get(degree, 0))
                rows.append(
                    {
                        "wave": year,
                        "reading": reading,
                        "reading_label": READINGS[reading],
                        "degree": degree,
                        "municipalities": count,
                        "municipalities_pct": 100 * count / len(present),
                        "municipalities_in_wave": len(present),
                    }
                )
    return round_estimates(pd.DataFrame(rows))


def transitions_two_readings(table: pd.DataFrame) -> pd.DataFrame:
    """Degree transitions 2000→2010, 2010→2020, 2000→2020 (municipalities in both waves) under CONAPO's
    degrees and on the 2000 scale: counts and row shares, long."""
    rows = []
    for reading, prefix, suffix in (
        ("relative", "degree", ""),
        ("common_scale", "scale_degree", ""),
        ("common_scale_method_adjusted", "scale_degree", "_method_adjusted"),
    ):
        for start, end in ((2000, 2010), (2010, 2020), (2000, 2020)):
            both = table[table[f"in_{start}"] & table[f"in_{end}"]]
            rows += transition_rows(
                both[f"{prefix}_{start}{suffix if start != 2000 else ''}"],
                both[f"{prefix}_{end}{suffix}"],
                [*reversed(SCALE_DEGREES), "Null"],
                reading=reading,
                from_wave=start,
                to_wave=end,
            )
    return round_estimates(pd.DataFrame(rows))


def persistence_two_readings(table: pd.DataFrame) -> pd.DataFrame:
    """The very-high municipalities of 2000 in 2010 and 2020 under each reading: how many are very high,
    very high or high, and their median score on the 2000 scale."""
    start = table[table["in_2000"] & (table["degree_2000"] == "Very high")]
    rows = []
    for year in (2010, 2020):
        present = start[start[f"in_{year}"]]
        for reading, column, score in (
            ("relative", f"degree_{year}", f"score_{year}"),
            ("common_scale", f"scale_degree_{year}", f"score_{year}"),
            (
                "common_scale_method_adjusted",
                f"scale_degree_{year}_method_adjusted",
                f"score_{year}_method_adjusted",
            ),
        ):
            very_high = int((present[column] == "Very high").sum())
            top_two = int(present[column].isin(["Very high", "High"]).sum())
            rows.append(
                {
                    "wave": year,
                    "reading": reading,
                    "reading_label": READINGS[reading],
                    "very_high_2000": len(present),
                    "still_very_high": very_high,
                    "still_very_high_pct": 100 * very_high / len(present),
                    "very_high_or_high": top_two,
                    "very_high_or_high_pct": 100 * top_two / len(present),
                    "median_score_2000_scale": float(present[score].median()),
                    "median_score_2000_scale_in_2000": float(present["score_2000"].median()),
                }
            )
    return round_estimates(pd.DataFrame(rows))
