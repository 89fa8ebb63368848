"""Who sees which applications: a school its own, a county centre its county's schools, the city
centre and the education bureau every one. The only route to grant rows for pages and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from luoshi.core.errors import Forbidden, NotFound
from luoshi.core.models import User
from luoshi.grants.models import Application, GrantOffice, Publicity
from luoshi.grants.workflow import Level

DECIDING_LEVELS = frozenset({Level.CITY, Level.BUREAU})


def office_of(user: User) -> GrantOffice:
    """The programme office the user acts for; Forbidden for anyone else."""
    if not user.is_authenticated or user.unit_id is None:
        raise Forbidden("只有资助工作单位人员可以办理")
    office = GrantOffice.objects.filter(unit_id=user.unit_id).select_related("unit").first()
    if office is None:
        raise Forbidden("本单位不是资助工作单位")
    return office


def visible_applications(office: GrantOffice) -> QuerySet[Application]:
    applications = Application.objects.select_related("school__unit", "year")
    if office.level == Level.SCHOOL:
        return applications.filter(school=office)
    if office.level == Level.COUNTY:
        return applications.filter(school__county=office.county)
    return applications


def get_application(office: GrantOffice, pk: int) -> Application:
    try:
        return visible_applications(office).get(pk=pk)
    except Application.DoesNotExist as exc:
        raise NotFound("申请不存在或无权查看") from exc


def sees_full_id(office: GrantOffice) -> bool:
    """Full ID numbers only for the deciding levels and the school that entered them."""
    return office.level in DECIDING_LEVELS or office.level == Level.SCHOOL


def own_publicities(office: GrantOffice) -> QuerySet[Publicity]:
    return Publicity.objects.filter(office=office)
