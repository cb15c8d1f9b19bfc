"""Kill a process in the middle of saving a project, again and again: the file must survive.

    python benchmarks/kill_during_save.py [--runs 100] [--agents 120] [--seed 1] [--max-delay 0.6]

A child process saves a large project (``--agents`` agents, 4 weeks, a 15-minute
forecast, two roster drafts with breaks; about 10 000 rows) in an endless loop,
alternating ``save_project`` of two different projects with ``save_version`` of
a third draft. After a random delay the child gets ``SIGKILL`` — no clean-up,
no chance to finish the transaction. The file is then reopened with
``load_project`` and must:

* load (no :class:`~scheduler.store.ProjectFileError`);
* equal **exactly** either the last state the child reported committed
  (*old*) or the state it was writing when it died (*new*): never a mix;
* pass ``PRAGMA integrity_check``.

The child also reports when each write transaction begins and when its
``COMMIT`` has returned, so every kill is filed under the phase it
interrupted: *checking* (the read-only check of the file before writing),
*in transaction* (must leave the old state, or the new one if the commit
landed in the instant before it could say so) and *after commit* (the
connection checkpointing the ``-wal`` file and closing: must leave the new
state — a committed save is never lost).

The next run starts from the file as the previous kill left it. Prints one
table row; figures are recorded in docs/reliability.md. The same code runs a
handful of kills in ``tests/reliability/test_reliability_kill_save.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scheduler.domain import (  # noqa: E402
    Agent,
    BreakAssignment,
    Contract,
    Forecast,
    ForecastInterval,
    Horizon,
    Project,
    Request,
    RequestKind,
    Roster,
    RosterVersion,
    ShiftAssignment,
    ShiftTemplate,
    Site,
    VersionStatus,
)
from scheduler.store import ProjectFileError, load_project, save_project, save_version  # noqa: E402

START = date(2026, 3, 23)  # a Monday; the horizon crosses the spring clock change
CREATED = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


# -- the states the child writes ----------------------------------------------------

@lru_cache(maxsize=8)
def base_project(variant: int, n_agents: int) -> Project:
    """One of two large, clearly different projects (variant 0 or 1)."""
    site = Site("Centro", "Europe/Madrid", 15, "ES", "MD")
    horizon = Horizon(START, 4)
    timeline = Project(site, horizon).timeline
    agents = tuple(
        Agent(f"{'AB'[variant]}{i:04d}", f"Agente {variant}-{i} Núñez", Contract.full_time(),
              skills=("es",) if i % 3 else ("es", "en"))
        for i in range(n_agents))
    requests = tuple(Request(agents[i].id, START + timedelta(days=(i * 5 + variant) % 28),
                             RequestKind.DAY_OFF if i % 2 else RequestKind.VACATION, i % 4 == 0,
                             1 + i % 5, f"nota {i}")
                     for i in range(0, n_agents, 2))
    intervals = tuple(
        ForecastInterval(datetime.combine(START, datetime.min.time()) + timedelta(minutes=15 * q),
                         float((q * 7 + variant * 13) % 97), 280.0 + variant)
        for q in range(28 * 96))

    def roster(offset: int) -> Roster:
        shifts = []
        for i, agent in enumerate(agents):
            for d in range(28):
                if (d + i + offset) % 7 in (5, 6):
                    continue
                hour = (6 + (i + offset + variant) % 12)
                start = timeline.wall_to_utc(START + timedelta(days=d), hour * 60)
                end = start + timedelta(hours=8, minutes=30)
                breaks = (BreakAssignment("lunch", start + timedelta(hours=4),
                                          start + timedelta(hours=4, minutes=30), paid=False),
                          BreakAssignment("screen", start + timedelta(hours=2),
                                          start + timedelta(hours=2, minutes=5)))
                shifts.append(ShiftAssignment(agent.id, START + timedelta(days=d), start, end, "8h",
                                              breaks))
        return Roster(tuple(shifts))

    versions = tuple(RosterVersion(n, roster(n + variant), VersionStatus.DRAFT, CREATED, "bench",
                                   f"borrador {n}", START) for n in (1, 2))
    return Project(site=site, horizon=horizon, agents=agents,
                   shift_templates=(ShiftTemplate("8h", 510, 0, 23 * 60, 60),),
                   requests=requests, forecast=Forecast(15, intervals), versions=versions)


@lru_cache(maxsize=8)
def extra_version(variant: int, n_agents: int) -> RosterVersion:
    """Draft 3, written by ``save_version`` alone."""
    project = base_project(variant, n_agents)
    return replace(project.versions[0], number=3, comment=f"versión 3/{variant}")


def operation(k: int) -> str:
    """What save number ``k`` does: two whole-project saves, then one version save."""
    return "save_version" if k % 3 == 2 else "save_project"


def state(k: int, n_agents: int) -> Project:
    """The project the file holds once save number ``k`` has committed."""
    if operation(k) == "save_version":
        return state(k - 1, n_agents).with_version(extra_version(k % 2, n_agents))
    base = base_project(k % 2, n_agents)
    return replace(base, site=replace(base.site, name=f"Centro {k}"))


def write(path: Path, k: int, n_agents: int) -> None:
    if operation(k) == "save_version":
        save_version(path, extra_version(k % 2, n_agents), by="bench")
    else:
        save_project(path, state(k, n_agents), by="bench")


# -- the child: save forever ---------------------------------------------------------

def _trace_transactions() -> None:
    """Report on stdout when a write transaction begins and once its COMMIT has returned,
    so the parent knows which phase each kill interrupted."""
    from scheduler import store

    original = store._transaction

    @contextmanager
    def traced(conn, begin: str = "BEGIN IMMEDIATE"):
        with original(conn, begin):
            if begin != "BEGIN":
                print("tx 0", flush=True)
            yield
        if begin != "BEGIN":
            print("commit 0", flush=True)

    store._transaction = traced


def child(path: Path, start_k: int, n_agents: int) -> None:
    state(start_k + 1, n_agents)  # build both projects before saying "ready"
    state(start_k + 2, n_agents)
    _trace_transactions()
    print("ready", flush=True)
    k = start_k
    while True:
        k += 1
        print(f"begin {k}", flush=True)
        write(path, k, n_agents)
        print(f"done {k}", flush=True)


# -- the parent: kill, reopen, compare ---------------------------------------------------

@dataclass
class Outcome:
    runs: int = 0
    reopened: int = 0
    old: int = 0
    new: int = 0
    mid_save: int = 0
    checking: int = 0  # killed while the file was checked (read-only), before the write transaction
    in_transaction: int = 0  # killed inside BEGIN IMMEDIATE … COMMIT
    after_commit: int = 0  # killed after COMMIT, while the connection checkpointed and closed
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def integrity(path: Path) -> str:
    # A read-write connection: the last one to close removes the -wal/-shm files.
    with closing(sqlite3.connect(path)) as conn:
        return ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def kill_once(path: Path, current: int, n_agents: int, rng: random.Random, max_delay: float,
              outcome: Outcome) -> int:
    """Start a saver, kill it after a random delay, check the file; returns the state it holds."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(path),
               "--start", str(current), "--agents", str(n_agents)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(REPO))
    try:
        line = proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"the saver did not start: {line!r} {proc.stderr.read()[-2000:]}")
        time.sleep(rng.uniform(0.0, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines = proc.stdout.read().split()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    outcome.runs += 1
    begun = done = current
    phase = "between"
    for word, number in zip(lines[::2], lines[1::2]):
        if word == "begin":
            begun, phase = int(number), "checking"
        elif word == "tx":
            phase = "in_transaction"
        elif word == "commit":
            phase = "after_commit"
        elif word == "done":
            done, phase = int(number), "between"
    outcome.mid_save += begun > done
    if phase != "between":
        setattr(outcome, phase, getattr(outcome, phase) + 1)
    try:
        loaded = load_project(path)
    except ProjectFileError as error:
        outcome.failures.append(f"run {outcome.runs}: does not reopen: {error}")
        return current
    check = integrity(path)
    if check != "ok":
        outcome.failures.append(f"run {outcome.runs}: integrity_check: {check}")
        return current
    outcome.reopened += 1
    if loaded == state(done, n_agents):
        if phase == "after_commit":  # the commit had returned: its state must be there
            outcome.failures.append(f"run {outcome.runs}: committed save {begun} lost")
            return done
        outcome.old += 1
        return done
    if begun > done and loaded == state(begun, n_agents):
        outcome.new += 1
        return begun
    outcome.failures.append(f"run {outcome.runs}: the file holds neither state {done} nor {begun}")
    return current


def run(runs: int, n_agents: int, seed: int, max_delay: float, folder: Path) -> Outcome:
    path = folder / "killed.turnos"
    if path.exists():
        path.unlink()
    save_project(path, state(0, n_agents))
    rng = random.Random(seed)
    outcome = Outcome()
    began = time.perf_counter()
    current = 0
    for _ in range(runs):
        current = kill_once(path, current, n_agents, rng, max_delay, outcome)
    outcome.seconds = time.perf_counter() - began
    return outcome


def table(outcome: Outcome) -> str:
    header = ("runs", "reopened OK", "old state", "new state", "failures", "seconds",
              "killed while checking", "in transaction", "after commit")
    values = (outcome.runs, outcome.reopened, outcome.old, outcome.new, len(outcome.failures),
              f"{outcome.seconds:.1f}", outcome.checking, outcome.in_transaction, outcome.after_commit)
    widths = [max(len(h), len(str(v))) for h, v in zip(header, values)]
    rows = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
            "|" + "|".join("-" * (w + 2) for w in widths) + "|",
            "| " + " | ".join(str(v).rjust(w) for v, w in zip(values, widths)) + " |"]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--agents", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.6,
                        help="longest wait before the kill, in seconds")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child, args.start, args.agents)
        return 0
    with tempfile.TemporaryDirectory(prefix="turnos-kill-") as folder:
        rows = sum(len(v.roster.shifts) * 3 for v in base_project(0, args.agents).versions) + \
            len(base_project(0, args.agents).forecast.intervals)
        print(f"kill -9 during save: {args.agents} agents, about {rows:,} rows per project, "
              f"delay 0–{args.max_delay:g} s, seed {args.seed}")
        outcome = run(args.runs, args.agents, args.seed, args.max_delay, Path(folder))
    print(table(outcome))
    for failure in outcome.failures:
        print("FAIL", failure)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
