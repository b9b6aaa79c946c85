"""Build-performance benchmark: medians over repeated runs on this machine.

Measures, each in a temporary copy of the project:
  cold build      every output from the raw data (outputs removed first)
  no-op rerun     Snakemake on an up-to-date tree
  one-table edit  rebuild after editing one raw table (every cell re-quoted, so the file changes but
                  the values do not) and recording its md5 as `make raw-md5` does: wall time, and the
                  jobs that rerun compared with that table's dependents in the DAG
  tests           `make test-fast` (the unit tier) and `make test` (everything), in this checkout
  fresh clone     `git clone` of the committed tree, then `make` (virtual environment included)

The machine's load average when the measurement starts and ends is reported with the results: on a
shared machine, wall times are inflated by the other processes.

Usage:
    .venv/bin/python benchmarks/run_benchmarks.py [--repeat 3] [--skip-clone] [--skip-tests]
        [--output benchmarks/results.md]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUTPUT_DIRS = ["data/processed", "figures", "reports", "results"]
SKIP = {".venv", ".snakemake", "logs", ".git", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
EDITED_TABLE = "data/raw/de_la_garza_2005/table1_fisdl_hta_partnerships.csv"
# Seconds (the one-table rebuild's target is the set of jobs it reruns, not a time).
TARGETS = {"cold": 60.0, "noop": 3.0, "test_fast": 60.0, "test": 180.0, "clone": 75.0}


def copy_project(dest: Path, with_outputs: bool) -> Path:
    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).relative_to(REPO)
        skipped = {n for n in names if n in SKIP}
        if not with_outputs:
            skipped |= {n for n in names if (rel / n).as_posix() in [*OUTPUT_DIRS, "data/interim"]}
        return skipped

    shutil.copytree(REPO, dest, ignore=ignore)
    return dest


def children_cpu() -> float:
    """Processor seconds (user and system) of every finished child process so far, grandchildren included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def snakemake(workdir: Path, *args: str) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "snakemake", "--profile", "profiles/default", *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"snakemake {' '.join(args)} failed in {workdir}:\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout + result.stderr


def requote(text: str) -> str:
    """The same CSV with every cell quoted: a real edit of the file that changes no value."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    return out.getvalue()


def job_stats(log: str) -> dict[str, int]:
    """Rule -> count from Snakemake's 'Job stats' table."""
    stats: dict[str, int] = {}
    block = log.split("Job stats:", 1)
    if len(block) < 2:
        return stats
    for line in block[1].splitlines()[3:]:
        match = re.match(r"^(\S+)\s+(\d+)\s*$", line)
        if not match:
            break
        if match.group(1) not in {"total", "all"}:
            stats[match.group(1)] = int(match.group(2))
    return stats


def dependents_in_dag(workdir: Path, raw: str) -> dict[str, int]:
    """Rules (with job counts) of every job downstream of ``raw`` in the full DAG.

    From Snakemake's detailed summary (one line per output: its rule and input files): the outputs
    that depend on ``raw`` directly or through other outputs, grouped into jobs (a job's outputs share
    their rule and inputs). Inputs declared ancient (the verification record) are not followed.
    """
    _, log = snakemake(workdir, "--detailed-summary", "--quiet", "all")
    inputs_of: dict[str, tuple[str, frozenset[str]]] = {}
    for line in log.splitlines():
        fields = line.split("\t")
        if len(fields) >= 5 and fields[0] != "output_file":
            # Build records under logs/ (the processed tables' verification) are declared ancient: a new
            # record reruns nothing, so they are not edges of the dependency graph.
            inputs_of[fields[0]] = (
                fields[2],
                frozenset(f for f in fields[4].split(",") if f and not f.startswith("logs/")),
            )
    affected: set[str] = set()
    changed = True
    while changed:
        changed = False
        for output, (_, inputs) in inputs_of.items():
            if output not in affected and (raw in inputs or inputs & affected):
                affected.add(output)
                changed = True
    jobs = {inputs_of[output] for output in affected}
    counts: dict[str, int] = {}
    for rule, _ in jobs:
        counts[rule] = counts.get(rule, 0) + 1
    return counts


def measure(repeat: int, skip_clone: bool, skip_tests: bool) -> dict[str, object]:
    results: dict[str, object] = {}
    cold, cold_cpu, noop, edit = [], [], [], []
    rerun_jobs: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            work = copy_project(Path(tmp) / f"cold{i}", with_outputs=False)
            cpu = children_cpu()
            seconds, _ = snakemake(work)
            cold.append(seconds)
            cold_cpu.append(children_cpu() - cpu)
            print(f"cold build {i + 1}/{repeat}: {seconds:.1f} s, {cold_cpu[-1]:.0f} processor-s", file=sys.stderr)
        built = Path(tmp) / "cold0"
        for i in range(repeat):
            seconds, log = snakemake(built)
            assert "Nothing to be done" in log, log
            noop.append(seconds)
            print(f"no-op rerun {i + 1}/{repeat}: {seconds:.2f} s", file=sys.stderr)
        expected = dependents_in_dag(built, EDITED_TABLE)
        raw = built / EDITED_TABLE
        original = raw.read_text(encoding="utf-8")
        for i in range(repeat):
            raw.write_text(original if i % 2 else requote(original), encoding="utf-8")
            # As a user records a deliberate change (make raw-md5): the integrity gate stops a build on
            # a raw file whose md5 is not the one data/raw/datapackage.json records.
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "migration_evidence.integrity",
                    "record-raw",
                    "--reason",
                    "benchmark: cells re-quoted",
                ],
                cwd=built,
                check=True,
                capture_output=True,
            )
            _, dry = snakemake(built, "--dry-run")
            rerun_jobs = job_stats(dry)
            seconds, _ = snakemake(built)
            edit.append(seconds)
            print(f"one-table rebuild {i + 1}/{repeat}: {seconds:.1f} s, jobs {rerun_jobs}", file=sys.stderr)
        results["expected_jobs"] = expected
    results["cold"] = statistics.median(cold)
    results["cold_range"] = (min(cold), max(cold))
    results["cold_cpu"] = statistics.median(cold_cpu)
    results["noop"] = statistics.median(noop)
    results["edit"] = statistics.median(edit)
    results["edit_range"] = (min(edit), max(edit))
    results["rerun_jobs"] = rerun_jobs
    results["repeat"] = repeat
    if not skip_tests:
        for target in ("test-fast", "test"):
            key, times, failed = target.replace("-", "_"), [], 0
            log = REPO / "logs" / f"benchmark_make_{key}.log"
            log.parent.mkdir(exist_ok=True)
            for i in range(repeat):
                start = time.perf_counter()
                with open(log, "w", encoding="utf-8") as handle:
                    run = subprocess.run(["make", "-s", target], cwd=REPO, stdout=handle, stderr=subprocess.STDOUT)
                times.append(time.perf_counter() - start)
                failed += run.returncode != 0
                print(f"make {target} {i + 1}/{repeat}: {times[-1]:.0f} s, exit {run.returncode}", file=sys.stderr)
            results[key] = statistics.median(times)
            results[key + "_range"] = (min(times), max(times))
            results[key + "_failed"] = failed
    if not skip_clone:
        with tempfile.TemporaryDirectory() as tmp:
            clone = Path(tmp) / "clone"
            start = time.perf_counter()
            subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
            subprocess.run(["make"], cwd=clone, check=True, capture_output=True)
            results["clone"] = time.perf_counter() - start
            print(f"fresh clone to outputs: {results['clone']:.0f} s", file=sys.stderr)
    return results


def _range(bounds: tuple[float, float]) -> str:
    return f"{bounds[0]:.1f}–{bounds[1]:.1f}"


def report(results: dict[str, object]) -> str:
    cold, noop, edit = results["cold"], results["noop"], results["edit"]
    rerun, expected = results["rerun_jobs"], results["expected_jobs"]
    total = sum(rerun.values())
    same = "yes" if rerun == expected else f"no (expected {expected})"
    lines = [
        f"Measured with `.venv/bin/python benchmarks/run_benchmarks.py --repeat {results['repeat']}` on "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; medians of {results['repeat']} runs "
        f"(lowest–highest in parentheses). The cold build used a median {results['cold_cpu']:.0f} processor-seconds. "
        f"Load average (1 min) {results['load'][0]:.1f} at the start and {results['load'][1]:.1f} at the end"
        + (
            " (above the core count: other processes shared the cores and inflated every wall time)."
            if max(results["load"]) > (os.cpu_count() or 1)
            else " (below the core count)."
        ),
        "",
        "| measure | median | target | met |",
        "|---|---|---|---|",
        f"| cold build of every output from raw | {cold:.1f} s ({_range(results['cold_range'])}) | "
        f"< {TARGETS['cold']:.0f} s | "
        f"{'yes' if cold < TARGETS['cold'] else 'no'} |",
        f"| no-op rerun | {noop:.2f} s | < {TARGETS['noop']:.0f} s | {'yes' if noop < TARGETS['noop'] else 'no'} |",
        f"| rebuild after editing `{EDITED_TABLE}` | {edit:.1f} s ({_range(results['edit_range'])}) | | |",
        f"| jobs rerun after that edit | {total} ({', '.join(f'{k} {v}' for k, v in sorted(rerun.items()))}) | "
        f"exactly the table's dependents in the DAG | {same} |",
    ]
    for key, label in (("test_fast", "`make test-fast` (unit tier)"), ("test", "`make test` (everything)")):
        if key in results:
            seconds, failed = results[key], results[key + "_failed"]
            verdict = "yes" if seconds < TARGETS[key] else "no"
            if failed:
                verdict = f"no ({failed} of {results['repeat']} runs had failing tests)"
            spread = _range(results[key + "_range"])
            lines.append(f"| {label} | {seconds:.0f} s ({spread}) | < {TARGETS[key]:.0f} s | {verdict} |")
    if "clone" in results:
        clone = results["clone"]
        lines.append(
            f"| fresh `git clone` to built outputs (`make`, environment included) | {clone:.0f} s | "
            f"< {TARGETS['clone']:.0f} s | {'yes' if clone < TARGETS['clone'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-clone", action="store_true", help="do not measure the fresh-clone build")
    parser.add_argument("--skip-tests", action="store_true", help="do not measure make test-fast and make test")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    # As `make` does before every build: the package's bytecode, which Python does not write by itself
    # when PYTHONDONTWRITEBYTECODE is set (the copies import the package from this tree).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    load = os.getloadavg()[0]
    results = measure(args.repeat, args.skip_clone, args.skip_tests)
    results["load"] = (load, os.getloadavg()[0])
    table = report(results)
    print(table)
    if args.output:
        args.output.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
