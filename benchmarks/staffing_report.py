"""How fast is the staffing report?  ``python benchmarks/staffing_report.py`` from the repo root.

Times :func:`scheduler.staffing.report.staffing_report` over the bundled
sample (4 weeks of 15-minute slots, 2688 slots, 50 agents), best of 5:

* the requirement alone (Erlang C), and with caller patience (Erlang A);
* with a synthetic roster: every agent works five 8-hour days a week, with a
  5-minute screen break every hour and a 20-minute rest, so the roster
  predictions see ~3,000 breaks;
* turning the arrays into rows and day summaries (what the CLI and the
  workbook read);
* importing ``samples/forecast.xlsx`` (openpyxl reading 2688 rows).
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scheduler.domain import BreakAssignment, Project, Roster, ShiftAssignment  # noqa: E402
from scheduler.staffing.forecast_import import read_forecast  # noqa: E402
from scheduler.staffing.report import staffing_report  # noqa: E402
from scheduler.store import load_project  # noqa: E402

RUNS = 5


def synthetic_roster(project: Project) -> Roster:
    """Five 8-hour shifts a week per agent, starts spread over the day, hourly 5-min breaks and a 20-min rest."""
    timeline = project.timeline
    starts = (6 * 60, 8 * 60, 9 * 60, 10 * 60, 12 * 60, 14 * 60, 15 * 60, 22 * 60)
    shifts = []
    for a, agent in enumerate(project.agents):
        first = starts[a % len(starts)]
        for d, day in enumerate(project.horizon.dates()):
            if (d + a) % 7 >= 5:
                continue
            begin = timeline.minutes_to_utc(timeline.wall_minutes(day, first))
            breaks = [BreakAssignment("PVD", begin + timedelta(minutes=m), begin + timedelta(minutes=m + 5))
                      for m in range(55, 8 * 60 - 30, 60) if m != 235]
            breaks.append(BreakAssignment("Descanso", begin + timedelta(minutes=200),
                                          begin + timedelta(minutes=220)))
            shifts.append(ShiftAssignment(agent.id, day, begin, begin + timedelta(hours=8), "8h", tuple(breaks)))
    return Roster(tuple(shifts))


def best_of(runs: int, fn) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    project = load_project(ROOT / "samples" / "demo.turnos")
    patient = replace(project, staffing=replace(project.staffing, patience_seconds=120.0))
    roster = synthetic_roster(project)
    report = staffing_report(project, roster)
    n_slots = len(report.starts)
    n_breaks = sum(len(s.breaks) for s in roster.shifts)
    cases = [
        ("report, Erlang C, no roster", lambda: staffing_report(project)),
        ("report, Erlang A (patience 120 s)", lambda: staffing_report(patient)),
        (f"report + roster ({len(roster.shifts)} shifts, {n_breaks} breaks)",
         lambda: staffing_report(project, roster)),
        ("rows() + days() of the roster report", lambda: (report.rows(), report.days())),
        ("read_forecast(samples/forecast.xlsx)", lambda: read_forecast(ROOT / "samples" / "forecast.xlsx",
                                                                       project.horizon)),
    ]
    header = f"{'case':<48}{'slots':>7}{'best s':>10}{'ms':>9}"
    print(header)
    print("-" * len(header))
    for label, fn in cases:
        fn()  # warm-up
        seconds = best_of(RUNS, fn)
        print(f"{label:<48}{n_slots:>7}{seconds:>10.4f}{seconds * 1000:>9.1f}")


if __name__ == "__main__":
    main()
