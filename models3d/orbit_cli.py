"""The `orbit` command: a plan's orbit in numbers (text or JSON) and as a world map.

`add_parser(subparsers)` adds the sub-command to main.py's parser and `run(args)`
carries it out, raising a RossError (UsageError, PlanError, ExportError) for input that
cannot be used. `python -m models3d.orbit_cli ...` runs it on its own.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys

from .errors import RossError, UsageError
from .orbit_report import orbit_summary, params_for, summary_table

HELP = "a plan's orbit: period, drift, coverage of Russia, sunlight; --map draws it"


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("orbit", help=HELP, description=HELP)
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    # numbers and dates are read as text and checked in run(), so a bad value is one
    # line with the option's name, like every other input error
    p.add_argument(
        "--plan",
        metavar="ID|FILE",
        help="a bundled plan id or a plan file (its [orbit] table)",
    )
    p.add_argument("--altitude", metavar="KM", help="altitude above the equator, km")
    p.add_argument("--inclination", metavar="DEG", help="inclination in degrees")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="start of the year the beta angle is taken over and of the "
        "map's 24 h track (default: today, UTC)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--map", metavar="FILE", help="write a PNG world map")


def parse_date(text: str | None) -> _dt.date:
    if text is None:
        return _dt.datetime.now(_dt.UTC).date()
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date '{text}' is not a date like 2026-01-31") from None


def run(args) -> int:
    date = parse_date(args.date)
    name, variants = params_for(args.plan, args.inclination, args.altitude)
    if args.map is not None and not str(args.map).lower().endswith(".png"):
        raise UsageError(f"--map {args.map}: the map is written as PNG; name it .png")
    summaries: list[tuple[str, dict]] = []
    for v in variants:
        summary = orbit_summary(v, date)
        if summary is None:
            # never taken: orbit_summary returns None only for a plan, not OrbitParams
            raise AssertionError(f"orbit: no summary for {v!r}")
        summaries.append((v.label or name, summary))
    if args.map is not None:
        from .orbit_map import write_map

        first = variants[0]
        title = (
            f"{name}: inclination {first.inclination_deg:g}°, altitude "
            f"{first.altitude_km:g} km"
        )
        write_map(args.map, first, date, title=title)
    if args.json:
        print(json.dumps(summaries[0][1], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(summary_table(summaries, title=f"Orbit of {name}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="orbit", description=HELP)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except RossError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
