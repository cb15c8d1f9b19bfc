"""kill -9 in the middle of a save never costs more than that save.

A child process saves a large project in a loop (``save_project`` of two
different projects, then ``save_version``) and is killed with SIGKILL after a
random delay, a few times in a row on the same file. After each kill the file
reopens, equals exactly the last committed state or the one being written
(never a mix of both) and passes ``PRAGMA integrity_check``.
The benchmark ``benchmarks/kill_during_save.py`` runs the same code 100+ times.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pytest

from benchmarks.kill_during_save import Outcome, integrity, kill_once, save_project, state
from scheduler.store import load_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

AGENTS = 60  # about 8 500 rows: a save takes long enough to be hit mid-way


def test_a_killed_save_leaves_the_old_or_the_new_project_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "killed.turnos"
    save_project(path, state(0, AGENTS))
    outcome = Outcome()
    rng = random.Random(20260329)
    current = 0
    began = time.perf_counter()
    for _ in range(4):
        current = kill_once(path, current, AGENTS, rng, 0.35, outcome)
    assert outcome.failures == []
    assert outcome.runs == outcome.reopened == outcome.old + outcome.new == 4
    assert outcome.mid_save >= 1  # at least one kill landed inside a save
    assert outcome.checking + outcome.in_transaction + outcome.after_commit == outcome.mid_save
    assert load_project(path) == state(current, AGENTS)
    assert integrity(path) == "ok"
    # No stray files: the -wal of the killed writer was recovered and removed on reopening.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["killed.turnos"]
    assert time.perf_counter() - began < 15
