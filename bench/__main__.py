"""Run every benchmark: ``python -m bench [--json] [name ...]``."""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import traceback
from pathlib import Path


def collect(only: list[str]) -> list[dict]:
    results: list[dict] = []
    here = Path(__file__).parent
    for mod in sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")):
        if only and not any(o in mod for o in only):
            continue
        try:
            rows = importlib.import_module(f"bench.{mod}").run()
        except Exception as e:  # one broken bench must not hide the others
            traceback.print_exc(file=sys.stderr)
            rows = [{"name": mod, "value": None, "baseline": None, "ratio": None,
                     "goal": None, "error": f"{type(e).__name__}: {e}"}]
        results.extend(rows)
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--json", action="store_true", help="print a JSON list")
    ap.add_argument("only", nargs="*", help="run only benchmarks whose module name contains this")
    args = ap.parse_args(argv)
    rows = collect(args.only)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'benchmark':44} {'value':>10} {'baseline':>10} {'ratio':>7} {'goal':>10}  ok")
        for r in rows:
            f = lambda x: "-" if x is None else (f"{x:.4g}" if isinstance(x, float) else str(x))
            ok = r.get("ok")
            if ok is None and r.get("ratio") is not None and r.get("goal") is not None:
                ok = r["ratio"] <= r["goal"]
            print(f"{r['name']:44} {f(r['value']):>10} {f(r['baseline']):>10} {f(r['ratio']):>7} "
                  f"{('<= ' + f(r['goal'])) if r.get('goal') is not None else '-':>10}  "
                  f"{'' if ok is None else ('yes' if ok else 'NO')}{'  ' + r['error'] if r.get('error') else ''}")
    return 1 if any(r.get("error") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
