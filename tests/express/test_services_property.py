"""Random sequences of actions by random people through the services: the stored card is always
legal and its stored history always complete (and equal to what the workflow would accept)."""

import datetime as dt

import pytest
from django.http import Http404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.core import clock
from luoshi.core.errors import DomainError
from luoshi.express import services
from luoshi.express import workflow as wf
from luoshi.express.invariants import card_problems
from luoshi.express.models import Card

from .conftest import CAST, FILING

pytestmark = pytest.mark.django_db

PEOPLE = list(CAST)
moves = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from([a for a in wf.Action if a is not wf.Action.FILE]),
        st.booleans(),  # with or without the written opinion
        st.sampled_from(["land", "housing"]),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=moves)
def test_should_keep_stored_cards_legal_whatever_anyone_tries(cast, steps):
    with clock.frozen("2020-09-28T09:00"):
        card = services.file_card(cast.liaison, FILING)
    moment = clock.parse_moment("2020-09-28T10:00")
    for i, (who, action, with_comment, unit) in enumerate(steps):
        command = wf.Command(
            action,
            comment="意见" if with_comment else "",
            unit=getattr(cast.units, unit).pk,
            vice_mayor=cast.mayor.pk,
            due_date=dt.date(2020, 11, 30),
            handler="负责人",
            section="科室",
            plan_due=dt.date(2020, 12, 31),
            severity=wf.Severity.MAJOR,
        )
        before = Card.objects.get(pk=card.pk)
        with clock.frozen(moment + dt.timedelta(hours=7 * i)):
            try:
                services.perform(getattr(cast, who), card.pk, command)
            except (DomainError, Http404):
                after = Card.objects.get(pk=card.pk)
                assert (after.state, after.steps_count) == (before.state, before.steps_count)
                continue
        stored = Card.objects.get(pk=card.pk)
        assert card_problems(stored.snapshot()) == []
        assert services.history_problems(stored) == []
        assert stored.steps.count() == stored.steps_count
