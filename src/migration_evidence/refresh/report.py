"""The refresh report (Markdown): what a release changes, verdict changes first."""

from __future__ import annotations

from .compare import EstimateChange, FileChanges, VerdictChange

LISTED = 60  # rows listed per file and section before "… and N more"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") or "–"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_report(
    release_name: str,
    release_resources: list[dict],
    files: list[FileChanges],
    verdicts: list[VerdictChange],
    estimates: list[EstimateChange],
    *,
    before_label: str = "committed build",
    after_label: str = "build on the release",
    audit_problems: list[str] | None = None,
    built_on_committed: list[str] | None = None,
) -> str:
    changed = [v for v in verdicts if v.changed]
    moved_checks = [v for v in verdicts if not v.changed and v.value_moved]
    revisions = sum(len(f.revisions) for f in files)
    new_rows = sum(len(f.new_rows) for f in files)
    moved_estimates = [e for e in estimates if e.changed]
    out = [
        f"# Refresh report: release {release_name}",
        "",
        f"Before: the {before_label} (data/raw/statistical_files/). After: the {after_label} "
        f"(data/raw/releases/{release_name}/). Nothing committed was changed; adopting the release is a "
        "separate step (docs/refresh.md).",
        "",
        *(
            [
                "Built on the committed copy, not the release's: "
                + ", ".join(f"`{name}`" for name in built_on_committed)
                + ". Its periods differ from the ones the build declares (a wide file, one column per "
                "quarter, read against the quarters in config/municipal_waves.yaml), so the claims and "
                "estimates below do not use its new or revised values; its revisions and new periods are "
                "listed below all the same (docs/refresh.md, Adopting a release).",
                "",
            ]
            if built_on_committed
            else []
        ),
        "## Summary",
        "",
        f"- Claims and findings whose verdict changed: **{len(changed)}** of {len(verdicts)} audit checks.",
        f"- Checks whose recomputed value moved without a change of verdict: {len(moved_checks)}.",
        f"- Problems the audit's gate would have stopped the build on: {len(audit_problems or [])}.",
        f"- Published values revised (past periods, beyond their rounding): {revisions} "
        f"in {sum(1 for f in files if f.revisions)} file(s).",
        f"- New periods: {new_rows} row(s) in {sum(1 for f in files if f.new_rows)} file(s).",
        f"- Rows no longer published: {sum(len(f.dropped_rows) + f.dropped_elsewhere for f in files)}.",
        f"- Headline estimates of notebooks 6 and 7 that moved: {len(moved_estimates)} of {len(estimates)}.",
        "",
        "## Claims whose verdict changed",
        "",
    ]
    if changed:
        out += _table(
            ["check", "source", "verdict before", "verdict after", "recomputed before", "recomputed after"],
            [
                [v.check_id, v.source, v.verdict_before, v.verdict_after, v.recomputed_before, v.recomputed_after]
                for v in changed
            ],
        )
    else:
        out.append("None: every claim and finding keeps its verdict.")
    out += ["", "## What the audit's gate would have stopped on", ""]
    if audit_problems:
        out.append(
            "The committed build stops on these (data/raw/known_discrepancies.csv explains every discrepancy it "
            "accepts); the build on the release recorded them instead. Adopting the release means resolving each: "
            "a new or changed entry in the register, with its reason, or a correction of the claim's reading."
        )
        out.append("")
        out += [f"- {_cell(p)}" for p in audit_problems]
    else:
        out.append("Nothing: every discrepancy is explained in the register, as in the committed build.")
    out += ["", "## Revisions of past periods", ""]
    for f in files:
        out.append(f"### {f.file} ({f.source})")
        out.append("")
        out.append(
            f"{f.rows_before} rows before, {f.rows_after} after; {len(f.revisions)} value(s) revised in "
            f"{len(f.revised_periods)} period(s)"
            + (
                f"; {f.revised_elsewhere} revised row(s) outside the rows the build keeps"
                if f.revised_elsewhere
                else ""
            )
            + "."
        )
        if f.revisions:
            out.append("")
            out += _table(
                ["key", "column", "before", "after"],
                [[r["key"], r["column"], r["before"], r["after"]] for r in f.revisions[:LISTED]],
            )
            if len(f.revisions) > LISTED:
                out.append(f"\n… and {len(f.revisions) - LISTED} more.")
        out.append("")
    out += _row_section(
        "New periods",
        files,
        rows=lambda f: f.new_rows,
        elsewhere=lambda f: f.new_elsewhere,
        elsewhere_text="new row(s) outside the rows the build keeps, not listed.",
        none="None.",
    )
    out += _row_section(
        "Rows no longer published",
        files,
        rows=lambda f: f.dropped_rows,
        elsewhere=lambda f: f.dropped_elsewhere,
        elsewhere_text="row(s) outside the rows the build keeps, not listed.",
        none="None: every committed row is in the release (a withdrawn period stops the refresh).",
    )
    out += ["## Headline estimates of notebooks 6 and 7", "", "Estimates that moved first."]
    out.append("")
    ordered = sorted(estimates, key=lambda e: (not e.changed, e.notebook, e.file))
    out += _table(
        ["notebook", "table", "row", "estimate", "before", "after", "moved"],
        [[e.notebook, e.file, e.key, e.column, e.before, e.after, "yes" if e.changed else "no"] for e in ordered],
    )
    out += ["", "## Every check of the source audit, before and after", ""]
    out += _table(
        ["check", "verdict before", "verdict after", "recomputed before", "recomputed after"],
        [[v.check_id, v.verdict_before, v.verdict_after, v.recomputed_before, v.recomputed_after] for v in verdicts],
    )
    out += ["", "## The release", ""]
    out += _table(
        ["file", "md5", "bytes", "downloaded from", "retrieved (UTC)"],
        [
            [r["path"], r["hash"], r["bytes"], r["sources"][0]["url"], r["sources"][0]["retrieved"]]
            for r in release_resources
        ],
    )
    return "\n".join(out) + "\n"


def _row_section(title, files, *, rows, elsewhere, elsewhere_text, none) -> list[str]:
    """A section listing, file by file, rows a release adds or drops (at most LISTED of each)."""
    out = [f"## {title}", ""]
    for f in files:
        listed, other = rows(f), elsewhere(f)
        if not listed and not other:
            continue
        out += [f"### {f.file} ({f.source})", ""]
        if other:
            out += [f"{other} {elsewhere_text}", ""]
        if listed:
            columns = list(listed[0])
            out += _table(columns, [[r[c] for c in columns] for r in listed[:LISTED]])
            if len(listed) > LISTED:
                out.append(f"\n… and {len(listed) - LISTED} more.")
            out.append("")
    if not any(rows(f) or elsewhere(f) for f in files):
        out += [none, ""]
    return out
