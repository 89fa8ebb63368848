"""A year of the programme with one county, two schools and the city's offices."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from tests.factories import make_unit, make_user

from luoshi.core import clock
from luoshi.core.personal import id_check_character
from luoshi.core.roles import Role
from luoshi.grants.models import Evidence, GrantOffice, GrantYear
from luoshi.grants.services import ApplicationForm, RegisterApplication


def id_number(serial: int) -> str:
    first17 = f"14052520020304{serial:03d}"
    return first17 + id_check_character(first17)


FORM = ApplicationForm(
    student_name="张小明", gender="男", id_number=id_number(1), hukou_address="泽州县南村镇",
    hukou_jincheng=True, phone="13800000000", household_size=4, per_capita_income_yuan=None,
    categories=["dibao"], family_situation="父亲长期患病", exam_number="20140525001",
    college="太原理工大学", institution="undergraduate", admission_batch="本科一批",
    full_time=True, donations_yuan=Decimal(0), family_planning_aid_yuan=Decimal(0),
)  # fmt: skip


@dataclasses.dataclass
class Programme:
    year: GrantYear
    offices: dict[str, GrantOffice]
    users: dict[str, object]

    def register(self, serial: int = 1, *, school: str = "school", **changes):
        form = dataclasses.replace(FORM, id_number=id_number(serial), **changes)
        application = RegisterApplication(self.users[school], self.year, form).run()
        Evidence.objects.create(
            application=application, kind=Evidence.Kind.DIBAO, name="低保证.pdf", size=4,
            file=ContentFile(b"%PDF", name="dibao.pdf"), content_type="application/pdf",
            uploaded_at=clock.now(), retain_until=clock.today().replace(year=clock.today().year + 5),
        )  # fmt: skip
        return application


OFFICES = {
    "school": ("泽州县第一中学", "school", "泽州县", "county"),
    "other_school": ("高平市第一中学", "school", "高平市", "county"),
    "county": ("泽州县学生资助管理中心", "county", "泽州县", ""),
    "other_county": ("高平市学生资助管理中心", "county", "高平市", ""),
    "city": ("晋城市学生资助事务中心", "city", "", ""),
    "bureau": ("晋城市教育局", "bureau", "", ""),
}


@pytest.fixture
def programme(db, settings, tmp_path) -> Programme:
    settings.MEDIA_ROOT = str(tmp_path)
    year = GrantYear.objects.create(
        year=2020, dibao_standard_yuan=Decimal(6120), visit_sample_size=1
    )
    offices, users = {}, {}
    for key, (name, level, county, affiliation) in OFFICES.items():
        unit = make_unit(name)
        offices[key] = GrantOffice.objects.create(
            unit=unit, level=level, county=county, affiliation=affiliation
        )
        users[key] = make_user(f"g-{key}", Role.UNIT_STAFF, unit)
    users["stranger"] = make_user("g-stranger", Role.UNIT_STAFF, make_unit("市财政局"))
    return Programme(year, offices, users)
