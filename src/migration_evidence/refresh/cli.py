"""``python -m migration_evidence.refresh``: fetch a release, build on it, report, adopt (docs/refresh.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from ..config import load_yaml
from ..errors import InputError
from ..outputs import write_text
from ..statistical_files.datapackage import DEFAULT_DIR
from . import release as rel
from .compare import audit_problems, compare_audit, compare_file, compare_headlines
from .fetch import RefreshErrors, RefreshLockedError, refresh
from .report import render_report
from .sources import SOURCES, STATISTICAL_TABLES, RefreshError, load_sources
from .tree import adopt, prepare_tree

RELEASES = "data/raw/releases"
TREES = "build/refresh"
AUDIT = "reports/source_audit.csv"
AUDIT_LOG = "logs/source_audit.log"


def _release_path(value: str) -> Path:
    path = Path(value)
    return path if path.is_dir() or len(path.parts) > 1 else Path(RELEASES) / value


def write_refresh_report(
    release: Path, tree: Path, before_root: Path, output: Path, sources_path: str = SOURCES
) -> Path:
    """Compare the committed files and build (``before_root``) with the release and its build (``tree``)."""
    sources, headlines = load_sources(sources_path)
    keep = {
        spec["file"]: spec.get("keep")
        for spec in load_yaml(Path(STATISTICAL_TABLES).read_text(encoding="utf-8"))["statistical_files"].values()
    }
    record = rel.read_record(release)
    files = []
    for source in sources.values():
        refreshed = release / rel.STATISTICAL_DIR / source.file
        if refreshed.is_file():
            committed = before_root / DEFAULT_DIR / source.file
            files.append(compare_file(source, committed.read_bytes(), refreshed.read_bytes(), keep.get(source.file)))
    verdicts = compare_audit(before_root / AUDIT, tree / AUDIT)
    problems = audit_problems(tree / AUDIT_LOG)
    estimates = compare_headlines(before_root, tree, headlines)
    statistical = [r for r in record["resources"] if r["path"].startswith(rel.STATISTICAL_DIR)]
    kept = rel.wide_files_with_other_periods(sources, release, before_root / DEFAULT_DIR)
    text = render_report(
        release.name, statistical, files, verdicts, estimates, audit_problems=problems, built_on_committed=kept
    )
    write_text(output, text)
    return output


def build_on_release(release: Path, tree: Path, cores: int | None, sources_path: str = SOURCES) -> None:
    sources, _ = load_sources(sources_path)
    kept = rel.wide_files_with_other_periods(sources, release, DEFAULT_DIR)
    for name in kept:
        print(
            f"{name}: the release's quarters differ from the committed file's, which the build declares; "
            "the build on the release uses the committed copy (the report lists the release's changes)",
            file=sys.stderr,
        )
    prepare_tree(Path.cwd(), release, tree, kept)
    command = [sys.executable, "-m", "snakemake", "--profile", "profiles/default"]
    if cores:
        command += ["--cores", str(cores)]
    print(f"building on release {release.name} in {tree} (the committed outputs are not touched)", file=sys.stderr)
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(command, cwd=tree, env=env)
    if result.returncode != 0:
        raise SystemExit(
            f"the build on release {release.name} failed (see above; logs in {tree}/logs); rerun to resume"
        )
    print(f"build on release {release.name} finished in {time.monotonic() - started:.0f} s", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migration_evidence.refresh", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("fetch", help="download every declared source into data/raw/releases/<date>/")
    fetch.add_argument("--date", default=dt.datetime.now(dt.UTC).date().isoformat())
    fetch.add_argument("--only", nargs="*", help="source names (config/refresh_sources.yaml); default all")
    fetch.add_argument("--sources", default=SOURCES)
    fetch.add_argument("--releases", default=RELEASES)
    fetch.add_argument("--timeout", type=float, default=60.0, help="seconds to connect and between bytes")
    fetch.add_argument("--attempts", type=int, default=3)
    helps = {"build": "run the whole pipeline on a release in its own tree", "report": "write the refresh report"}
    for name, text in helps.items():
        command = sub.add_parser(name, help=text)
        command.add_argument("release", help="a date under data/raw/releases/, or a release directory")
        command.add_argument("--tree", help=f"where to build (default {TREES}/<release>)")
        if name == "build":
            command.add_argument("--cores", type=int)
        else:
            command.add_argument("--output", help="default <tree>/refresh_report.md")
    everything = sub.add_parser("all", help="fetch today's release, build on it and report")
    everything.add_argument("--date", default=dt.datetime.now(dt.UTC).date().isoformat())
    everything.add_argument("--cores", type=int)
    adopt_cmd = sub.add_parser("adopt", help="copy a release into data/raw/statistical_files/ and record it")
    adopt_cmd.add_argument("release")
    args = parser.parse_args(argv)
    try:
        if args.command in ("fetch", "all"):
            sources, _ = load_sources(getattr(args, "sources", SOURCES))
            release = refresh(
                sources,
                releases=getattr(args, "releases", RELEASES),
                date=args.date,
                committed_dir=DEFAULT_DIR,
                only=getattr(args, "only", None),
                timeout=getattr(args, "timeout", 60.0),
                attempts=getattr(args, "attempts", 3),
            )
            print(f"release {release} complete: every file's md5 is in {release / rel.RECORD}", file=sys.stderr)
            if args.command == "fetch":
                return 0
            args.release, args.tree, args.output = str(release), None, None
        release = _release_path(args.release)
        tree = Path(getattr(args, "tree", None) or Path(TREES) / release.name)
        if args.command in ("build", "all"):
            build_on_release(release, tree, getattr(args, "cores", None))
        if args.command in ("report", "build", "all"):
            output = Path(getattr(args, "output", None) or tree / "refresh_report.md")
            write_refresh_report(release, tree, Path.cwd(), output)
            print(f"refresh report: {output}", file=sys.stderr)
        if args.command == "adopt":
            adopted = adopt(Path.cwd(), release)
            report = Path(TREES) / release.name / "refresh_report.md"
            if report.is_file():
                write_text(Path("docs/refresh_reports") / f"{release.name}.md", report.read_text(encoding="utf-8"))
            print(f"adopted {', '.join(adopted)} from {release}; md5s in data/raw/datapackage.json", file=sys.stderr)
    except (RefreshError, RefreshErrors, RefreshLockedError, InputError, ValueError) as exc:
        print(f"refresh: {exc}", file=sys.stderr)
        return 1
    return 0
