"""Command line: ``python -m loaders check [--json] [--codebook FILE] PATH`` and
``python -m loaders import INPUT --out EXPORT_DIR``.

Prints a short summary of an export and every problem found, questions and codes the codebook does not name among
them; exits 0 when the export is usable, 1 when not (or when the codebook given cannot be used).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CodebookError, ExportError, importer, load_export
from .codebook import load_codebook, not_in_codebook, notes_file
from .problems import Problem
from .remote import is_remote, shown


def summary(export) -> dict:
    notes, people = export.contributions, export.participants
    times = notes["submitted_at"].dropna() if "submitted_at" in notes else None
    return {
        "path": export.path,
        "fingerprint": export.fingerprint,
        "synthetic": export.synthetic,
        "sessions": export.sessions,
        "contributions": int(len(notes)),
        "participants": int(len(people)),
        "participants_from": export.participants_source,
        "seats": int(len(export.seating)),  # loaders/seating.py: 0 when the export has no seating
        # The people's regions; for a flat export without participant ids, the regions written on the notes.
        "regions": sorted(str(r) for r in (people if len(people) else notes)["region"].dropna().unique()),
        "languages": sorted(str(x) for x in notes["language"].dropna().unique()) if "language" in notes else [],
        "first_note": str(times.min()) if times is not None and len(times) else None,
        "last_note": str(times.max()) if times is not None and len(times) else None,
    }


def _print_problems(problems: list[Problem], out) -> None:
    if not problems:
        print("No problems found.", file=out)
        return
    print(f"{len(problems)} problem(s):", file=out)
    for problem in problems:
        print(f"  - {problem}", file=out)


def _shown(path: str) -> str:
    """The path as printed: an s3:// address without credentials or options (loaders/remote.py refuses those)."""
    return shown(path) if is_remote(path) else path


def check(path: str, as_json: bool, codebook_path: str | None = None) -> int:
    try:
        codebook = load_codebook(codebook_path)
    except CodebookError as error:
        if as_json:
            problems = [p.as_dict() for p in error.problems]
            print(
                json.dumps({"path": _shown(path), "usable": False, "problems": problems}, ensure_ascii=False, indent=2)
            )
        else:
            print(f"The codebook {codebook_path} cannot be used:")
            _print_problems(error.problems, sys.stdout)
        return 1
    try:
        export = load_export(path)
    except ExportError as error:
        if as_json:
            print(
                json.dumps(
                    {"path": _shown(path), "usable": False, "problems": [p.as_dict() for p in error.problems]},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            print(f"{_shown(path)} cannot be used:")
            _print_problems(error.problems, sys.stdout)
        return 1
    info = summary(export)
    # Questions and codes the codebook does not name: problems too, once each with their number of notes.
    problems = [*export.problems, *not_in_codebook(export.contributions, codebook, notes_file(str(export.path)))]
    used = {"file": Path(codebook.path).name, "version": codebook.version}
    if as_json:
        print(
            json.dumps(
                {**info, "codebook": used, "usable": True, "problems": [p.as_dict() for p in problems]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"{info['path']}{'  (SYNTHETIC sample data)' if info['synthetic'] else ''}")
    print(f"  sessions:      {', '.join(info['sessions']) or 'none'}")
    print(f"  contributions: {info['contributions']}")
    print(f"  participants:  {info['participants']} (from {info['participants_from']})")
    if info["seats"]:
        print(f"  seating:       {info['seats']} seats")
    print(f"  regions:       {len(info['regions'])} ({', '.join(info['regions'])})")
    print(f"  languages:     {len(info['languages'])} ({', '.join(info['languages'])})")
    if info["first_note"]:
        print(f"  date range:    {info['first_note']} to {info['last_note']}")
    print(f"  codebook:      {used['file']} (version {used['version']})")
    _print_problems(problems, sys.stdout)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Check a Harvest session export.")
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="summarise an export and list every problem")
    checker.add_argument("path")
    checker.add_argument("--json", action="store_true", help="print the summary and problems as JSON")
    checker.add_argument(
        "--codebook",
        metavar="FILE",
        help="the codebook to check questions and codes against (default: data/codebook.toml)",
    )
    importer.add_import_command(commands)
    args = parser.parse_args(argv)
    if args.command == "import":
        return importer.run_import(args)
    try:
        return check(args.path, args.json, args.codebook)
    except Exception as error:  # never a bare traceback for a user
        print(
            f"{_shown(args.path)}: could not be checked ({type(error).__name__}: {error}). Please report this.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
