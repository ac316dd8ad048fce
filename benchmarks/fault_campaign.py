"""The long SIGKILL fault-injection campaign: the cases of tests/test_kill_campaign.py (edits,
documents, register, backup, migration, export and import of an incident file), with many more
random kills per class, and every chosen kill point.

Run: .venv/bin/python benchmarks/fault_campaign.py [--kills N] [--seed S] [--case NAME ...]
     [--work DIR] [--no-points] [--fuzz N] [--fuzz-only]
Default: 45 random kills per class (7 classes: 315), plus the chosen points. Prints a table of the
kills tried, how many landed before the end of the operation, how many were handled (every check
held) and lists every failure with what is needed to reproduce it. Exit status 1 if any failed.
Needs POSIX (SIGKILL). Takes about 1 s per kill on 2 cores.

``--fuzz N`` also runs N mutants of incident files and encrypted envelopes (tests/fuzz_files.py,
hypothesis) and prints tried / imported / refused in French / tracebacks.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.kill_cases import CASES, Campaign  # noqa: E402

DEFAULT_KILLS = 45


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=DEFAULT_KILLS,
                        help=f"random kills per class (default {DEFAULT_KILLS})")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--case", action="append", choices=list(CASES),
                        help="only this class (repeatable)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one); "
                        "the folders of failed kills are kept there")
    parser.add_argument("--no-points", action="store_true", help="random kills only")
    parser.add_argument("--fuzz", type=int, default=0, help="mutated incident files to try")
    parser.add_argument("--fuzz-only", action="store_true", help="the fuzzer only, no kills")
    args = parser.parse_args(argv)
    if args.fuzz or args.fuzz_only:
        fuzzed = fuzz(args.fuzz or 2000, args.seed)
        if args.fuzz_only:
            return fuzzed
    if os.name != "posix":
        print("SIGKILL fault injection needs POSIX.", file=sys.stderr)
        return 2

    work = args.work or Path(tempfile.mkdtemp(prefix="incident-wizard-kills-"))
    campaign = Campaign(work)
    names = args.case or list(CASES)
    print(f"SIGKILL campaign: {args.kills} random kills per class, seed {args.seed}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, work folder {work}")
    rows, failures = [], []
    started = time.perf_counter()
    for name in names:
        case = CASES[name](campaign)
        begun = time.perf_counter()

        def progress(kill) -> None:
            print("." if not kill.problems else "F", end="", flush=True)

        print(f"{name:>10} ", end="", flush=True)
        results = case.campaign_run(args.kills, args.seed, points=not args.no_points,
                                    progress=progress)
        print()
        random_kills = [r for r in results if r.point is None]
        point_kills = [r for r in results if r.point is not None]
        rows.append((name, case.window, random_kills, point_kills, time.perf_counter() - begun,
                     case.confirmed_count() if name == "edits" else None))
        failures += [r for r in results if r.problems]

    print()
    print("| class | window | random kills | killed mid-operation | finished first | handled "
          "| chosen points (handled) | time |")
    print("|---|---|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0, 0, 0]
    for name, window, randoms, points, seconds, confirmed in rows:
        killed = sum(r.killed for r in randoms)
        handled = sum(not r.problems for r in randoms)
        points_ok = sum(not r.problems for r in points)
        note = f" ({confirmed} confirmed changes)" if confirmed is not None else ""
        print(f"| {name}{note} | {window * 1000:.0f} ms | {len(randoms)} | {killed} | "
              f"{len(randoms) - killed} | {handled} | {len(points)} ({points_ok}) | {seconds:.0f} s |")
        for i, value in enumerate((len(randoms), killed, len(randoms) - killed, handled,
                                   len(points), points_ok)):
            totals[i] += value
    print(f"| total | | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | "
          f"{totals[4]} ({totals[5]}) | {time.perf_counter() - started:.0f} s |")
    if failures:
        print(f"\n{len(failures)} failure(s) (folders kept under {work}):")
        for failure in failures:
            print(f"- {failure.describe()}")
    else:
        print("\nEvery kill was handled.")
    return 1 if failures else 0


def fuzz(count: int, seed: int) -> int:
    """``count`` mutants through the one reading and import path; 1 if any gave a traceback."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hypothesis_seed

    from tests.fuzz_files import Tally, mutants, try_mutant

    tally = Tally()
    started = time.perf_counter()

    @hypothesis_seed(seed)
    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutants())
    def run(mutant) -> None:
        try_mutant(mutant[0], tally)

    run()
    print(f"Fuzzer: {tally.tried} mutants tried, {tally.imported} imported whole, "
          f"{tally.refused} refused in French, {len(tally.tracebacks)} traceback(s) "
          f"({time.perf_counter() - started:.0f} s).")
    for trace in tally.tracebacks[:5]:
        print(trace)
    return 1 if tally.tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
