"""A unit name nobody knew, mapped later by an admin, reaches the tasks that printed it."""

import pytest

from luoshi.core.models import AuditEntry
from luoshi.directory.models import UnresolvedName
from luoshi.directory.services import map_unresolved
from luoshi.supervision.access import visible_tasks
from luoshi.supervision.models import Task, TaskUnit

pytestmark = pytest.mark.django_db


def roles_of(task):
    return dict(TaskUnit.objects.filter(task=task).values_list("unit__name", "role"))


def test_should_assign_the_unit_in_the_printed_role_and_show_the_task_to_its_staff(
    make_task, people, units
):
    planning, finance = units
    task = make_task(lead_units=["市发展和改革委员会", "市财政"], co_units=["市 财政"])
    assert task.unresolved_units == {"lead": ["市财政"], "co": ["市 财政"]}
    assert not visible_tasks(people["b"]).filter(pk=task.pk).exists()
    entry = UnresolvedName.objects.get(raw_name="市财政")

    map_unresolved(entry, finance, actor=people["office"])

    task.refresh_from_db()
    assert task.unresolved_units == {}
    assert roles_of(task) == {"市发展和改革委员会": "lead", "市财政局": "lead"}
    assert task.lead_unit_names == ["市发展和改革委员会", "市财政"]  # as printed
    assert visible_tasks(people["b"]).filter(pk=task.pk).exists()
    audit = AuditEntry.objects.get(action="supervision.unit_mapped", object_id=str(task.pk))
    assert audit.actor == people["office"]
    assert audit.before == {"unresolved_units": {"lead": ["市财政"], "co": ["市 财政"]}}


def test_should_keep_other_unknown_names_and_leave_unrelated_tasks_alone(make_task, units):
    _, finance = units
    mixed = make_task("12", lead_units=["市发展和改革委员会"], co_units=["市财政", "市两务局"])
    untouched = make_task("13", co_units=["市两务局"])
    known = make_task("14")

    map_unresolved(UnresolvedName.objects.get(raw_name="市财政"), finance)

    mixed.refresh_from_db()
    assert mixed.unresolved_units == {"lead": [], "co": ["市两务局"]}
    assert roles_of(mixed) == {"市发展和改革委员会": "lead", "市财政局": "co"}
    assert Task.objects.get(pk=untouched.pk).unresolved_units == {"lead": [], "co": ["市两务局"]}
    assert roles_of(known) == {"市发展和改革委员会": "lead"}
    assert not AuditEntry.objects.filter(
        action="supervision.unit_mapped", object_id__in=[str(untouched.pk), str(known.pk)]
    ).exists()


def test_should_not_demote_a_lead_unit_printed_again_as_co_operating(make_task, units):
    planning, _ = units
    task = make_task(co_units=["市发改"])
    map_unresolved(UnresolvedName.objects.get(raw_name="市发改"), planning)
    assert roles_of(task) == {"市发展和改革委员会": "lead"}
    task.refresh_from_db()
    assert task.unresolved_units == {}
