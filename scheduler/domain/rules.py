"""Labour rules that apply to every agent of the center."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain.clock import check_minute_of_day
from scheduler.i18n import add_translations, tr

add_translations({
    # "The weight {name}": {name} is one of the weight names below, already translated
    "The weight {name} must be 0–100000, got {value}": "El {name} debe estar entre 0 y 100000; se indicó {value}",
    "max consecutive days weight": "peso del máximo de días seguidos",
    "max nights per week weight": "peso del máximo de noches por semana",
    "max consecutive nights weight": "peso del máximo de noches seguidas",
    "min days off per week weight": "peso del mínimo de días libres por semana",
    "max weekends weight": "peso del máximo de fines de semana trabajados",
    "days off together weight": "peso de los días libres juntos",
    "stable start weight": "peso de la hora de entrada estable",
    "preference weight": "peso de las preferencias",
    "fair nights weight": "peso del reparto justo de noches",
    "fair weekends weight": "peso del reparto justo de fines de semana",
    "fair holidays weight": "peso del reparto justo de festivos",
    "Maximum nights per week must be 0–7, got {value}":
        "El máximo de noches por semana debe estar entre 0 y 7; se indicó {value}",
    "Maximum nights in a row must be 1–14, got {value}":
        "El máximo de noches seguidas debe estar entre 1 y 14; se indicó {value}",
    "Minimum days off per week must be 0–7, got {value}":
        "El mínimo de días libres por semana debe estar entre 0 y 7; se indicó {value}",
    "Maximum working weekends must be 0–6, got {value}":
        "El máximo de fines de semana trabajados debe estar entre 0 y 6; se indicó {value}",
    "Fairness history must be 0–104 weeks, got {value}":
        "El historial del reparto justo debe ser de 0 a 104 semanas; se indicó {value}",
    "Minimum rest between shifts must be 0–24 h, got {hours:g} h":
        "El descanso mínimo entre turnos debe estar entre 0 y 24 h; se indicó {hours:g} h",
    "Maximum consecutive working days must be 1–14, got {value}":
        "El máximo de días de trabajo seguidos debe estar entre 1 y 14; se indicó {value}",
    "Night window start": "El inicio de la franja nocturna",
    "Night window end": "El fin de la franja nocturna",
    "A night shift needs between 1 min and 8 h inside the night window":
        "Un turno de noche necesita entre 1 min y 8 h dentro de la franja nocturna",
})

#: Soft-rule weights, each 0–100000; the message names one as ``name.replace("_", " ")``.
_WEIGHTS = ("max_consecutive_days_weight", "max_nights_per_week_weight", "max_consecutive_nights_weight",
            "min_days_off_per_week_weight", "max_weekends_weight", "days_off_together_weight",
            "stable_start_weight", "preference_weight", "fair_nights_weight", "fair_weekends_weight",
            "fair_holidays_weight")


@dataclass(frozen=True)
class LabourRules:
    """Rest, consecutive days, nights, days off, weekends, and soft-rule weights.

    Defaults follow Spain's Estatuto de los Trabajadores: 12 h rest between
    shifts (art. 34.3) and night work 22:00–06:00, a shift being a night shift
    when at least 3 h of it fall in that window (art. 36.1).
    """

    min_rest_minutes: int = 12 * 60
    max_consecutive_days: int = 6
    night_start: int = 22 * 60
    night_end: int = 6 * 60
    night_min_minutes: int = 3 * 60
    # Each limit below is hard when its weight is 0; a weight makes it a soft
    # rule costing that much per unit of violation (per night, per day …).
    max_consecutive_days_weight: int = 0
    max_nights_per_week: int = 7  # 7: no limit
    max_nights_per_week_weight: int = 0
    max_consecutive_nights: int = 14  # 14: no limit
    max_consecutive_nights_weight: int = 0
    min_days_off_per_week: int = 0
    min_days_off_per_week_weight: int = 0
    max_weekends: int = 6  # weekends with any shift in the horizon; 6: no limit
    max_weekends_weight: int = 0
    # Soft only.
    days_off_together_weight: int = 10  # per day off standing alone between two working days
    stable_start_weight: int = 10  # per extra start time in an agent's week
    preference_weight: int = 40  # unmet morning / afternoon / night wish, times its priority
    fair_nights_weight: int = 10  # per night of difference between agents of one contract
    fair_weekends_weight: int = 10  # per weekend shift of difference
    fair_holidays_weight: int = 10  # per public-holiday shift of difference
    fairness_history_weeks: int = 12  # approved weeks before the horizon that fairness counts

    def __post_init__(self) -> None:
        for name in _WEIGHTS:
            if not 0 <= getattr(self, name) <= 100_000:
                raise ValueError(tr("The weight {name} must be 0–100000, got {value}").format(
                    name=tr(name.replace("_", " ")), value=getattr(self, name)))
        if not 0 <= self.max_nights_per_week <= 7:
            raise ValueError(tr("Maximum nights per week must be 0–7, got {value}").format(
                value=self.max_nights_per_week))
        if not 1 <= self.max_consecutive_nights <= 14:
            raise ValueError(tr("Maximum nights in a row must be 1–14, got {value}").format(
                value=self.max_consecutive_nights))
        if not 0 <= self.min_days_off_per_week <= 7:
            raise ValueError(tr("Minimum days off per week must be 0–7, got {value}").format(
                value=self.min_days_off_per_week))
        if not 0 <= self.max_weekends <= 6:
            raise ValueError(tr("Maximum working weekends must be 0–6, got {value}").format(value=self.max_weekends))
        if not 0 <= self.fairness_history_weeks <= 104:
            raise ValueError(tr("Fairness history must be 0–104 weeks, got {value}").format(
                value=self.fairness_history_weeks))
        if not 0 <= self.min_rest_minutes <= 24 * 60:
            raise ValueError(
                tr("Minimum rest between shifts must be 0–24 h, got {hours:g} h").format(
                    hours=self.min_rest_minutes / 60)
            )
        if not 1 <= self.max_consecutive_days <= 14:
            raise ValueError(
                tr("Maximum consecutive working days must be 1–14, got {value}").format(
                    value=self.max_consecutive_days)
            )
        check_minute_of_day(self.night_start, tr("Night window start"))
        check_minute_of_day(self.night_end, tr("Night window end"))
        if not 0 < self.night_min_minutes <= 8 * 60:
            raise ValueError(tr("A night shift needs between 1 min and 8 h inside the night window"))

    def night_minutes(self, start_minute_of_day: int, length_minutes: int) -> int:
        """Minutes of a shift (wall clock from its start) inside the night window."""
        total = 0
        window_start, window_end = self.night_start, self.night_end
        if window_end <= window_start:
            window_end += 24 * 60
        for day_offset in (-24 * 60, 0, 24 * 60):
            lo = window_start + day_offset
            hi = window_end + day_offset
            total += max(0, min(hi, start_minute_of_day + length_minutes) - max(lo, start_minute_of_day))
        return total

    def is_night(self, start_minute_of_day: int, length_minutes: int) -> bool:
        return self.night_minutes(start_minute_of_day, length_minutes) >= self.night_min_minutes
