"""Breaks in a linear trend: exact least-squares segmentation, the number of breaks by information
criteria, break sets by minimum segment length, and a block bootstrap that re-selects the number of
breaks in every draw.

**The model.** y_t = a_j + b_j t + u_t in segment j = 1..k+1 (level and slope free in every segment);
the k break dates minimise the residual sum of squares (RSS) over all partitions whose segments hold at
least ``min_size`` observations (the *trimming*: a share of the sample, Bai and Perron 2003). The search
is exact (dynamic programming) on every observation (for monthly data: the monthly grid).

**Two implementations of one search.** The point estimates use ``ruptures.Dynp`` (exact dynamic
programming) with :class:`CostLinearTrend`, a ruptures cost in closed form from cumulative sums
(:func:`break_fits`). The bootstrap re-estimates every number of breaks in a thousand draws, which Dynp
does in about a quarter of a second per series of 372 months; :class:`LinearTrendSegmentation` does the
same search with whole-matrix arithmetic (the RSS of every admissible segment at once, then one minimum
per number of breaks), about a hundredth of a second per series. The tests check that the two give the
same partitions, and that the cost equals ruptures' own least-squares cost (``CostLinear``).

**Criteria.** Each segment has a level and a slope and each break date is a parameter: p = 3k + 2.
BIC = n ln(RSS/n) + p ln n; LWZ (Liu, Wu and Zidek 1997, the modified Schwarz criterion Bai and
Perron 2003 recommend because BIC chooses too many breaks when errors are serially correlated) =
n [ln(RSS/(n − p)) + (p/n) 0.299 (ln n)^2.1], i.e. the criterion scaled by n so that it reads like BIC.
Lower is better for both.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import ruptures as rpt
from ruptures.base import BaseCost

LWZ_C0 = 0.299
LWZ_DELTA0 = 0.1


class CostLinearTrend(BaseCost):
    """ruptures cost of a segment: the residual sum of squares of a straight line fitted to it by least
    squares (level and slope free in every segment), computed in closed form from cumulative sums."""

    model = "linear_trend"
    min_size = 3

    def fit(self, signal):
        self.signal = np.asarray(signal, dtype=float).reshape(-1, 1)
        y = self.signal.ravel()
        t = np.arange(len(y), dtype=float)

        def cumulative(values):
            return np.concatenate([[0.0], np.cumsum(values)])

        self._sums = [cumulative(np.ones_like(y)), cumulative(t), cumulative(t * t), cumulative(y)]
        self._sums += [cumulative(t * y), cumulative(y * y)]
        return self

    def error(self, start, end):
        n, s_t, s_tt, s_y, s_ty, s_yy = (c[end] - c[start] for c in self._sums)
        sxx = s_tt - s_t * s_t / n
        sxy = s_ty - s_t * s_y / n
        syy = s_yy - s_y * s_y / n
        return max(syy - sxy * sxy / sxx, 0.0)


def parameters(breaks: int) -> int:
    """Parameters of a fit with ``breaks`` breaks: a level and a slope per segment, and each date."""
    return 3 * breaks + 2


def bic(rss: float, n: int, breaks: int) -> float:
    return n * math.log(rss / n) + parameters(breaks) * math.log(n)


def lwz(rss: float, n: int, breaks: int) -> float:
    p = parameters(breaks)
    return n * math.log(rss / (n - p)) + p * LWZ_C0 * math.log(n) ** (2 + LWZ_DELTA0)


def min_segment_length(n: int, trimming: float) -> int:
    """The least number of observations in a segment: ``trimming`` × n, rounded up."""
    return math.ceil(round(trimming * n, 9))


def most_breaks(n: int, min_size: int, cap: int) -> int:
    """The largest number of breaks that ``min_size`` allows in n observations, at most ``cap``."""
    return min(cap, n // min_size - 1)


def segments_fit(y: np.ndarray, ends: list[int]) -> tuple[np.ndarray, list[dict]]:
    """The least-squares line of each segment (``ends``: the end of each segment, the last = n)."""
    fitted = np.empty_like(y, dtype=float)
    segments, start = [], 0
    for end in ends:
        t = np.arange(start, end, dtype=float)
        slope, intercept = np.polyfit(t, y[start:end], 1)
        fitted[start:end] = intercept + slope * t
        segments.append({"start": start, "end": end, "slope": float(slope)})
        start = end
    return fitted, segments


def break_fits(y: np.ndarray, max_breaks: int, min_size: int) -> dict[int, tuple[float, list[int]]]:
    """The best fit with 0 to ``max_breaks`` breaks (ruptures' exact dynamic programming on every
    observation, segments of at least ``min_size``): for each number of breaks, the RSS and the segment
    ends (the last is n)."""
    n = len(y)
    algo = rpt.Dynp(custom_cost=CostLinearTrend(), min_size=min_size, jump=1).fit(np.asarray(y, dtype=float))
    fits = {}
    for k in range(max_breaks + 1):
        ends = algo.predict(n_bkps=k) if k else [n]
        fits[k] = (float(algo.cost.sum_of_costs(ends)), [int(e) for e in ends])
    return fits


class LinearTrendSegmentation:
    """The search of :func:`break_fits` for many series of one length: the terms that depend only on
    time (segment lengths, sums of t and t², which segments are long enough) are computed once; each
    series then costs a few whole-matrix operations. Cost matrix entry [s, e] is the RSS of the line
    fitted to observations s..e-1 (infinite where the segment is shorter than ``min_size``)."""

    def __init__(self, n: int, min_size: int):
        self.n, self.min_size = n, min_size
        t = np.arange(n, dtype=float) - (n - 1) / 2
        position = np.arange(n + 1)
        length = (position[None, :] - position[:, None]).astype(float)
        self._valid = length >= min_size
        with np.errstate(divide="ignore", invalid="ignore"):
            s_t = self._between(t)
            self._t_over_n = np.where(self._valid, s_t / length, 0.0)
            sxx = self._between(t * t) - s_t * self._t_over_n
            self._inv_n = np.where(self._valid, 1 / length, 0.0)
            self._inv_sxx = np.where(self._valid, 1 / sxx, 0.0)
        self._t = t

    @staticmethod
    def _between(values: np.ndarray) -> np.ndarray:
        cumulative = np.concatenate([[0.0], np.cumsum(values)])
        return cumulative[None, :] - cumulative[:, None]

    def costs(self, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        y = y - y.mean()
        s_y = self._between(y)
        sxy = self._between(self._t * y) - self._t_over_n * s_y
        rss = self._between(y * y) - s_y * s_y * self._inv_n - sxy * sxy * self._inv_sxx
        return np.where(self._valid, np.maximum(rss, 0.0), np.inf)

    def fits(self, y: np.ndarray, max_breaks: int) -> dict[int, tuple[float, list[int]]]:
        """For each number of breaks 0..``max_breaks``: the least RSS and its segment ends (the last is n)."""
        if len(y) != self.n:
            raise ValueError(f"series of length {len(y)}, expected {self.n}")
        cost = self.costs(y)
        columns = np.arange(self.n + 1)
        best = [cost[0]]
        previous = [None]
        for _ in range(max_breaks):
            total = best[-1][:, None] + cost
            arg = np.argmin(total, axis=0)
            best.append(total[arg, columns])
            previous.append(arg)
        fits = {}
        for k in range(max_breaks + 1):
            ends, end = [self.n], self.n
            for j in range(k, 0, -1):
                end = int(previous[j][end])
                ends.insert(0, end)
            fits[k] = (float(best[k][self.n]), ends)
        return fits


def criteria_table(fits: dict[int, tuple[float, list[int]]], n: int) -> pd.DataFrame:
    """RSS, BIC and LWZ of each number of breaks, and which one each criterion chooses."""
    frame = pd.DataFrame(
        {
            "breaks": list(fits),
            "rss": [rss for rss, _ in fits.values()],
            "bic": [bic(rss, n, k) for k, (rss, _) in fits.items()],
            "lwz": [lwz(rss, n, k) for k, (rss, _) in fits.items()],
        }
    )
    frame["chosen_by_bic"] = frame["bic"] == frame["bic"].min()
    frame["chosen_by_lwz"] = frame["lwz"] == frame["lwz"].min()
    return frame


def break_sets_by_trimming(y: np.ndarray, months: np.ndarray, trimmings: list[float], max_breaks: int) -> pd.DataFrame:
    """For each trimming (least share of the sample in a segment) and each number of breaks from 0 to
    as many as the trimming allows (at most ``max_breaks``): the break set (first month of each new
    segment), RSS, BIC, LWZ, which number of breaks each criterion chooses at that trimming, the shortest
    segment and whether it is at the minimum length (then the trimming binds: without it the search
    would have placed a break closer)."""
    n = len(y)
    parts = []
    for trimming in trimmings:
        min_size = min_segment_length(n, trimming)
        fits = break_fits(y, most_breaks(n, min_size, max_breaks), min_size)
        frame = criteria_table(fits, n)
        shortest = [int(np.diff([0, *ends]).min()) for _, ends in fits.values()]
        frame.insert(0, "trimming_pct", round(100 * trimming, 6))
        frame.insert(1, "min_segment_months", min_size)
        frame.insert(3, "break_months", [" ".join(str(months[e]) for e in ends[:-1]) for _, ends in fits.values()])
        frame["most_breaks_allowed"] = max(fits)
        frame["shortest_segment_months"] = shortest
        frame["segment_at_minimum"] = [k > 0 and s == min_size for k, s in zip(fits, shortest, strict=True)]
        parts.append(frame)
    return pd.concat(parts, ignore_index=True)


def nearest_breaks(sets: pd.DataFrame, months: np.ndarray, reference: list[int], window: int) -> pd.DataFrame:
    """Do the breaks of a reference fit persist across numbers of breaks and trimmings? For each
    reference break (a position in ``months``) and each trimming: the nearest break of the set LWZ
    chooses and of the set BIC chooses (empty when none lies within ``window`` months), and how many of
    that trimming's break sets with at least one break have a break within ``window`` months."""
    position = {str(m): i for i, m in enumerate(months)}
    rows = []
    for j, ref in enumerate(reference):
        for trimming, part in sets.groupby("trimming_pct", sort=True):
            with_breaks = part[part["breaks"] > 0]

            def nearest(break_months: str, ref: int = ref) -> str:
                found = [position[m] for m in break_months.split()]
                if not found:
                    return ""
                best = min(found, key=lambda p: (abs(p - ref), p))
                return str(months[best]) if abs(best - ref) <= window else ""

            near = [nearest(b) != "" for b in with_breaks["break_months"]]
            rows.append(
                {
                    "break": j + 1,
                    "first_month_of_new_segment": str(months[ref]),
                    "trimming_pct": trimming,
                    "nearest_in_lwz_choice": nearest(part.loc[part["chosen_by_lwz"], "break_months"].iloc[0]),
                    "nearest_in_bic_choice": nearest(part.loc[part["chosen_by_bic"], "break_months"].iloc[0]),
                    "break_sets": len(with_breaks),
                    f"break_sets_with_a_break_within_{window}_months": int(sum(near)),
                }
            )
    return pd.DataFrame(rows)


def bootstrap_break_counts_and_dates(
    y: np.ndarray,
    ends: list[int],
    min_size: int,
    max_breaks: int,
    replications: int,
    block: int,
    seed: int,
) -> dict[str, np.ndarray | list]:
    """Moving-block bootstrap of the break search, the number of breaks re-selected in every draw.

    Each draw is the fitted segmented trend of ``ends`` plus that fit's residuals resampled in moving
    blocks of ``block`` observations (which keeps their serial correlation up to that distance). In each
    draw every number of breaks 0..``max_breaks`` is re-estimated on every observation (exact search,
    segments of at least ``min_size``), the number chosen by LWZ and by BIC, and the break positions kept
    for LWZ's choice and for the point estimate's number of breaks (the conditional reading).

    Returns ``lwz_breaks`` and ``bic_breaks`` (the number chosen in each draw), ``lwz_positions`` (a list
    of arrays, one per draw) and ``conditional_positions`` (draws × the point estimate's breaks)."""
    y = np.asarray(y, dtype=float)
    n, k = len(y), len(ends) - 1
    fitted, _ = segments_fit(y, ends)
    residuals = y - fitted
    search = LinearTrendSegmentation(n, min_size)
    top = most_breaks(n, min_size, max_breaks)
    rng = np.random.default_rng(seed)
    lwz_breaks = np.empty(replications, dtype=int)
    bic_breaks = np.empty(replications, dtype=int)
    lwz_positions = []
    conditional = np.empty((replications, k), dtype=int)
    for r in range(replications):
        starts = rng.integers(0, n - block + 1, size=math.ceil(n / block))
        draw = fitted + np.concatenate([residuals[s : s + block] for s in starts])[:n]
        fits = search.fits(draw, top)
        lwz_values = [lwz(rss, n, j) for j, (rss, _) in fits.items()]
        bic_values = [bic(rss, n, j) for j, (rss, _) in fits.items()]
        lwz_breaks[r] = int(np.argmin(lwz_values))
        bic_breaks[r] = int(np.argmin(bic_values))
        lwz_positions.append(np.array(fits[int(lwz_breaks[r])][1][:-1], dtype=int))
        conditional[r] = fits[k][1][:-1]
    return {
        "lwz_breaks": lwz_breaks,
        "bic_breaks": bic_breaks,
        "lwz_positions": lwz_positions,
        "conditional_positions": conditional,
    }


def break_count_distribution(boot: dict, max_breaks: int) -> pd.DataFrame:
    """Share of the draws in which LWZ (and BIC) chooses each number of breaks, with the Monte Carlo
    standard error of the LWZ share, sqrt(p (1 − p) / B)."""
    replications = len(boot["lwz_breaks"])
    rows = []
    for k in range(max_breaks + 1):
        share = float(np.mean(boot["lwz_breaks"] == k))
        rows.append(
            {
                "breaks": k,
                "draws_lwz": int(np.sum(boot["lwz_breaks"] == k)),
                "share_lwz": share,
                "share_lwz_monte_carlo_se": math.sqrt(share * (1 - share) / replications),
                "draws_bic": int(np.sum(boot["bic_breaks"] == k)),
                "share_bic": float(np.mean(boot["bic_breaks"] == k)),
                "replications": replications,
            }
        )
    return pd.DataFrame(rows)


def _percentile_months(months: np.ndarray, positions: np.ndarray) -> tuple[str, str]:
    if len(positions) == 0:
        return "", ""
    low, high = np.percentile(positions, [2.5, 97.5], method="inverted_cdf")
    return str(months[int(low)]), str(months[int(high)])


def break_date_intervals(
    months: np.ndarray, ends: list[int], boot: dict, window: int, near: dict[str, str]
) -> pd.DataFrame:
    """Each estimated break: its 95% bootstrap percentile interval with the number of breaks re-selected
    by LWZ in each draw (from the draws whose chosen set has a break within ``window`` months of it: the
    nearest such break; the share of draws that have one says how often the break is found at all), and
    the interval conditional on the point estimate's number of breaks (every draw, the same break in
    order). ``near`` names months against which the share of draws (re-selected) within 12 months of
    the month is given."""
    index = {str(m): i for i, m in enumerate(months)}
    conditional = boot["conditional_positions"]
    replications, k = conditional.shape
    rows = []
    for j, position in enumerate(ends[:-1]):
        nearest = []
        for found in boot["lwz_positions"]:
            if len(found):
                best = found[np.argmin(np.abs(found - position))]
                if abs(best - position) <= window:
                    nearest.append(int(best))
        nearest = np.array(nearest, dtype=int)
        low, high = _percentile_months(months, nearest)
        c_low, c_high = _percentile_months(months, conditional[:, j])
        share = len(nearest) / replications
        row = {
            "break": j + 1,
            "first_month_of_new_segment": str(months[position]),
            "ci95_low_month": low,
            "ci95_high_month": high,
            f"draws_with_a_break_within_{window}_months": len(nearest),
            f"share_with_a_break_within_{window}_months": share,
            "share_monte_carlo_se": math.sqrt(share * (1 - share) / replications),
            "interval_basis": (
                f"number of breaks re-selected by LWZ in each draw; nearest break within {window} months"
            ),
            "conditional_breaks": k,
            "conditional_ci95_low_month": c_low,
            "conditional_ci95_high_month": c_high,
            "conditional_basis": f"conditional on k = {k} breaks",
            "replications": replications,
        }
        for name, month in near.items():
            target = index.get(month)
            row[f"share_within_12_months_of_{name}"] = (
                float(np.sum(np.abs(nearest - target) <= 12)) / replications if target is not None else np.nan
            )
        rows.append(row)
    return pd.DataFrame(rows)
