"""Real time across daylight-saving changes."""

from datetime import date

from scheduler.domain import Horizon, Site, Timeline

MADRID = Site("Madrid", "Europe/Madrid", 15)


def test_spring_forward_day_has_23_hours_and_92_quarters():
    timeline = Timeline(MADRID, Horizon(date(2026, 3, 23), 1))  # DST on Sunday 29 March
    lengths = [timeline.day_start(d + 1) - timeline.day_start(d) for d in range(7)]
    assert lengths == [1440] * 6 + [1380]
    assert timeline.n_slots == 7 * 96 - 4


def test_autumn_back_day_has_25_hours():
    timeline = Timeline(MADRID, Horizon(date(2026, 10, 19), 1))  # DST ends Sunday 25 October
    assert timeline.day_start(7) - timeline.day_start(6) == 1500


def test_night_shift_on_short_night_lasts_seven_real_hours():
    timeline = Timeline(MADRID, Horizon(date(2026, 3, 23), 1))
    saturday = date(2026, 3, 28)
    start = timeline.wall_minutes(saturday, 22 * 60)
    end = timeline.wall_minutes(saturday, 30 * 60)  # 06:00 Sunday
    assert end - start == 7 * 60


def test_slot_local_times_skip_the_missing_hour():
    timeline = Timeline(MADRID, Horizon(date(2026, 3, 23), 1))
    sunday = timeline.slot_of(timeline.day_start(6))
    labels = [timeline.slot_local(sunday + i).strftime("%H:%M") for i in range(12)]
    assert labels[7:10] == ["01:45", "03:00", "03:15"]
