"""Law and agreement presets a team lead picks from (editable afterwards).

Sources are cited in docs/breaks.md. A preset sets the break rules and, when
the law says so, the minimum rest between shifts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from scheduler.domain import BreakRule, Project
from scheduler.i18n import add_translations, tr

add_translations({
    'There is no break preset "{key}"; choose one of: {keys}':
        'No existe el preajuste de pausas "{key}"; elige uno de estos: {keys}',
    # titles, sources and notes, as the preset picker shows them
    "Spain — Estatuto de los Trabajadores": "España — Estatuto de los Trabajadores",
    "Real Decreto Legislativo 2/2015, art. 34.3 (12 h between shifts) and art. 34.4 "
    "(15-min break when continuous daily work exceeds 6 h)":
        "Real Decreto Legislativo 2/2015, art. 34.3 (12 h entre jornadas) y art. 34.4 "
        "(descanso de 15 min cuando la jornada continuada supera 6 h)",
    "The break counts as work only where the agreement or contract says so; most "
    "contact-center agreements do, so it is set as paid (edit it if yours does not).":
        "El descanso cuenta como trabajo solo si el convenio o el contrato lo dicen; la mayoría de los "
        "convenios de contact center lo hacen, así que está como pagado (edítalo si el tuyo no).",
    "Spain — contact-center sector agreement": "España — convenio del sector de contact center",
    "Estatuto art. 34 as above, plus the state contact-center agreement: a 5-minute screen "
    "pause (PVD) per hour of effective work, counted as work time, not accumulable "
    "(RD 488/1997 on display-screen work)":
        "Estatuto art. 34 como arriba, más el convenio estatal de contact center: una pausa de pantalla "
        "(PVD) de 5 minutos por hora de trabajo efectivo, que cuenta como tiempo de trabajo y no es "
        "acumulable (RD 488/1997 sobre trabajo con pantallas de visualización)",
    "Each screen pause starts within 15 minutes of an hour mark of the shift.":
        "Cada pausa de pantalla empieza a menos de 15 minutos de una hora en punto del turno.",
    "EU — Working Time Directive": "UE — Directiva de tiempo de trabajo",
    "Directive 2003/88/EC, art. 3 (11 h daily rest), art. 4 (a break when the working day "
    "exceeds 6 h; length set by national law), art. 5 (35 h weekly rest)":
        "Directiva 2003/88/CE, art. 3 (11 h de descanso diario), art. 4 (una pausa cuando la jornada "
        "supera 6 h; la duración la fija cada ley nacional), art. 5 (35 h de descanso semanal)",
    "The directive leaves the break's length to national law; 15 min is a common floor.":
        "La directiva deja la duración de la pausa a la ley nacional; 15 min es un mínimo habitual.",
    "UK — Working Time Regulations 1998": "Reino Unido — Working Time Regulations 1998",
    "SI 1998/1833, reg. 10 (11 h daily rest), reg. 12 (20-min uninterrupted rest break "
    "when the working day exceeds 6 h)":
        "SI 1998/1833, reg. 10 (11 h de descanso diario), reg. 12 (pausa ininterrumpida de 20 min "
        "cuando la jornada supera 6 h)",
    "The break need not be paid: as unpaid it lengthens the shift on the clock.":
        "La pausa puede no pagarse: si no se paga, alarga el turno en el reloj.",
    "US — California": "EE. UU. — California",
    "Labor Code §512 (30-min meal period starting before the end of the 5th hour for shifts "
    "over 5 h, a second before the end of the 10th hour over 10 h); IWC Wage Order 4, §12 "
    "(paid 10-min rest per 4 hours or major fraction thereof)":
        "Labor Code §512 (comida de 30 min que empieza antes del final de la 5.ª hora en turnos de más "
        "de 5 h, y una segunda antes del final de la 10.ª hora en turnos de más de 10 h); IWC Wage "
        "Order 4, §12 (descanso pagado de 10 min por cada 4 horas o fracción mayor)",
    "California sets no minimum rest between shifts; the project's own rule stays.":
        "California no fija un descanso mínimo entre turnos; se mantiene la regla del proyecto.",
    "Mexico — Ley Federal del Trabajo": "México — Ley Federal del Trabajo",
    "LFT art. 63 (a break of at least half an hour in a continuous shift; art. 64: paid when "
    "the worker cannot leave the workplace), art. 61 (night shift at most 7 h, mixed 7.5 h)":
        "LFT art. 63 (un descanso de al menos media hora en la jornada continua; art. 64: pagado cuando "
        "el trabajador no puede salir del lugar de trabajo), art. 61 (jornada nocturna de 7 h como "
        "máximo, mixta de 7,5 h)",
    "Keep night shift templates at 7 h and mixed ones at 7.5 h (art. 61).":
        "Deja las plantillas de turno de noche en 7 h y las mixtas en 7,5 h (art. 61).",
})


@dataclass(frozen=True)
class BreakPreset:
    """A law's break rules. ``title``, ``source`` and ``notes`` are English; ``tr()`` gives
    them in the chosen language (the Spanish is above)."""

    key: str
    title: str
    source: str
    rules: tuple[BreakRule, ...]
    min_rest_minutes: int | None = None
    notes: str = ""


_ES_REST = BreakRule("Descanso", 15, paid=True, min_shift_minutes=6 * 60 + 1,
                     earliest_offset=2 * 60, latest_offset=6 * 60, latest_before_end=30)
_PVD = BreakRule("Pausa PVD", 5, paid=True, every_minutes=60, min_shift_minutes=60,
                 around_mark_minutes=15, min_gap_minutes=30, max_gap_minutes=90)

PRESETS: tuple[BreakPreset, ...] = (
    BreakPreset(
        "es-estatuto", "Spain — Estatuto de los Trabajadores",
        "Real Decreto Legislativo 2/2015, art. 34.3 (12 h between shifts) and art. 34.4 "
        "(15-min break when continuous daily work exceeds 6 h)",
        (_ES_REST,), 12 * 60,
        "The break counts as work only where the agreement or contract says so; most "
        "contact-center agreements do, so it is set as paid (edit it if yours does not)."),
    BreakPreset(
        "es-contact-center", "Spain — contact-center sector agreement",
        "Estatuto art. 34 as above, plus the state contact-center agreement: a 5-minute screen "
        "pause (PVD) per hour of effective work, counted as work time, not accumulable "
        "(RD 488/1997 on display-screen work)",
        (_ES_REST, _PVD), 12 * 60,
        "Each screen pause starts within 15 minutes of an hour mark of the shift."),
    BreakPreset(
        "eu-wtd", "EU — Working Time Directive",
        "Directive 2003/88/EC, art. 3 (11 h daily rest), art. 4 (a break when the working day "
        "exceeds 6 h; length set by national law), art. 5 (35 h weekly rest)",
        (BreakRule("Break", 15, paid=True, min_shift_minutes=6 * 60 + 1, earliest_offset=2 * 60,
                   latest_offset=6 * 60, latest_before_end=30),), 11 * 60,
        "The directive leaves the break's length to national law; 15 min is a common floor."),
    BreakPreset(
        "uk-wtr", "UK — Working Time Regulations 1998",
        "SI 1998/1833, reg. 10 (11 h daily rest), reg. 12 (20-min uninterrupted rest break "
        "when the working day exceeds 6 h)",
        (BreakRule("Rest break", 20, paid=False, min_shift_minutes=6 * 60 + 1, earliest_offset=60,
                   latest_offset=6 * 60, latest_before_end=30),), 11 * 60,
        "The break need not be paid: as unpaid it lengthens the shift on the clock."),
    BreakPreset(
        "us-california", "US — California",
        "Labor Code §512 (30-min meal period starting before the end of the 5th hour for shifts "
        "over 5 h, a second before the end of the 10th hour over 10 h); IWC Wage Order 4, §12 "
        "(paid 10-min rest per 4 hours or major fraction thereof)",
        (BreakRule("Meal", 30, paid=False, min_shift_minutes=5 * 60 + 1, earliest_offset=60,
                   latest_offset=5 * 60 - 5),
         BreakRule("Second meal", 30, paid=False, min_shift_minutes=10 * 60 + 1,
                   earliest_offset=6 * 60, latest_offset=10 * 60 - 5),
         BreakRule("Rest", 10, paid=True, every_minutes=4 * 60, major_fraction=True,
                   min_shift_minutes=3 * 60 + 30, min_work_before=60, min_gap_minutes=90,
                   latest_before_end=30)),
        None,
        "California sets no minimum rest between shifts; the project's own rule stays."),
    BreakPreset(
        "mx-lft", "Mexico — Ley Federal del Trabajo",
        "LFT art. 63 (a break of at least half an hour in a continuous shift; art. 64: paid when "
        "the worker cannot leave the workplace), art. 61 (night shift at most 7 h, mixed 7.5 h)",
        (BreakRule("Descanso", 30, paid=True, min_shift_minutes=4 * 60, earliest_offset=2 * 60,
                   latest_offset=5 * 60, latest_before_end=60),),
        None,
        "Keep night shift templates at 7 h and mixed ones at 7.5 h (art. 61)."),
)


def preset(key: str) -> BreakPreset:
    for item in PRESETS:
        if item.key == key:
            return item
    raise ValueError(tr('There is no break preset "{key}"; choose one of: {keys}').format(
        key=key, keys=", ".join(p.key for p in PRESETS)))


def apply_preset(project: Project, key: str) -> Project:
    """The project with the preset's break rules (and rest rule, where the law sets one)."""
    chosen = preset(key)
    labour = project.labour
    if chosen.min_rest_minutes is not None:
        labour = replace(labour, min_rest_minutes=chosen.min_rest_minutes)
    return replace(project, break_rules=chosen.rules, labour=labour)
