"""Record the md5 of raw data changed on purpose: ``python -m migration_evidence.integrity record-raw
--reason "..."`` (``make raw-md5 REASON="..."``), run from the project's root."""

from __future__ import annotations

import argparse
import sys

from .raw import RawIntegrityError, raw_problems, record_raw_md5s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m migration_evidence.integrity", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    record = commands.add_parser("record-raw", help="record the md5 of every new or changed file under data/raw/")
    record.add_argument("--reason", required=True, help="why the raw data changed (kept with the new md5)")
    commands.add_parser("check-raw", help="list every raw file that is not what data/raw/datapackage.json records")
    args = parser.parse_args(argv)
    try:
        if args.command == "check-raw":
            problems = raw_problems()
            print("\n".join(problems) or "Every raw file is the one data/raw/datapackage.json records.")
            return 1 if problems else 0
        changed = record_raw_md5s(args.reason)
    except (RawIntegrityError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    for path in changed:
        print(f"recorded {path}")
    if not changed:
        print("Nothing to record: every raw file already has its md5 in data/raw/datapackage.json.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
