"""People and units of the 直通车 workflow, one per party, for DB tests."""

import datetime as dt
from types import SimpleNamespace

import pytest

from factories import PASSWORD, make_user  # noqa: F401  (re-exported)
from luoshi.core import clock
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.express import services
from luoshi.express.services import Filing


@pytest.fixture
def cast(db):
    """Every party of the rules, plus outsiders."""
    units = SimpleNamespace(
        county=Unit.objects.create(name="泽州县人民政府", kind=Unit.Kind.COUNTY),
        other_county=Unit.objects.create(name="高平市人民政府", kind=Unit.Kind.COUNTY),
        land=Unit.objects.create(name="市规划和自然资源局"),
        housing=Unit.objects.create(name="市住房和城乡建设局"),
        office=Unit.objects.create(name="市人民政府办公室", kind=Unit.Kind.GOVERNMENT),
        key=Unit.objects.create(name="市重点工程项目建设办公室", kind=Unit.Kind.GOVERNMENT),
        supervision=Unit.objects.create(name="市人民政府督查室", kind=Unit.Kind.GOVERNMENT),
        city=Unit.objects.create(name="市人民政府", kind=Unit.Kind.GOVERNMENT),
    )
    people = SimpleNamespace(
        units=units,
        liaison=make_user("liaison", Role.LIAISON, units.county, email="liaison@example.cn"),
        other_liaison=make_user("liaison2", Role.LIAISON, units.other_county),
        key=make_user("key", Role.KEY_PROJECTS, units.key, email="key@example.cn"),
        mayor=make_user("mayor", Role.LEADER, units.city, email="mayor@example.cn"),
        other_mayor=make_user("mayor2", Role.LEADER, units.city),
        office=make_user("office", Role.UNIT_STAFF, units.office),
        unit=make_user("land", Role.UNIT_STAFF, units.land),
        other_unit=make_user("housing", Role.UNIT_STAFF, units.housing),
        supervision=make_user("duchashi", Role.SUPERVISION, units.supervision),
        admin=make_user("admin", Role.ADMIN, units.office, is_staff=True, is_superuser=True),
        duty=make_user("duty", Role.DUTY_OFFICER, units.city),
    )
    return people


# The names of every party in ``cast``, for tests that go through each of them.
CAST = (
    "liaison",
    "other_liaison",
    "key",
    "mayor",
    "other_mayor",
    "office",
    "unit",
    "other_unit",
    "supervision",
    "admin",
    "duty",
)

FILING = Filing(
    project_name="晋城市丹河快速路建设项目",
    builder="晋城市交通投资有限公司",
    contact="王工 13800000000",
    situation="项目红线内有两处高压线杆需迁改,需协调供电公司。",
)


@pytest.fixture
def filed(cast):
    with clock.frozen("2020-09-28T09:00"):
        return services.file_card(cast.liaison, FILING)


def walk_hard_card(cast, card, start="2020-09-28T10:00"):
    """Triage hard, instruct, dispatch, accept: returns the card in progress."""
    moment = clock.parse_moment(start)
    due = dt.date(2020, 10, 30)
    steps = [
        lambda: services.triage_hard(
            cast.key, card.pk, "建议由市规划和自然资源局牵头协调", cast.mayor.pk, due
        ),
        lambda: services.instruct(cast.mayor, card.pk, "请市规划和自然资源局三日内协调解决"),
        lambda: services.dispatch(cast.office, card.pk, cast.units.land.pk, "已转交"),
        lambda: services.accept(cast.unit, card.pk, "李科长", "用地科"),
    ]
    for i, step in enumerate(steps):
        with clock.frozen(moment + dt.timedelta(hours=i)):
            card = step()
    return card


@pytest.fixture(autouse=True)
def _autumn_2020():
    """Unless a test says otherwise, it is the morning of 28 September 2020."""
    with clock.frozen("2020-09-28T11:00"):
        yield
