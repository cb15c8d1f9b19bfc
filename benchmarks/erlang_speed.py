"""How fast is staffing a 4-week forecast?  ``python benchmarks/erlang_speed.py`` from the repo root.

Builds 28 days of 15-minute intervals (2688) with a deterministic double-peak
intraday curve (morning and afternoon peaks, quieter weekends, a campaign day
reaching ~300 erlangs, small seeded noise so few intervals repeat exactly) and
times :func:`scheduler.staffing.erlang.required_agents_series` (best of 5) for
Erlang C and Erlang A.
"""

from __future__ import annotations

import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.staffing.erlang import required_agents_series  # noqa: E402

INTERVAL_S = 900
DAYS = 28
PER_DAY = 24 * 3600 // INTERVAL_S
RUNS = 5


def intraday_shape(slot: int) -> float:
    """Relative volume of a 15-minute slot: two Gaussian peaks (10:30, 15:00) on a night floor."""
    hour = (slot + 0.5) * INTERVAL_S / 3600
    morning = math.exp(-((hour - 10.5) ** 2) / (2 * 1.6**2))
    afternoon = 0.8 * math.exp(-((hour - 15.0) ** 2) / (2 * 2.0**2))
    return 0.02 + morning + afternoon


def forecast(noise: bool = True) -> tuple[list[float], list[float]]:
    """Calls and AHT per interval; peak load ~60 erlangs, campaign day (day 10) up to ~300."""
    rng = random.Random(20270104)
    calls: list[float] = []
    aht: list[float] = []
    for day in range(DAYS):
        weekday = day % 7
        level = 180.0 if weekday < 5 else 90.0  # calls in the peak slot
        if day == 10:
            level *= 5.0  # marketing campaign
        for slot in range(PER_DAY):
            wobble = 1.0 + (rng.uniform(-0.08, 0.08) if noise else 0.0)
            calls.append(round(level * intraday_shape(slot) * wobble, 1))
            aht.append(300.0 if slot * INTERVAL_S < 18 * 3600 else 330.0)
    return calls, aht


def best_of(runs: int, fn) -> float:
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    rows = []
    for label, noise in (("noisy (few repeats)", True), ("repeating days", False)):
        calls, aht = forecast(noise)
        unique = len(set(zip(calls, aht)))
        peak = max(c * h / INTERVAL_S for c, h in zip(calls, aht))
        for case, extra in (("Erlang C", {}), ("Erlang A (patience 120 s)", {"patience_s": 120.0})):
            params = dict(sl_target=0.8, target_s=20, max_occupancy=0.9, shrinkage=0.3, min_agents=2, **extra)
            required_agents_series(calls, aht, INTERVAL_S, **params)  # warm-up
            seconds = best_of(RUNS, lambda: required_agents_series(calls, aht, INTERVAL_S, **params))
            rows.append((case, label, len(calls), unique, peak, seconds))

    header = f"{'case':<27}{'forecast':<21}{'intervals':>10}{'unique':>8}{'peak E':>8}{'total s':>10}{'us/interval':>13}"
    print(header)
    print("-" * len(header))
    for case, label, n, unique, peak, seconds in rows:
        print(f"{case:<27}{label:<21}{n:>10}{unique:>8}{peak:>8.0f}{seconds:>10.4f}{seconds / n * 1e6:>13.1f}")


if __name__ == "__main__":
    main()
