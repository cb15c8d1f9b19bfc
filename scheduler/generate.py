"""Generated call centers: the bundled sample and the benchmark centers.

Deterministic for a seed. The volume has what real inbound centers show: a
morning and an afternoon peak, quiet nights, Mondays busiest, lighter weekends.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, timedelta

from scheduler.breaks.presets import preset
from scheduler.domain import (
    Agent,
    Contract,
    Forecast,
    ForecastInterval,
    Horizon,
    LabourRules,
    Project,
    Request,
    RequestKind,
    ShiftTemplate,
    Site,
    StaffingParams,
)

FIRST_NAMES = (
    "Ana", "Lucía", "María", "Carmen", "Laura", "Marta", "Sara", "Paula", "Elena", "Cristina",
    "Raquel", "Beatriz", "Nuria", "Irene", "Alba", "Silvia", "Rocío", "Pilar", "Eva", "Noelia",
    "Javier", "David", "Daniel", "Carlos", "Sergio", "Pablo", "Jorge", "Alberto", "Álvaro", "Rubén",
    "Miguel", "Adrián", "Diego", "Iván", "Óscar", "Raúl", "Manuel", "Fernando", "Hugo", "Andrés",
)
SURNAMES = (
    "García", "Martínez", "López", "Sánchez", "González", "Gómez", "Fernández", "Moreno", "Jiménez",
    "Pérez", "Rodríguez", "Navarro", "Ruiz", "Díaz", "Serrano", "Hernández", "Muñoz", "Sáez",
    "Romero", "Rubio", "Alfaro", "Molina", "Lozano", "Castillo", "Picazo", "Ortega", "Morales",
    "Ortiz", "Delgado", "Castro", "Ibáñez", "Núñez",
)
WEEKDAY_FACTOR = (1.15, 1.05, 1.0, 1.0, 0.95, 0.7, 0.55)  # Monday … Sunday


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def intraday_calls(minute_of_day: float, peak_calls: float) -> float:
    """Calls per 15 minutes at a time of day: two peaks (11:00, 17:00), quiet nights."""
    hour = minute_of_day / 60
    morning = math.exp(-((hour - 11.0) / 2.2) ** 2)
    afternoon = 0.85 * math.exp(-((hour - 17.0) / 2.0) ** 2)
    base = 0.08 + 0.12 * math.exp(-((hour - 14.0) / 5.0) ** 2)
    return peak_calls * (base + morning + afternoon) / 1.1


def generate_center(
    n_agents: int = 50,
    weeks: int = 4,
    start: date = date(2027, 1, 4),
    seed: int = 7,
    name: str = "Centro de Atención Sevilla",
    part_time_share: float = 0.3,
    n_requests: int | None = None,
) -> Project:
    rng = random.Random(seed)
    site = Site(name=name, time_zone="Europe/Madrid", interval_minutes=15, country="ES", region="AN")
    horizon = Horizon(start, weeks)
    agents = _agents(rng, n_agents, part_time_share)
    requests = _requests(rng, agents, horizon, n_requests if n_requests is not None else round(0.8 * n_agents))
    forecast = _forecast(rng, horizon, n_agents)
    return Project(
        site=site,
        horizon=horizon,
        agents=tuple(agents),
        shift_templates=(ShiftTemplate("8h", 8 * 60, 0, 23 * 60 + 30, 30),),
        labour=LabourRules(),
        break_rules=preset("es-contact-center").rules,
        requests=tuple(requests),
        forecast=forecast,
        staffing=StaffingParams(service_level=0.8, target_seconds=20, shrinkage=0.25,
                                max_occupancy=0.85, min_agents=2),
    )


def _agents(rng: random.Random, n: int, part_time_share: float) -> list[Agent]:
    agents = []
    n_part = round(n * part_time_share)
    used: set[str] = set()
    for i in range(n):
        while True:
            full = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
            if full not in used:
                used.add(full)
                break
        part = i >= n - n_part
        profile = rng.random()
        if part:
            contract = Contract.part_time(2, 3)
            window = (9 * 60, 16 * 60) if profile < 0.6 else (6 * 60, 14 * 60)
            nights = False
        elif profile < 0.18:  # night team
            window, nights = (21 * 60, 23 * 60 + 30), True
        elif profile < 0.45:
            window, nights = (6 * 60, 10 * 60), False
        elif profile < 0.7:
            window, nights = (12 * 60, 16 * 60), False
        else:
            window, nights = (6 * 60, 16 * 60), rng.random() < 0.3
            if nights:
                window = (6 * 60, 23 * 60 + 30)
        skills = ("es",) + (("en",) if rng.random() < 0.3 else ())
        agents.append(Agent(
            id=f"A{i + 1:03d}",
            name=full,
            contract=Contract.full_time() if not part else contract,
            earliest_start=window[0],
            latest_start=window[1],
            nights=nights,
            skills=skills,
        ))
    return agents


def _requests(rng: random.Random, agents: list[Agent], horizon: Horizon, count: int) -> list[Request]:
    requests: dict[tuple[str, date], Request] = {}
    days = horizon.dates()
    # A few vacation blocks (approved, hard).
    for agent in rng.sample(agents, k=max(1, len(agents) // 25)):
        first = rng.randrange(0, len(days) - 4)
        for day in days[first: first + rng.randint(3, 5)]:
            requests[(agent.id, day)] = Request(agent.id, day, RequestKind.VACATION, hard=True,
                                                note="Vacaciones")
    attempts = 0
    while len(requests) < count and attempts < 20 * count:
        attempts += 1
        agent = rng.choice(agents)
        day = rng.choice(days)
        if (agent.id, day) in requests:
            continue
        roll = rng.random()
        if roll < 0.25:
            request = Request(agent.id, day, RequestKind.DAY_OFF, hard=True, note="Aprobado por RR. HH.")
        elif roll < 0.85:
            request = Request(agent.id, day, RequestKind.DAY_OFF, hard=False,
                              priority=rng.randint(1, 5), note=rng.choice(("", "Cita médica", "Familia", "Estudios")))
        else:
            kind = rng.choice((RequestKind.PREFER_MORNING, RequestKind.PREFER_AFTERNOON))
            request = Request(agent.id, day, kind, hard=False, priority=rng.randint(1, 3))
        requests[(agent.id, day)] = request
    return sorted(requests.values(), key=lambda r: (r.day, r.agent_id))


def _forecast(rng: random.Random, horizon: Horizon, n_agents: int) -> Forecast:
    # About 0.62 calls per 15 min at the peak per agent employed keeps the
    # generated center staffable with its own people after shrinkage.
    peak = 0.62 * n_agents
    intervals = []
    for day in horizon.dates():
        factor = WEEKDAY_FACTOR[day.weekday()]
        for quarter in range(96):
            minute = quarter * 15
            noise = 1 + rng.uniform(-0.06, 0.06)
            calls = round(intraday_calls(minute + 7.5, peak) * factor * noise, 1)
            aht = round(300 + 40 * math.sin(minute / 1440 * 2 * math.pi) + rng.uniform(-10, 10))
            intervals.append(ForecastInterval(
                datetime.combine(day, datetime.min.time()) + timedelta(minutes=minute),
                calls=max(0.0, calls), aht_seconds=float(aht)))
    return Forecast(15, tuple(intervals))
