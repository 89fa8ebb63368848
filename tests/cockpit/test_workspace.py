"""After login each role lands on its own workspace; the header counts unread notices; a unit
opening another unit's task gets the Chinese 404 page (DEBUG off). On the cockpit's small city."""

from __future__ import annotations

import pytest
from django.test import override_settings

from factories import PASSWORD, make_user
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.express.models import Notification as CardNotice
from luoshi.supervision.models import Notification as LedgerNotice

pytestmark = pytest.mark.django_db

LANDINGS = [
    ("office", "/ledger/review/"),
    ("ndrc", "/ledger/mine/"),
    ("leader", "/cockpit/"),
    ("key", "/express/?list=waiting"),
    ("liaison", "/express/?list=all"),
    ("duty", "/emergency/"),
    ("admin", "/admin/"),
]


@pytest.mark.parametrize(("who", "workspace"), LANDINGS)
def test_each_role_lands_on_its_workspace_after_login(client, cast, who, workspace):
    user = getattr(cast, who)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True
    )
    first, *_ = response.redirect_chain
    assert first[0] == "/start/"
    assert response.redirect_chain[1][0] == workspace
    assert response.status_code == 200


def test_the_government_office_lands_on_the_cards_waiting_for_it(client, cast):
    office = Unit.objects.create(name="市人民政府办公室", kind=Unit.Kind.GOVERNMENT)
    make_user("zhengfuban", Role.UNIT_STAFF, office)
    response = client.post("/accounts/login/", {"username": "zhengfuban", "password": PASSWORD})
    assert client.get(response["Location"])["Location"] == "/express/?list=waiting"


def test_a_next_address_still_wins_over_the_workspace(client, cast):
    response = client.post(
        "/accounts/login/?next=/chronicles/",
        {"username": cast.ndrc.username, "password": PASSWORD},
    )
    assert response["Location"] == "/chronicles/"


def test_the_header_counts_unread_notices_of_both_kinds(
    client, cast, tasks, cards, django_capture_on_commit_callbacks
):
    from luoshi.express.services import escalate_overdue
    from luoshi.supervision.notifications import mark_read, send_reminders

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()
        escalate_overdue()
    client.force_login(cast.office)
    html = client.get("/ledger/").content.decode()
    ledger_unread = LedgerNotice.objects.filter(recipient=cast.office, read_at=None).count()
    cards_unread = CardNotice.objects.filter(recipient=cast.office, read_at=None).count()
    assert ledger_unread > 0 and cards_unread > 0
    assert f'data-unread="ledger">督办提醒<span class="badge">{ledger_unread}</span>' in html
    assert f'data-unread="cards">直通车提醒<span class="badge">{cards_unread}</span>' in html
    mark_read(cast.office)
    html = client.get("/ledger/").content.decode()
    assert 'data-unread="ledger">督办提醒</a>' in html


def test_anonymous_visitors_see_no_counts(client):
    assert "data-unread" not in client.get("/").content.decode()


@override_settings(DEBUG=False)
def test_another_units_task_is_the_chinese_404_page(client, cast, tasks):
    client.force_login(cast.finance)
    mine = tasks["2"]  # 市财政局's
    theirs = tasks["1"]  # 市发展和改革委员会's
    assert client.get(f"/ledger/tasks/{mine.pk}/").status_code == 200
    response = client.get(f"/ledger/tasks/{theirs.pk}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and "<!doctype html>" in html.lower()
    assert "Traceback" not in html and "Page not found" not in html
