"""Occupancy-based repricing (SFpark's rule): examples, bounds and the CLI contract."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from luoshi.cli import main
from luoshi.parking.repricing import Observation, PriceBounds, reprice


def change(occupancy: float, rate: str, **bounds) -> tuple[Decimal, str]:
    result = reprice(
        Observation("泽州路", "08-18", occupancy, Decimal(rate)), PriceBounds(**bounds)
    )
    return result.new_rate, result.rule


def test_should_move_the_rate_by_the_occupancy_band():
    assert change(0.80, "3") == (Decimal("3.5"), "raise")
    assert change(0.79, "3") == (Decimal("3"), "hold")
    assert change(0.60, "3") == (Decimal("3"), "hold")
    assert change(0.59, "3") == (Decimal("2.5"), "lower")
    assert change(0.30, "3") == (Decimal("2.5"), "lower")
    assert change(0.29, "3") == (Decimal("2.0"), "lower2")


def test_should_respect_floor_and_ceiling():
    assert change(0.95, "10") == (Decimal("10"), "raise")
    assert change(0.05, "1") == (Decimal("0.5"), "lower2")
    assert change(0.9, "2", step=Decimal("1"), ceiling=Decimal("2.5")) == (Decimal("2.5"), "raise")


observations = st.builds(
    Observation,
    block=st.just("b"),
    band=st.just("t"),
    occupancy=st.floats(min_value=0, max_value=1),
    rate=st.decimals(min_value=0, max_value=20, places=1),
)


@given(observations)
def test_should_stay_within_bounds_and_move_at_most_two_steps(obs):
    bounds = PriceBounds()
    result = reprice(obs, bounds)
    assert bounds.floor <= result.new_rate <= bounds.ceiling
    if bounds.floor <= obs.rate <= bounds.ceiling:
        assert abs(result.new_rate - obs.rate) <= 2 * bounds.step


@given(observations, st.floats(min_value=0, max_value=1))
def test_should_never_price_a_fuller_block_lower(obs, other):
    low, high = sorted((obs.occupancy, other))
    at = lambda occ: reprice(Observation("b", "t", occ, obs.rate)).new_rate  # noqa: E731
    assert at(low) <= at(high)


def run(monkeypatch, capsys, payload: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(payload))
    code = main(["parking", "reprice", "--occupancy", "-", "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def test_should_answer_the_array_with_new_rates_and_rules(monkeypatch, capsys):
    blocks = [
        {"block": "泽州路", "band": "08:00-18:00", "occupancy": 0.91, "rate": 3},
        {"block": "凤台街", "band": "18:00-08:00", "occupancy": 0.1, "rate": 0.5},
    ]
    code, out, _ = run(monkeypatch, capsys, json.dumps(blocks))
    answer = json.loads(out)
    assert code == 0
    assert [(a["block"], a["new_rate"], a["rule"]) for a in answer] == [
        ("泽州路", 3.5, "raise"),
        ("凤台街", 0.5, "lower2"),
    ]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            '[{"block": "a", "band": "b", "occupancy": 1.5, "rate": 3}]',
            "occupancy[0]: occupancy must be between 0 and 1",
        ),
        (
            '[{"block": "a", "band": "b", "occupancy": 0.5}]',
            "occupancy[0]: rate must be a finite number",
        ),
        ('{"block": "a"}', "occupancy must be a JSON array"),
        ("[", "malformed JSON"),
    ],
)
def test_should_refuse_bad_input_with_one_line(monkeypatch, capsys, payload, message):
    code, out, err = run(monkeypatch, capsys, payload)
    assert code == 1 and out == "" and message in err and err.count("\n") == 1
