"""Staffing maths: Erlang B / C against exact references and the textbook example, Erlang A limits."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.staffing.erlang import (
    ErlangAMetrics,
    Prediction,
    StaffingResult,
    asa,
    erlang_a,
    erlang_a_abandon_probability,
    erlang_a_asa,
    erlang_a_occupancy,
    erlang_a_service_level,
    erlang_a_wait_probability,
    erlang_b,
    erlang_c,
    occupancy,
    predict,
    required_agents,
    required_agents_series,
    service_level,
)

# --------------------------------------------------------------------------- independent references


def exact_erlang_b(n: int, load: Fraction) -> Fraction:
    """Textbook definition with factorial sums, in exact rational arithmetic."""
    terms = [load**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


def exact_erlang_c(n: int, load: Fraction) -> Fraction:
    """P(wait) = (A^n/n! * n/(n-A)) / (sum_{k<n} A^k/k! + A^n/n! * n/(n-A)), exactly."""
    head = sum(load**k / math.factorial(k) for k in range(n))
    top = load**n / math.factorial(n) * Fraction(n) / (n - load)
    return top / (head + top)


def reference_sl(n: int, load: Fraction, aht: float, target: float) -> float:
    return 1.0 - float(exact_erlang_c(n, load)) * math.exp(-(n - float(load)) * target / aht)


def reference_erlang_a(n: int, lam: float, aht: float, patience: float, target: float, states: int = 600):
    """Truncated birth-death chain + uniformised tagged-caller chain (no closed forms involved).

    Returns (P(wait), P(abandon), SL(target)).
    """
    mu, theta = 1.0 / aht, 1.0 / patience
    p = [1.0]
    for k in range(1, states):
        p.append(p[-1] * lam / (min(k, n) * mu + max(k - n, 0) * theta))
    z = sum(p)
    p = [v / z for v in p]
    p_wait = sum(p[n:])
    queue = sum((k - n) * p[k] for k in range(n, states))
    p_abandon = theta * queue / lam
    # A caller finding j waiting is in position j; it moves down at rate n mu + i theta and leaves at theta.
    ahead = np.array(p[n:])
    down = n * mu + np.arange(ahead.size) * theta
    rate = float(down.max() + theta)
    steps = int(rate * target + 12 * math.sqrt(rate * target + 1) + 30)
    v = ahead.copy()
    served = 0.0
    weight = math.exp(-rate * target)
    answered_in_time = weight * served
    for k in range(1, steps):
        served += v[0] * down[0] / rate
        moved = v * down / rate
        v = v * (1.0 - (down + theta) / rate)
        v[:-1] += moved[1:]
        weight *= rate * target / k
        answered_in_time += weight * served
    return p_wait, p_abandon, (1.0 - p_wait) + answered_in_time


# --------------------------------------------------------------------------- Erlang B / C


@pytest.mark.parametrize("n, load", [(1, 1), (2, 1), (10, 5), (14, 10), (30, Fraction(45, 2)), (60, 55)])
def test_erlang_b_matches_exact_factorial_definition(n, load):
    assert erlang_b(n, float(load)) == pytest.approx(float(exact_erlang_b(n, Fraction(load))), rel=1e-12)


def test_erlang_b_table_values():
    assert erlang_b(0, 3.0) == 1.0
    assert erlang_b(1, 1.0) == pytest.approx(0.5)
    assert erlang_b(10, 5.0) == pytest.approx(0.018385, abs=1e-6)  # the usual "10 lines, 5 E -> 1.8 %"


@pytest.mark.parametrize("n", range(11, 21))
def test_erlang_c_and_service_level_match_exact_reference(n):
    load = Fraction(10)
    assert erlang_c(n, 10.0) == pytest.approx(float(exact_erlang_c(n, load)), abs=1e-12)
    assert service_level(n, 10.0, 180, 20) == pytest.approx(reference_sl(n, load, 180, 20), abs=1e-9)
    assert asa(n, 10.0, 180) == pytest.approx(float(exact_erlang_c(n, load)) * 180 / (n - 10), abs=1e-9)


def test_published_example_100_calls_in_half_an_hour():
    """The widely cited Erlang C example: 100 calls / 30 min, AHT 3 min, 80 % in 20 s."""
    result = required_agents(100, 1800, 180, sl_target=0.8, target_s=20)
    assert result.load_erlangs == pytest.approx(10.0)
    assert result.agents_raw == 14
    assert result.agents_required == 14
    assert erlang_c(11, 10.0) == pytest.approx(0.6821, abs=0.001)  # published P(wait) with 11 agents
    # Whole-percent service levels, checked against the exact rational reference above.
    percent = {n: round(service_level(n, 10.0, 180, 20) * 100) for n in range(11, 15)}
    assert percent == {11: 39, 12: 64, 13: 80, 14: 89}
    assert service_level(13, 10.0, 180, 20) < 0.8 <= service_level(14, 10.0, 180, 20)
    assert result.service_level == pytest.approx(reference_sl(14, Fraction(10), 180, 20), abs=1e-9)
    assert result.service_level == pytest.approx(0.8884, abs=1e-4)
    assert result.asa_s == pytest.approx(float(exact_erlang_c(14, Fraction(10))) * 180 / 4, abs=1e-9)
    assert result.asa_s == pytest.approx(7.84, abs=0.01)
    assert result.occupancy == pytest.approx(10 / 14)
    assert result.abandon_rate is None
    assert occupancy(14, 10.0) == pytest.approx(10 / 14)
    assert asa(11, 10.0, 180) == pytest.approx(122.78, abs=0.01)


def test_overloaded_and_empty_queues():
    assert erlang_c(10, 10.0) == 1.0
    assert erlang_c(3, 10.0) == 1.0
    assert service_level(10, 10.0, 180, 20) == 0.0
    assert asa(10, 10.0, 180) == math.inf
    assert occupancy(5, 10.0) == 1.0
    assert occupancy(0, 10.0) == 1.0
    assert erlang_c(3, 0.0) == 0.0
    assert service_level(0, 0.0, 180, 20) == 1.0
    assert asa(0, 0.0, 180) == 0.0
    assert occupancy(4, 0.0) == 0.0


# --------------------------------------------------------------------------- required agents


def test_shrinkage_and_minimum_head_count():
    result = required_agents(100, 1800, 180, shrinkage=0.30)
    assert result.agents_raw == 14
    assert result.agents_required == 20  # 14 / 0.7 is 20, not 21 through float noise
    assert required_agents(100, 1800, 180, shrinkage=0.30, min_agents=25).agents_required == 25
    assert required_agents(100, 1800, 180, shrinkage=0.30, min_agents=5).agents_required == 20
    assert required_agents(100, 1800, 180, shrinkage=0.35).agents_required == math.ceil(14 / 0.65)


def test_occupancy_cap_forces_more_agents():
    capped = required_agents(100, 1800, 180, max_occupancy=0.70)
    assert capped.agents_raw == 15  # SL is met by 14, but 10/14 = 71 % > 70 %
    assert capped.occupancy <= 0.70
    only_cap = required_agents(100, 1800, 180, sl_target=None, max_occupancy=0.5)
    assert only_cap.agents_raw == 20
    assert required_agents(100, 1800, 180, sl_target=None, max_occupancy=1.0).agents_raw == 11


def test_asa_target():
    result = required_agents(100, 1800, 180, sl_target=None, asa_target_s=20)
    assert result.agents_raw == 13  # ASA 40.4 s with 12, 17.1 s with 13
    both = required_agents(100, 1800, 180, sl_target=0.8, target_s=20, asa_target_s=5)
    assert both.agents_raw == 15 and both.asa_s <= 5


def test_no_calls_needs_no_one_on_the_phone():
    result = required_agents(0, 900, 300, shrinkage=0.3, min_agents=2)
    assert result == StaffingResult(0.0, 0.0, 0, 2, 1.0, 0.0, 0.0, None)
    assert required_agents(0, 900, 300, patience_s=60).abandon_rate == 0.0


@pytest.mark.parametrize("load", [500, 1000])
def test_big_loads_do_not_overflow(load):
    result = required_agents(load * 1800 / 180, 1800, 180)
    assert result.load_erlangs == pytest.approx(load)
    assert load < result.agents_raw <= load * 1.03
    assert 0.8 <= result.service_level < 1
    assert math.isfinite(result.asa_s)
    assert 0.95 < result.occupancy < 1
    assert erlang_c(result.agents_raw, float(load)) < 1
    with_patience = required_agents(load * 1800 / 180, 1800, 180, patience_s=120)
    assert 0.8 * load <= with_patience.agents_raw <= result.agents_raw
    assert 0 < with_patience.abandon_rate < 0.2


def test_series_matches_single_intervals():
    rng = np.random.default_rng(7)
    calls = np.concatenate([[0.0, 0.0, 100.0, 100.0], rng.uniform(0, 900, 60).round(1)])
    aht = np.concatenate([[300, 180, 180, 180], rng.uniform(60, 600, 60).round()])
    for extra in ({}, {"patience_s": 90.0}, {"max_occupancy": 0.85, "asa_target_s": 30}):
        series = required_agents_series(calls, aht, 900, shrinkage=0.25, min_agents=1, **extra)
        assert len(series) == calls.size
        for c, h, got in zip(calls, aht, series):
            assert got == required_agents(float(c), 900, float(h), shrinkage=0.25, min_agents=1, **extra)


def test_series_accepts_one_aht_for_all_intervals():
    series = required_agents_series([100, 0, 50.5], 180, 1800)
    assert [r.agents_raw for r in series] == [14, 0, required_agents(50.5, 1800, 180).agents_raw]
    assert series[0].calls == 100.0


# --------------------------------------------------------------------------- Erlang A


@pytest.mark.parametrize("n", [11, 12, 14, 20])
def test_erlang_a_tends_to_erlang_c_when_nobody_hangs_up(n):
    lam = 100 / 1800
    metrics = erlang_a(n, lam, 180, 1e8, 20)
    assert metrics.wait_probability == pytest.approx(erlang_c(n, 10.0), abs=1e-3)
    assert metrics.service_level == pytest.approx(service_level(n, 10.0, 180, 20), abs=1e-3)
    assert metrics.asa_s == pytest.approx(asa(n, 10.0, 180), rel=1e-3)
    assert metrics.occupancy == pytest.approx(occupancy(n, 10.0), abs=1e-3)
    assert metrics.abandon_probability < 1e-5


def test_erlang_a_with_patience_equal_to_aht_is_an_infinite_server_queue():
    """theta = mu: the number in system is Poisson(A), so P(wait) = P(N >= n), P(abandon) = E[(N-n)+]/A."""
    load = 10.0

    def pmf(k: int) -> float:
        return math.exp(-load + k * math.log(load) - math.lgamma(k + 1))

    for n in (1, 5, 8, 10, 12, 15):
        metrics = erlang_a(n, load / 180, 180, 180)
        assert metrics.wait_probability == pytest.approx(1 - sum(pmf(k) for k in range(n)), abs=1e-12)
        excess = sum((k - n) * pmf(k) for k in range(n, 200))
        assert metrics.abandon_probability == pytest.approx(excess / load, abs=1e-12)


@pytest.mark.parametrize(
    "n, calls, aht, patience, target",
    [(3, 60, 180, 120, 20), (12, 100, 180, 120, 20), (8, 100, 180, 60, 45), (10, 200, 90, 300, 10), (5, 100, 180, 30, 0)],
)
def test_erlang_a_matches_birth_death_chain_and_uniformisation(n, calls, aht, patience, target):
    lam = calls / 1800
    p_wait, p_abandon, sl = reference_erlang_a(n, lam, aht, patience, target)
    metrics = erlang_a(n, lam, aht, patience, target)
    assert metrics.wait_probability == pytest.approx(p_wait, abs=1e-10)
    assert metrics.abandon_probability == pytest.approx(p_abandon, abs=1e-10)
    assert metrics.service_level == pytest.approx(sl, abs=1e-9)
    assert metrics.asa_s == pytest.approx(p_abandon * patience, abs=1e-8)
    assert metrics.occupancy == pytest.approx(lam * aht * (1 - p_abandon) / n, abs=1e-10)


def test_erlang_a_scalar_helpers_agree():
    args = (12, 100 / 1800, 180, 120)
    full = erlang_a(*args, 20)
    assert isinstance(full, ErlangAMetrics)
    assert erlang_a_wait_probability(*args) == full.wait_probability
    assert erlang_a_abandon_probability(*args) == full.abandon_probability
    assert erlang_a_service_level(*args, 20) == full.service_level
    assert erlang_a_asa(*args) == full.asa_s
    assert erlang_a_occupancy(*args) == full.occupancy
    assert 0 < full.abandon_probability < full.wait_probability < 1


def test_abandonment_falls_as_agents_are_added():
    rates = [erlang_a_abandon_probability(n, 100 / 1800, 180, 120) for n in range(0, 25)]
    assert rates[0] == 1.0
    assert all(b < a for a, b in zip(rates, rates[1:]))
    assert rates[-1] < 1e-4


def test_patient_callers_need_fewer_agents_than_erlang_c_assumes():
    erlang_c_staff = required_agents(100, 1800, 180)
    erlang_a_staff = required_agents(100, 1800, 180, patience_s=120)
    assert erlang_a_staff.agents_raw < erlang_c_staff.agents_raw
    assert erlang_a_staff.agents_raw == 12
    assert erlang_a_staff.service_level >= 0.8
    assert 0 < erlang_a_staff.abandon_rate < 0.1
    assert erlang_a_staff.occupancy < 10 / 12
    assert required_agents(100, 1800, 180, patience_s=1e9).agents_raw == 14


def test_erlang_a_handles_1000_erlangs_and_huge_patience():
    lam = 1000 / 180
    for n in (900, 1000, 1010, 1100):
        metrics = erlang_a(n, lam, 180, 600, 20)
        for value in (metrics.wait_probability, metrics.abandon_probability, metrics.service_level):
            assert 0 <= value <= 1
    slow = erlang_a(1010, lam, 180, 1e7, 20)
    assert slow.service_level == pytest.approx(service_level(1010, 1000.0, 180, 20), abs=1e-3)
    overloaded = erlang_a(950, lam, 180, 1e6, 20)
    assert overloaded.abandon_probability == pytest.approx(0.05, abs=1e-3)  # the 5 % nobody can serve


# --------------------------------------------------------------------------- predictions


def test_predict_whole_and_fractional_agents():
    whole = predict(14, 100, 1800, 180, 20)
    assert isinstance(whole, Prediction)
    assert whole.service_level == service_level(14, 10.0, 180, 20)
    assert whole.asa_s == asa(14, 10.0, 180)
    assert whole.occupancy == pytest.approx(10 / 14)
    assert whole.abandon_rate is None
    half = predict(13.5, 100, 1800, 180, 20)
    low, high = service_level(13, 10.0, 180, 20), service_level(14, 10.0, 180, 20)
    assert half.service_level == pytest.approx((low + high) / 2)
    assert predict(10.5, 100, 1800, 180, 20).asa_s == math.inf
    assert predict(9, 100, 1800, 180, 20).service_level == 0.0
    assert predict(0, 0, 1800, 180, 20) == Prediction(1.0, 0.0, 0.0, None)


def test_predict_with_patience():
    result = predict(12, 100, 1800, 180, 20, patience_s=120)
    metrics = erlang_a(12, 100 / 1800, 180, 120, 20)
    assert result == Prediction(metrics.service_level, metrics.asa_s, metrics.occupancy, metrics.abandon_probability)
    partial = predict(11.25, 100, 1800, 180, 20, patience_s=120)
    low = erlang_a(11, 100 / 1800, 180, 120, 20).service_level
    assert partial.service_level == pytest.approx(low + 0.25 * (metrics.service_level - low))
    assert predict(0, 100, 1800, 180, 20, patience_s=120).abandon_rate == pytest.approx(1.0)


# --------------------------------------------------------------------------- properties

calls_st = st.floats(min_value=0.0, max_value=1200.0, allow_nan=False)
aht_st = st.floats(min_value=20.0, max_value=900.0, allow_nan=False)
patience_st = st.one_of(st.none(), st.floats(min_value=10.0, max_value=1000.0))


@settings(deadline=None, max_examples=150)
@given(calls_st, calls_st, aht_st, patience_st)
def test_more_calls_never_need_fewer_agents(c1, c2, aht, patience):
    low, high = sorted((c1, c2))
    assert (
        required_agents(low, 900, aht, patience_s=patience).agents_raw
        <= required_agents(high, 900, aht, patience_s=patience).agents_raw
    )


@settings(deadline=None, max_examples=150)
@given(calls_st, aht_st, aht_st, patience_st)
def test_longer_calls_never_need_fewer_agents(calls, h1, h2, patience):
    low, high = sorted((h1, h2))
    assert (
        required_agents(calls, 900, low, patience_s=patience).agents_raw
        <= required_agents(calls, 900, high, patience_s=patience).agents_raw
    )


@settings(deadline=None, max_examples=150)
@given(
    calls_st,
    aht_st,
    st.floats(min_value=0.05, max_value=0.99),
    st.floats(min_value=0.05, max_value=0.99),
    st.floats(min_value=0, max_value=120),
    st.floats(min_value=0, max_value=120),
    patience_st,
)
def test_tighter_targets_never_need_fewer_agents(calls, aht, sl1, sl2, t1, t2, patience):
    loose_sl, tight_sl = sorted((sl1, sl2))
    short_t, long_t = sorted((t1, t2))
    base = required_agents(calls, 900, aht, sl_target=loose_sl, target_s=long_t, patience_s=patience)
    higher = required_agents(calls, 900, aht, sl_target=tight_sl, target_s=long_t, patience_s=patience)
    faster = required_agents(calls, 900, aht, sl_target=loose_sl, target_s=short_t, patience_s=patience)
    assert base.agents_raw <= higher.agents_raw
    assert base.agents_raw <= faster.agents_raw
    assert higher.service_level >= tight_sl - 1e-12 or calls == 0


@settings(deadline=None, max_examples=100)
@given(
    st.floats(min_value=0.5, max_value=400.0),
    aht_st,
    st.floats(min_value=0, max_value=60),
    patience_st,
    st.lists(st.floats(min_value=0, max_value=80), min_size=2, max_size=5),
)
def test_predicted_service_level_is_a_probability_rising_with_agents(calls, aht, target, patience, agents):
    agents = sorted(agents)
    levels = [predict(a, calls, 900, aht, target, patience_s=patience).service_level for a in agents]
    assert all(0.0 <= sl <= 1.0 for sl in levels)
    assert all(a <= b + 1e-12 for a, b in zip(levels, levels[1:]))


@settings(deadline=None, max_examples=200)
@given(st.integers(min_value=0, max_value=2000), st.floats(min_value=0, max_value=2000))
def test_erlang_c_is_a_probability(servers, load):
    value = erlang_c(servers, load)
    assert 0.0 <= value <= 1.0
    assert 0.0 <= erlang_b(servers, load) <= 1.0


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"aht_s": 0}, "AHT must be more than 0 seconds, got 0"),
        ({"aht_s": -3}, "AHT must be more than 0 seconds, got -3"),
        ({"calls": -1}, "calls must be 0 or more, got -1"),
        ({"interval_s": 0}, "interval must be more than 0 seconds, got 0"),
        ({"shrinkage": 2.0}, "shrinkage must be between 0 % and 95 %, got 200 %"),
        ({"shrinkage": -0.1}, "shrinkage must be between 0 % and 95 %, got -10 %"),
        ({"max_occupancy": 1.2}, "maximum occupancy must be more than 0 % and at most 100 %, got 120 %"),
        ({"max_occupancy": 0}, "maximum occupancy must be more than 0 % and at most 100 %, got 0 %"),
        ({"sl_target": 1.0}, "service level target must be more than 0 % and less than 100 %, got 100 %"),
        ({"target_s": None}, "a service level target needs a target answer time in seconds"),
        ({"target_s": -5}, "service level target time must be 0 seconds or more, got -5"),
        ({"asa_target_s": 0}, "ASA target must be more than 0 seconds, got 0"),
        ({"patience_s": 0}, "average caller patience must be more than 0 seconds, got 0"),
        ({"min_agents": -1}, "minimum agents must be a whole number, 0 or more, got -1"),
        ({"sl_target": None}, "give at least one goal"),
        ({"calls": float("nan")}, "calls must be a finite number, got nan"),
    ],
)
def test_required_agents_rejects_bad_input_with_readable_messages(kwargs, message):
    args = {"calls": 100, "interval_s": 1800, "aht_s": 180}
    args.update(kwargs)
    with pytest.raises(ValueError) as error:
        required_agents(args.pop("calls"), args.pop("interval_s"), args.pop("aht_s"), **args)
    assert message in str(error.value)


def test_series_and_helpers_reject_bad_input():
    with pytest.raises(ValueError, match=r"AHT must be more than 0 seconds, got 0 \(interval 2\)"):
        required_agents_series([10, 10], [180, 0], 900)
    with pytest.raises(ValueError, match=r"calls must be a finite number, 0 or more, got -2 \(interval 1\)"):
        required_agents_series([-2, 10], 180, 900)
    with pytest.raises(ValueError, match="one AHT per interval"):
        required_agents_series([1, 2, 3], [180, 180], 900)
    with pytest.raises(ValueError, match="whole number"):
        erlang_c(2.5, 1.0)
    with pytest.raises(ValueError, match="load must be 0 erlangs or more, got -1"):
        erlang_b(3, -1)
    with pytest.raises(ValueError, match="agents on the phone must be 0 or more"):
        predict(-1, 100, 1800, 180, 20)
