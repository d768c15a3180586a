"""The ``medialit`` command.

    medialit info [CASE]             what a case holds (sentences, comments, keys, cards)
    medialit export [--student NAME] write a student's work file for submission (and W3C JSON-LD)
    medialit progress [--student NAME] [--json]   exercises done per lesson
    medialit lessons build|check     rebuild or check the two editions of the lessons
    medialit class-report DIR --out report.html [--csv grades.csv] [--roster roster.csv]
                                     a class report (and gradebook) from a folder of exports
"""
from __future__ import annotations

import argparse
import sys

from .errors import MedialitError


def _info(args) -> int:
    from .corpus import load_case
    case = load_case(args.case)
    print(case)
    print(f"keys: {', '.join(case.keys) or 'none'}")
    try:
        print(f"evidence cards: {len(case.evidence)}")
    except MedialitError as e:
        print(f"evidence: {e}")
    return 0


def _open(student: str | None):
    """The store of ``student`` (default: the pseudonym chosen in lesson 00). A name given on the
    command line must have saved work already: a typo must not make a new, empty student."""
    from .errors import StoreError
    from .paths import work_dir
    from .store import DATA_FILE, open_store
    if student is not None:
        root = work_dir()
        if not (root / student / DATA_FILE).is_file():
            known = sorted(p.parent.name for p in root.glob(f"*/{DATA_FILE}")) if root.is_dir() else []
            raise StoreError(f"No saved work for {student!r} in {root}. "
                             + (f"Students with work there: {', '.join(known)}." if known
                                else "Nobody has saved work there yet (is MEDIALIT_WORK set to the right folder?)."))
    return open_store(student)


def _export(args) -> int:
    from .handin import export_for_hand_in
    store = _open(args.student)
    print(f"wrote {export_for_hand_in(store)}")
    print(f"wrote {store.export_web_annotation()}")
    for p in store.problems:
        print(f"problem: {p}", file=sys.stderr)
    return 0


def _progress(args) -> int:
    import json

    from .exercises import lesson_progress
    store = _open(args.student)
    rows = lesson_progress(store.records())
    if args.json:
        print(json.dumps([{"lesson": r["lesson"], "done": r["done"], "total": r["total"]} for r in rows]))
        return 0
    print(f"Progress of {store.student}")
    for r in rows:
        if not r["total"]:
            print(f"{r['lesson']}  {r['title']}: no exercises yet")
            continue
        left = f"; still to do: {', '.join(r['remaining'])}" if r["remaining"] else ""
        print(f"{r['lesson']}  {r['title']}: {r['done']} of {r['total']} exercises done{left}")
    return 0


def _lessons(args) -> int:
    from .lessons import main as lessons_main
    return lessons_main([args.action, *args.names])


def _class_report(args) -> int:
    from . import instructor
    roster = instructor.read_roster(args.roster) if args.roster else None
    report = instructor.class_report(args.folder, case=args.case, max_bytes=int(args.max_mb * 1024 * 1024),
                                     progress=False if args.quiet else None, jobs=args.jobs)
    print(f"read {report.n_students} exports; {len(report.skipped)} files skipped (listed in the report)")
    print(f"wrote {instructor.write_html(report, args.out, roster=roster)}")
    if args.csv:
        print(f"wrote {instructor.write_csv(report, args.csv, roster=roster)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="medialit", description="Between the Lines course tools.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("info", help="what a case holds")
    p.add_argument("case", nargs="?", default="rodong-2024")
    p.set_defaults(fn=_info)
    p = sub.add_parser("export", help="export a student's work")
    p.add_argument("--student", default=None, help="pseudonym with saved work (default: the one chosen in lesson 00)")
    p.set_defaults(fn=_export)
    p = sub.add_parser("progress", help="exercises done per lesson")
    p.add_argument("--student", default=None, help="pseudonym with saved work (default: the one chosen in lesson 00)")
    p.add_argument("--json", action="store_true", help='a JSON list of {"lesson", "done", "total"}')
    p.set_defaults(fn=_progress)
    p = sub.add_parser("lessons", help="build or check the lesson notebooks")
    p.add_argument("action", choices=["build", "check"])
    p.add_argument("names", nargs="*")
    p.set_defaults(fn=_lessons)
    p = sub.add_parser("class-report", help="a class report from a folder of exported work")
    p.add_argument("folder", metavar="SUBMISSIONS_DIR", help="folder of *.medialit-work.json files (subfolders too)")
    p.add_argument("--out", required=True, help="the HTML report to write")
    p.add_argument("--csv", help="also write a gradebook CSV (one row per student and exercise)")
    p.add_argument("--roster", help="CSV with pseudonym and student_id columns, for the gradebook")
    p.add_argument("--case", default=None, help="case id or folder the keys come from (default: the course's case)")
    p.add_argument("--max-mb", type=float, default=16.0, help="skip files larger than this (default 16)")
    p.add_argument("--jobs", type=int, default=None, help="processes to read with (default: up to 4 for large folders)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=_class_report)
    args = ap.parse_args(argv)
    try:
        return args.fn(args)
    except MedialitError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
