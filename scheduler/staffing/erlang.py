"""Erlang B, Erlang C and Erlang A: how many agents an interval needs, and how a roster will do.

Vocabulary
----------
* ``load`` (offered traffic, erlangs) ``A = calls * AHT / interval``.
* ``servers`` / ``agents`` are agents *on the phone*; shrinkage (breaks,
  training, absence) is added on top by :func:`required_agents`.
* Service level (SL) is the share of **all offered calls answered within the
  target time** ``target_s``.  With Erlang C nobody hangs up, so this is the
  classic ``1 - C * exp(-(n - A) * t / AHT)``.
* ASA is the mean time callers spend waiting in the queue, averaged over all
  offered calls (calls answered at once count with 0 s).

Erlang B / C
------------
Erlang B uses the stable recursion ``B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1))``
(no factorials, no powers, fine for thousands of erlangs); Erlang C follows as
``C = n B / (n - A (1 - B))``.

Erlang A (M/M/n+M)
------------------
Callers hang up after an exponentially distributed patience with mean
``patience_s`` (rate ``theta = 1/patience_s``); ``mu = 1/AHT``.  The number of
callers in the system is a birth-death chain with birth rate ``lambda`` and
death rate ``min(k, n) mu + max(k - n, 0) theta``.  Relative to ``pi_n``:

* states ``0..n`` sum to ``1 / B(n, A)`` (Erlang B, recursion above);
* the queue states give ``pi_{n+j} / pi_n = x^j / ((a+1)(a+2)...(a+j))`` with
  ``a = n mu / theta`` and ``x = lambda / theta``; their sum is Kummer's
  ``M(1; a+1; x)``, evaluated in log space (power series when ``x < a+1``,
  otherwise via the regularised incomplete gamma function and a Lentz
  continued fraction), so nothing overflows at 1000 erlangs.

A caller who finds ``j`` callers waiting is answered unless her patience runs
out first; with ``k`` callers ahead the queue moves at rate ``theta (a + k)``
and she leaves at rate ``theta``.  Summing the resulting (beta / negative
binomial) waiting-time law over ``j`` gives closed forms
(``F(b, y) = M(1; b+1; y)``, ``y = x e^{-theta t}``, ``Z`` the normaliser)::

    P(wait)                 = M(1; a+1; x) / Z
    P(answered after queue) = a/(a+1) F(a+1, x) / Z
    P(answered, waited > t) = a/(a+1) e^{x-y} e^{-(n mu + theta) t} F(a+1, y) / Z
    P(abandon)              = P(wait) - P(answered after queue)   (= theta E[Q] / lambda)
    SL(t)                   = P(no wait) + P(answered after queue) - P(answered, waited > t)
    ASA                     = E[Q] / lambda = P(abandon) * patience_s   (Little)
    occupancy               = A (1 - P(abandon)) / n

As the patience grows without bound every figure tends to its Erlang C value
(checked by the tests), and with ``patience == AHT`` the model is an M/M/inf
queue (also checked, as is agreement with a truncated chain plus a
uniformised tagged-caller chain).  Accuracy is about 1e-12 in realistic
settings; only in heavy overload with absurd patience (days) does it degrade
to ~1e-9 absolute, because large log terms cancel.

Speed
-----
:func:`required_agents_series` de-duplicates the (calls, AHT) pairs, sorts them
by load and runs one numpy lock-step Erlang B recursion for all of them; the
search for the smallest sufficient ``n`` starts at ``floor(A) + 1`` and carries
the recursion forward instead of restarting it.  Erlang A uses a galloping +
bisection search (all rows in lock step) seeded with the Erlang C answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np

from scheduler.i18n import add_translations, tr

__all__ = [
    "ErlangAMetrics",
    "Prediction",
    "StaffingResult",
    "asa",
    "erlang_a",
    "erlang_a_abandon_probability",
    "erlang_a_asa",
    "erlang_a_occupancy",
    "erlang_a_service_level",
    "erlang_a_wait_probability",
    "erlang_b",
    "erlang_c",
    "occupancy",
    "predict",
    "required_agents",
    "required_agents_series",
    "service_level",
]

#: Slack when comparing a computed figure with a target (float noise, not policy).
_EPS = 1e-12
#: Series / continued-fraction accuracy.
_TOL = 1e-16
_FPMIN = 1e-300
_MAX_CF_ITERATIONS = 1_000_000
#: Cap on rows * columns of one Erlang B table (memory guard, ~40 MB).
_TABLE_CELLS = 5_000_000


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class StaffingResult:
    """Agents one interval needs, and how the queue does with ``agents_raw`` on the phone.

    ``agents_raw`` is the smallest number of agents on the phone meeting every
    goal; ``agents_required`` adds shrinkage and the minimum head count.
    ``abandon_rate`` is ``None`` for Erlang C (nobody hangs up).
    """

    calls: float
    load_erlangs: float
    agents_raw: int
    agents_required: int
    service_level: float
    asa_s: float
    occupancy: float
    abandon_rate: float | None


@dataclass(frozen=True, slots=True)
class Prediction:
    """Predicted queue figures for a given (possibly fractional) number of agents on the phone."""

    service_level: float
    asa_s: float
    occupancy: float
    abandon_rate: float | None


@dataclass(frozen=True, slots=True)
class ErlangAMetrics:
    """All Erlang A (M/M/n+M) figures for one interval; see the module docstring for definitions."""

    wait_probability: float
    abandon_probability: float
    service_level: float
    asa_s: float
    occupancy: float


@dataclass(frozen=True, slots=True)
class _Goals:
    sl_target: float | None
    target_s: float
    asa_target_s: float | None
    max_occupancy: float | None
    shrinkage: float
    patience_s: float | None
    min_agents: int


# --------------------------------------------------------------------------- validation

# The validators take English phrases (``what``, ``unit``) and translate them only
# when they raise, so the hot paths never call ``tr()``. The phrases are bare nouns
# (the catalog is shared: "calls" is "llamadas" everywhere), so the Spanish
# sentences use them as a label: "TMO: debe ser mayor que 0 segundos …".
add_translations({
    # what is checked
    "service level target": "objetivo de nivel de servicio",
    "service level target time": "tiempo objetivo del nivel de servicio",
    "ASA target": "objetivo de ASA (tiempo medio de respuesta)",
    "maximum occupancy": "ocupación máxima",
    "shrinkage": "merma",
    "average caller patience": "paciencia media de quien llama",
    "load": "carga",
    "AHT": "TMO",
    "arrival rate": "tasa de llegada de llamadas",
    "calls": "llamadas",
    "interval": "intervalo",
    "agents on the phone": "agentes al teléfono",
    # units
    "seconds": "segundos",
    "erlangs": "erlangs",
    "calls per second": "llamadas por segundo",
    # sentences
    "{what} must be a number, got {value!r}": "{what}: debe ser un número; se recibió {value!r}",
    "{what} must be a finite number, got {value}": "{what}: debe ser un número finito; se recibió {value}",
    "{what} must be more than 0 {unit}, got {value:g}":
        "{what}: debe ser mayor que 0 {unit}; se recibió {value:g}",
    "{what} must be 0 {unit} or more, got {value:g}":
        "{what}: debe ser 0 {unit} o más; se recibió {value:g}",
    "{what} must be 0 or more, got {value:g}": "{what}: debe ser 0 o más; se recibió {value:g}",
    "the number of agents must be a whole number, 0 or more, got {value!r}":
        "el número de agentes debe ser un número entero, 0 o más; se recibió {value!r}",
    "service level target must be more than 0 % and less than 100 %, got {value}":
        "el objetivo de nivel de servicio debe ser mayor que 0 % y menor que 100 %; se recibió {value}",
    "a service level target needs a target answer time in seconds (target_s)":
        "un objetivo de nivel de servicio necesita un tiempo objetivo de respuesta en segundos (target_s)",
    "maximum occupancy must be more than 0 % and at most 100 %, got {value}":
        "la ocupación máxima debe ser mayor que 0 % y como mucho 100 %; se recibió {value}",
    "shrinkage must be between 0 % and 95 %, got {value}":
        "la merma debe estar entre 0 % y 95 %; se recibió {value}",
    "minimum agents must be a whole number, 0 or more, got {value!r}":
        "el mínimo de agentes debe ser un número entero, 0 o más; se recibió {value!r}",
    "give at least one goal: a service level target, an ASA target or a maximum occupancy":
        "indica al menos un objetivo: un nivel de servicio, un ASA (tiempo medio de respuesta) "
        "o una ocupación máxima",
    "got {calls} call volumes but {ahts} AHT values; give one AHT per interval":
        "hay {calls} volúmenes de llamadas pero {ahts} valores de TMO; indica un TMO por intervalo",
    "calls must be a finite number, 0 or more, got {value:g} (interval {interval})":
        "el número de llamadas debe ser un número finito, 0 o más; se recibió {value:g} (intervalo {interval})",
    "AHT must be more than 0 seconds, got {value:g} (interval {interval})":
        "el TMO debe ser mayor que 0 segundos; se recibió {value:g} (intervalo {interval})",
})


def _num(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(tr("{what} must be a number, got {value!r}").format(what=tr(what), value=value))
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(tr("{what} must be a finite number, got {value}").format(what=tr(what), value=number))
    return number


def _positive(value: object, what: str, unit: str = "seconds") -> float:
    number = _num(value, what)
    if number <= 0:
        raise ValueError(tr("{what} must be more than 0 {unit}, got {value:g}").format(
            what=tr(what), unit=tr(unit), value=number))
    return number


def _non_negative(value: object, what: str, unit: str = "") -> float:
    number = _num(value, what)
    if number < 0:
        raise ValueError((tr("{what} must be 0 {unit} or more, got {value:g}") if unit else
                          tr("{what} must be 0 or more, got {value:g}")).format(
            what=tr(what), unit=tr(unit), value=number))
    return number


def _servers(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 0:
        raise ValueError(tr("the number of agents must be a whole number, 0 or more, got {value!r}").format(
            value=value))
    return int(value)


def _pct(value: float) -> str:
    return f"{value * 100:g} %"


def _goals(
    sl_target: float | None,
    target_s: float | None,
    asa_target_s: float | None,
    max_occupancy: float | None,
    shrinkage: float,
    patience_s: float | None,
    min_agents: int,
) -> _Goals:
    if sl_target is not None:
        sl_target = _num(sl_target, "service level target")
        if not 0 < sl_target < 1:
            raise ValueError(tr(
                "service level target must be more than 0 % and less than 100 %, got {value}"
            ).format(value=_pct(sl_target)))
        if target_s is None:
            raise ValueError(tr("a service level target needs a target answer time in seconds (target_s)"))
    target = 0.0 if target_s is None else _non_negative(target_s, "service level target time", "seconds")
    if asa_target_s is not None:
        asa_target_s = _positive(asa_target_s, "ASA target")
    if max_occupancy is not None:
        max_occupancy = _num(max_occupancy, "maximum occupancy")
        if not 0 < max_occupancy <= 1:
            raise ValueError(tr(
                "maximum occupancy must be more than 0 % and at most 100 %, got {value}"
            ).format(value=_pct(max_occupancy)))
    shrinkage = _num(shrinkage, "shrinkage")
    if not 0 <= shrinkage <= 0.95:
        raise ValueError(tr("shrinkage must be between 0 % and 95 %, got {value}").format(value=_pct(shrinkage)))
    if patience_s is not None:
        patience_s = _positive(patience_s, "average caller patience")
    if isinstance(min_agents, bool) or not isinstance(min_agents, Integral) or min_agents < 0:
        raise ValueError(tr("minimum agents must be a whole number, 0 or more, got {value!r}").format(
            value=min_agents))
    if sl_target is None and asa_target_s is None and max_occupancy is None:
        raise ValueError(tr("give at least one goal: a service level target, an ASA target or a maximum occupancy"))
    return _Goals(sl_target, target, asa_target_s, max_occupancy, shrinkage, patience_s, int(min_agents))


# --------------------------------------------------------------------------- Erlang B / C


def erlang_b(servers: int, load: float) -> float:
    """Blocking probability of an M/M/n/n system (Erlang B), by the stable recursion.

    ``B(0) = 1``, ``B(n) = A B(n-1) / (n + A B(n-1))``; no factorials, so it
    works for any load a call centre will ever see.
    """
    n = _servers(servers)
    a = _non_negative(load, "load", "erlangs")
    b = 1.0
    for k in range(1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def _erlang_c_from_b(n: int, a: float, b: float) -> float:
    return min(1.0, max(0.0, n * b / (n - a * (1.0 - b))))


def erlang_c(servers: int, load: float) -> float:
    """Probability that a caller has to wait (Erlang C); 1 when ``servers <= load``, 0 without load."""
    n = _servers(servers)
    a = _non_negative(load, "load", "erlangs")
    if a == 0:
        return 0.0
    if n <= a:
        return 1.0
    return _erlang_c_from_b(n, a, erlang_b(n, a))


def service_level(servers: int, load: float, aht_s: float, target_s: float) -> float:
    """Share of calls answered within ``target_s`` seconds (Erlang C); 0 when ``servers <= load``."""
    n = _servers(servers)
    a = _non_negative(load, "load", "erlangs")
    aht = _positive(aht_s, "AHT")
    t = _non_negative(target_s, "service level target time", "seconds")
    if a == 0:
        return 1.0
    if n <= a:
        return 0.0
    c = _erlang_c_from_b(n, a, erlang_b(n, a))
    return min(1.0, max(0.0, 1.0 - c * math.exp(-(n - a) * t / aht)))


def asa(servers: int, load: float, aht_s: float) -> float:
    """Average speed of answer in seconds (Erlang C, all calls); ``inf`` when ``servers <= load``."""
    n = _servers(servers)
    a = _non_negative(load, "load", "erlangs")
    aht = _positive(aht_s, "AHT")
    if a == 0:
        return 0.0
    if n <= a:
        return math.inf
    return _erlang_c_from_b(n, a, erlang_b(n, a)) * aht / (n - a)


def occupancy(servers: int, load: float) -> float:
    """Share of agent time spent on calls: ``min(1, A / n)`` (1 with no agents but some load)."""
    n = _servers(servers)
    a = _non_negative(load, "load", "erlangs")
    if a == 0:
        return 0.0
    if n == 0:
        return 1.0
    return min(1.0, a / n)


# --------------------------------------------------------------------------- Erlang A core


def _lgamma(values: np.ndarray) -> np.ndarray:
    return np.fromiter((math.lgamma(v) for v in values.tolist()), dtype=float, count=values.size)


def _kummer_series(b: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``sum_k y^k / ((b+1)...(b+k))`` for ``y < b + 1`` (terms shrink from the start)."""
    total = np.ones(b.size)
    rows = np.arange(b.size)
    last = np.ones(b.size)
    bb, yy = b, y
    k0, width = 0, 48
    while rows.size:
        ks = np.arange(k0 + 1, k0 + width + 1, dtype=float)
        terms = np.cumprod(yy[:, None] / (bb[:, None] + ks), axis=1)
        terms *= last[:, None]
        total[rows] += terms.sum(axis=1)
        last = terms[:, -1]
        k0 += width
        ratio = yy / (bb + k0 + 1)  # < 1, and the ratios keep shrinking: geometric tail bound
        keep = last * ratio > _TOL * (1.0 - ratio) * total[rows]
        rows, last, bb, yy = rows[keep], last[keep], bb[keep], yy[keep]
        width = min(width * 2, 8192)
    return total


def _upper_gamma_cf(s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Continued fraction of ``Q(s, y) * Gamma(s) * e^y * y^-s`` (modified Lentz), for ``y >= s + 1``."""
    h = np.empty(s.size)
    rows = np.arange(s.size)
    ss = s
    bq = y + 1.0 - s
    c = np.full(s.size, 1.0 / _FPMIN)
    d = 1.0 / bq
    hh = d.copy()
    for i in range(1, _MAX_CF_ITERATIONS):
        an = -i * (i - ss)
        bq = bq + 2.0
        d = an * d + bq
        d = np.where(np.abs(d) < _FPMIN, _FPMIN, d)
        c = bq + an / c
        c = np.where(np.abs(c) < _FPMIN, _FPMIN, c)
        d = 1.0 / d
        delta = d * c
        hh = hh * delta
        done = np.abs(delta - 1.0) < 1e-15
        if done.any():
            h[rows[done]] = hh[done]
            keep = ~done
            rows, ss, bq, c, d, hh = rows[keep], ss[keep], bq[keep], c[keep], d[keep], hh[keep]
            if not rows.size:
                return h
    raise ArithmeticError("incomplete gamma continued fraction did not converge")  # pragma: no cover


def _log_kummer(b: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``log M(1; b+1; y) = log sum_{k>=0} y^k / ((b+1)(b+2)...(b+k))`` for ``b >= 0``, ``y >= 0``."""
    out = np.empty(b.size)
    series = y < b + 1.0
    if series.any():
        out[series] = np.log(_kummer_series(b[series], y[series]))
    if not series.all():
        cf = ~series
        bc, yc = b[cf], y[cf]
        # M(1; b+1; y) = e^y y^-b Gamma(b+1) P(b, y) and P = 1 - Q.
        log_y = np.log(yc)
        lg = _lgamma(bc)
        q = np.exp(-yc + bc * log_y - lg) * _upper_gamma_cf(bc, yc)
        out[cf] = yc - bc * log_y + lg + np.log(bc) + np.log1p(-np.minimum(q, 1.0))
    return out


def _erlang_a_core(
    n: np.ndarray,
    lam: np.ndarray,
    aht: np.ndarray,
    patience: float,
    target: float,
    b_erl: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Erlang A figures for arrays of servers ``n`` (>= 0) and arrival rates ``lam`` (> 0, per second).

    ``b_erl`` is ``B(n, lam * aht)``.  Returns P(wait), P(abandon), SL(target), ASA, occupancy.
    """
    with np.errstate(divide="ignore", over="ignore", under="ignore", invalid="ignore"):
        n = n.astype(float)
        a = n * patience / aht  # n mu / theta
        x = lam * patience  # lambda / theta
        load = lam * aht
        b1 = a + 1.0
        lf1x = _log_kummer(b1, x)
        y = x * math.exp(-target / patience)
        lf1y = _log_kummer(b1, y) if target > 0 else lf1x
        lf0 = np.logaddexp(0.0, np.log(x) - np.log(b1) + lf1x)  # log of sum_{j>=0} pi_{n+j}/pi_n
        low = np.log1p(-b_erl) - np.log(np.maximum(b_erl, _FPMIN))  # log of sum_{k<n} pi_k/pi_n
        lz = np.logaddexp(low, lf0)
        p_wait = np.exp(lf0 - lz)
        p_no_wait = np.exp(low - lz)
        ratio = a / b1
        served_from_queue = ratio * np.exp(lf1x - lz)
        x_minus_y = x * -math.expm1(-target / patience)
        late = ratio * np.exp(x_minus_y - (n / aht + 1.0 / patience) * target + lf1y - lz)
        p_abandon = np.clip(p_wait - served_from_queue, 0.0, p_wait)
        sl = np.clip(p_no_wait + np.maximum(served_from_queue - late, 0.0), 0.0, 1.0)
        mean_wait = p_abandon * patience
        occ = np.where(n > 0, np.minimum(1.0, load * (1.0 - p_abandon) / np.maximum(n, 1.0)), 1.0)
    return p_wait, p_abandon, sl, mean_wait, occ


def erlang_a(
    servers: int, arrival_rate: float, aht_s: float, patience_s: float, target_s: float = 0.0
) -> ErlangAMetrics:
    """All Erlang A (M/M/n+M) figures.

    ``arrival_rate`` is in calls per second, ``patience_s`` the mean time a caller
    is willing to wait.  ``service_level`` is the share of *all* offered calls
    answered within ``target_s`` (abandoned calls count as missed); ``asa_s`` is
    the mean time in queue over all offered calls (= P(abandon) * patience).
    """
    n = _servers(servers)
    lam = _non_negative(arrival_rate, "arrival rate", "calls per second")
    aht = _positive(aht_s, "AHT")
    patience = _positive(patience_s, "average caller patience")
    target = _non_negative(target_s, "service level target time", "seconds")
    if lam == 0:
        return ErlangAMetrics(0.0, 0.0, 1.0, 0.0, 0.0)
    b = erlang_b(n, lam * aht)
    pw, pab, sl, w, occ = _erlang_a_core(
        np.array([n]), np.array([lam]), np.array([aht]), patience, target, np.array([b])
    )
    return ErlangAMetrics(float(pw[0]), float(pab[0]), float(sl[0]), float(w[0]), float(occ[0]))


def erlang_a_wait_probability(servers: int, arrival_rate: float, aht_s: float, patience_s: float) -> float:
    """Probability that an arriving caller has to queue (Erlang A)."""
    return erlang_a(servers, arrival_rate, aht_s, patience_s).wait_probability


def erlang_a_abandon_probability(servers: int, arrival_rate: float, aht_s: float, patience_s: float) -> float:
    """Share of offered calls that hang up before being answered (Erlang A)."""
    return erlang_a(servers, arrival_rate, aht_s, patience_s).abandon_probability


def erlang_a_service_level(
    servers: int, arrival_rate: float, aht_s: float, patience_s: float, target_s: float
) -> float:
    """Share of all offered calls answered within ``target_s`` seconds (Erlang A; abandons count as missed)."""
    return erlang_a(servers, arrival_rate, aht_s, patience_s, target_s).service_level


def erlang_a_asa(servers: int, arrival_rate: float, aht_s: float, patience_s: float) -> float:
    """Mean seconds in queue over all offered calls, answered or abandoned (Erlang A)."""
    return erlang_a(servers, arrival_rate, aht_s, patience_s).asa_s


def erlang_a_occupancy(servers: int, arrival_rate: float, aht_s: float, patience_s: float) -> float:
    """Share of agent time on calls: answered load / servers (Erlang A)."""
    return erlang_a(servers, arrival_rate, aht_s, patience_s).occupancy


# --------------------------------------------------------------------------- vectorised search


def _first_pass_b(load: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """``B(stop_i, load_i)`` for rows sorted so that ``stop`` is non-decreasing (one lock-step recursion)."""
    b = np.ones(load.size)
    top = int(stop[-1]) if stop.size else 0
    if top <= 0:
        return b
    starts = np.searchsorted(stop, np.arange(1, top + 1), side="left")
    for n, s in zip(range(1, top + 1), starts.tolist()):
        bv = b[s:]
        ab = load[s:] * bv
        bv[:] = ab / (n + ab)
    return b


def _solve_erlang_c(load: np.ndarray, aht: np.ndarray, goals: _Goals):
    """Smallest ``n > A`` meeting every goal; rows must be sorted by ``load`` (> 0)."""
    n0 = np.floor(load).astype(np.int64) + 1
    if goals.max_occupancy is not None:
        n0 = np.maximum(n0, np.floor(load / goals.max_occupancy).astype(np.int64))
    # Rows are sorted by load, so n0 is non-decreasing (what _first_pass_b needs).
    b = _first_pass_b(load, n0 - 1)

    m = load.size
    agents = np.empty(m, dtype=np.int64)
    sl_out = np.empty(m)
    asa_out = np.empty(m)
    occ_out = np.empty(m)
    rows = np.arange(m)
    nn = (n0 - 1).astype(float)
    aa, hh = load, aht
    t = goals.target_s
    while rows.size:
        nn = nn + 1.0
        ab = aa * b
        b = ab / (nn + ab)
        c = np.minimum(1.0, nn * b / (nn - aa * (1.0 - b)))
        sl = np.clip(1.0 - c * np.exp(-(nn - aa) * t / hh), 0.0, 1.0)
        wait = c * hh / (nn - aa)
        occ = aa / nn
        ok = np.ones(rows.size, dtype=bool)
        if goals.sl_target is not None:
            ok &= sl >= goals.sl_target - _EPS
        if goals.asa_target_s is not None:
            ok &= wait <= goals.asa_target_s * (1.0 + _EPS)
        if goals.max_occupancy is not None:
            ok &= occ <= goals.max_occupancy + _EPS
        if ok.any():
            done = rows[ok]
            agents[done] = nn[ok].astype(np.int64)
            sl_out[done], asa_out[done], occ_out[done] = sl[ok], wait[ok], occ[ok]
            keep = ~ok
            rows, nn, aa, hh, b = rows[keep], nn[keep], aa[keep], hh[keep], b[keep]
    return agents, sl_out, asa_out, occ_out


class _BTable:
    """Erlang B values ``B(n, A_i)`` for ``n = 0..N`` (grown on demand), one lock-step recursion."""

    def __init__(self, load: np.ndarray, top: int) -> None:
        self.load = load
        self.cols = np.ones((1, load.size))
        self.ensure(top)

    def ensure(self, top: int) -> None:
        have = self.cols.shape[0] - 1
        if top <= have:
            return
        top = max(top, int(have * 1.5) + 8)
        cols = np.empty((top + 1, self.load.size))
        cols[: have + 1] = self.cols
        b = cols[have].copy()
        for n in range(have + 1, top + 1):
            ab = self.load * b
            b = ab / (n + ab)
            cols[n] = b
        self.cols = cols

    def at(self, rows: np.ndarray, n: np.ndarray) -> np.ndarray:
        self.ensure(int(n.max()))
        return self.cols[n, rows]


def _solve_erlang_a(
    load: np.ndarray, lam: np.ndarray, aht: np.ndarray, guess: np.ndarray, goals: _Goals
):
    """Smallest ``n >= 1`` meeting every goal under Erlang A (SL, ASA, occupancy all monotone in ``n``).

    Galloping search from the Erlang C answer (down while it still works, up
    while it does not), then bisection; all rows move in lock step.
    """
    patience = float(goals.patience_s)
    m = load.size
    n_min = np.ones(m, dtype=np.int64)
    if goals.sl_target is not None:
        # Answered calls cannot exceed n / A of the offered ones, so SL <= n / A.
        n_min = np.maximum(n_min, np.floor(goals.sl_target * load).astype(np.int64))
    cand = np.maximum(guess, n_min)
    lo = n_min - 1  # largest n known (or assumed) to fail
    hi = np.full(m, -1, dtype=np.int64)  # smallest n known to work
    failed = np.zeros(m, dtype=bool)
    step = np.ones(m, dtype=np.int64)
    sl_out = np.empty(m)
    asa_out = np.empty(m)
    occ_out = np.empty(m)
    ab_out = np.empty(m)
    table = _BTable(load, int(cand.max()) + 1)
    rows = np.arange(m)
    while rows.size:
        c = cand[rows]
        _, pab, sl, wait, occ = _erlang_a_core(c, lam[rows], aht[rows], patience, goals.target_s, table.at(rows, c))
        ok = np.ones(rows.size, dtype=bool)
        if goals.sl_target is not None:
            ok &= sl >= goals.sl_target - _EPS
        if goals.asa_target_s is not None:
            ok &= wait <= goals.asa_target_s * (1.0 + _EPS)
        if goals.max_occupancy is not None:
            ok &= occ <= goals.max_occupancy + _EPS
        good, bad = rows[ok], rows[~ok]
        hi[good] = c[ok]
        sl_out[good], asa_out[good], occ_out[good], ab_out[good] = sl[ok], wait[ok], occ[ok], pab[ok]
        lo[bad] = c[~ok]
        failed[bad] = True

        h, low, st, fl = hi[rows], lo[rows], step[rows], failed[rows]
        known = h >= 0
        nxt = np.where(
            ~known,
            low + st,  # gallop up
            np.where(fl, (low + h) // 2, np.maximum(h - st, low + 1)),  # bisect / gallop down
        )
        step[rows] = st * 2
        cand[rows] = nxt
        rows = rows[~(known & (h - low <= 1))]
    return hi, sl_out, asa_out, occ_out, ab_out


def _groups(load_sorted: np.ndarray) -> list[slice]:
    """Split rows (sorted by load) so that one Erlang B table stays small."""
    out: list[slice] = []
    start, m = 0, load_sorted.size
    while start < m:
        width = load_sorted[start:] * 1.3 + 64.0  # columns the table will roughly need
        cells = np.arange(1, m - start + 1) * width
        over = np.flatnonzero(cells > _TABLE_CELLS)
        end = start + (max(int(over[0]), 1) if over.size else m - start)
        out.append(slice(start, end))
        start = end
    return out


def _solve(calls: np.ndarray, aht: np.ndarray, interval_s: float, goals: _Goals) -> list[StaffingResult]:
    loads = calls * aht / interval_s
    results: list[StaffingResult | None] = [None] * calls.size
    keep = 1.0 - goals.shrinkage
    erlang_a_mode = goals.patience_s is not None

    def head_count(raw: int) -> int:
        return max(math.ceil(raw / keep - 1e-9), goals.min_agents)

    busy = calls > 0
    for i in np.flatnonzero(~busy).tolist():
        results[i] = StaffingResult(
            float(calls[i]), 0.0, 0, head_count(0), 1.0, 0.0, 0.0, 0.0 if erlang_a_mode else None
        )
    idx = np.flatnonzero(busy)
    if idx.size:
        keys, inverse = np.unique(calls[idx] + 1j * aht[idx], return_inverse=True)
        u_calls, u_aht = keys.real.copy(), keys.imag.copy()
        u_load = u_calls * u_aht / interval_s
        order = np.argsort(u_load, kind="stable")
        s_calls, s_aht, s_load = u_calls[order], u_aht[order], u_load[order]
        agents, sl, wait, occ = _solve_erlang_c(s_load, s_aht, goals)
        abandon = None
        if erlang_a_mode:
            abandon = np.empty(s_load.size)
            lam = s_calls / interval_s
            for part in _groups(s_load):
                a_n, a_sl, a_w, a_occ, a_ab = _solve_erlang_a(
                    s_load[part], lam[part], s_aht[part], agents[part], goals
                )
                agents[part], sl[part], wait[part], occ[part], abandon[part] = a_n, a_sl, a_w, a_occ, a_ab
        position = np.empty(order.size, dtype=np.int64)
        position[order] = np.arange(order.size)
        agents_l, sl_l, wait_l, occ_l = agents.tolist(), sl.tolist(), wait.tolist(), occ.tolist()
        ab_l = abandon.tolist() if abandon is not None else [None] * order.size
        loads_l = loads.tolist()
        calls_l = calls.tolist()
        paid = {raw: head_count(raw) for raw in set(agents_l)}
        for i, p in zip(idx.tolist(), position[inverse.reshape(-1)].tolist()):
            raw = agents_l[p]
            results[i] = StaffingResult(
                calls_l[i], loads_l[i], raw, paid[raw], sl_l[p], wait_l[p], occ_l[p], ab_l[p]
            )
    return results  # type: ignore[return-value]


# --------------------------------------------------------------------------- public staffing API


def required_agents(
    calls: float,
    interval_s: int,
    aht_s: float,
    *,
    sl_target: float | None = 0.8,
    target_s: float | None = 20,
    asa_target_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    patience_s: float | None = None,
    min_agents: int = 0,
) -> StaffingResult:
    """Agents one interval needs.

    ``agents_raw`` is the smallest number of agents on the phone that meets the
    service level goal (``sl_target`` of calls answered within ``target_s``),
    the ASA goal and the occupancy cap (each goal only when given; at least one
    is required).  Erlang C is used, or Erlang A when ``patience_s`` (mean caller
    patience in seconds) is given.  ``agents_required`` is
    ``ceil(agents_raw / (1 - shrinkage))``, at least ``min_agents``.
    The reported SL / ASA / occupancy / abandon rate are those at ``agents_raw``.
    """
    goals = _goals(sl_target, target_s, asa_target_s, max_occupancy, shrinkage, patience_s, min_agents)
    c = _non_negative(calls, "calls")
    interval = _positive(interval_s, "interval")
    aht = _positive(aht_s, "AHT")
    return _solve(np.array([c]), np.array([aht]), interval, goals)[0]


def required_agents_series(
    calls: Sequence[float],
    aht_s: Sequence[float] | float,
    interval_s: int,
    *,
    sl_target: float | None = 0.8,
    target_s: float | None = 20,
    asa_target_s: float | None = None,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
    patience_s: float | None = None,
    min_agents: int = 0,
) -> list[StaffingResult]:
    """:func:`required_agents` for many intervals at once (same goals), vectorised with numpy.

    ``aht_s`` is one AHT for all intervals or one per interval.  Identical
    (calls, AHT) pairs are computed once.
    """
    goals = _goals(sl_target, target_s, asa_target_s, max_occupancy, shrinkage, patience_s, min_agents)
    interval = _positive(interval_s, "interval")
    c = np.asarray(calls, dtype=float).reshape(-1)
    if isinstance(aht_s, Real):
        h = np.full(c.size, _positive(aht_s, "AHT"))
    else:
        h = np.asarray(aht_s, dtype=float).reshape(-1)
        if h.size != c.size:
            raise ValueError(tr("got {calls} call volumes but {ahts} AHT values; give one AHT per interval").format(
                calls=c.size, ahts=h.size))
    bad = np.flatnonzero(~np.isfinite(c) | (c < 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(tr("calls must be a finite number, 0 or more, got {value:g} (interval {interval})").format(
            value=c[i], interval=i + 1))
    bad = np.flatnonzero(~np.isfinite(h) | (h <= 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(tr("AHT must be more than 0 seconds, got {value:g} (interval {interval})").format(
            value=h[i], interval=i + 1))
    return _solve(c, h, interval, goals)


def _blend(low: float, high: float, frac: float) -> float:
    if frac == 0:
        return low
    if frac == 1:
        return high
    if math.isinf(low) or math.isinf(high):
        return math.inf
    return low + frac * (high - low)


def predict(
    agents_on_phone: float,
    calls: float,
    interval_s: int,
    aht_s: float,
    target_s: float,
    patience_s: float | None = None,
) -> Prediction:
    """Predicted SL, ASA, occupancy (and abandon rate with Erlang A) for a roster.

    ``agents_on_phone`` may be fractional (breaks cover part of the interval):
    every figure is interpolated linearly between ``floor`` and ``ceil``.
    Erlang C is used, or Erlang A when ``patience_s`` is given.  With Erlang C
    and no more agents than erlangs the queue never clears: SL 0, ASA ``inf``.
    """
    agents = _non_negative(agents_on_phone, "agents on the phone")
    c = _non_negative(calls, "calls")
    interval = _positive(interval_s, "interval")
    aht = _positive(aht_s, "AHT")
    t = _non_negative(target_s, "service level target time", "seconds")
    patience = None if patience_s is None else _positive(patience_s, "average caller patience")
    if c == 0:
        return Prediction(1.0, 0.0, 0.0, None if patience is None else 0.0)
    load = c * aht / interval
    low, high = math.floor(agents), math.ceil(agents)
    frac = agents - low
    ns = [low] if low == high else [low, high]
    if patience is None:
        figures = [(service_level(n, load, aht, t), asa(n, load, aht), occupancy(n, load), None) for n in ns]
    else:
        b = np.array([erlang_b(n, load) for n in ns])
        lam = c / interval
        _, pab, sl, wait, occ = _erlang_a_core(
            np.array(ns), np.full(len(ns), lam), np.full(len(ns), aht), patience, t, b
        )
        figures = [(float(sl[i]), float(wait[i]), float(occ[i]), float(pab[i])) for i in range(len(ns))]
    first, last = figures[0], figures[-1]
    return Prediction(
        service_level=_blend(first[0], last[0], frac),
        asa_s=_blend(first[1], last[1], frac),
        occupancy=_blend(first[2], last[2], frac),
        abandon_rate=None if patience is None else _blend(first[3], last[3], frac),
    )
