"""Stage times: a nested stage's time is charged to it alone, never twice; the bench times processes as a user runs them."""

from __future__ import annotations

import pytest

from mtaudit import timing


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", fake)
    timing.reset()
    yield fake
    timing.reset()


def test_nested_stage_time_is_taken_off_the_outer_stage(clock):
    with timing.stage("align"):
        clock.now += 1.0
        with timing.stage("encode"):
            clock.now += 3.0
        clock.now += 0.5
    assert timing.totals() == {"encode": 3.0, "align": 1.5}


def test_repeated_stages_add_up_and_come_largest_first(clock):
    for seconds in (1.0, 2.0):
        with timing.stage("risk"):
            clock.now += seconds
    with timing.stage("reports"):
        clock.now += 4.0
    assert list(timing.totals().items()) == [("reports", 4.0), ("risk", 3.0)]


def test_a_failing_stage_is_still_charged(clock):
    with pytest.raises(ValueError), timing.stage("load"):
        clock.now += 2.0
        raise ValueError("bad input")
    assert timing.totals() == {"load": 2.0}


def test_bench_processes_keep_pythons_bytecode_cache_as_a_user_shell_does(monkeypatch):
    from mtaudit.bench import _user_env

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = _user_env(MTAUDIT_CACHE="on")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["MTAUDIT_CACHE"] == "on" and env["PATH"]
