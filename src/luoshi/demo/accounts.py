"""Demo accounts: one per role, and one member of staff for every unit the demo reaches.

Every lead unit of a ledger task gets an account (``dw001`` …), so the reminders, the reports
and the cards of the demo reach a person who can log in; cards go only to units with one.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count

from luoshi.core import audit
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.supervision.models import TaskUnit

DEMO_PASSWORD = "luoshi-demo"

# username, display name, role, unit (None: the department known under the most names)
DEMO_ACCOUNTS: list[tuple[str, str, Role, str | None]] = [
    ("admin", "系统管理员", Role.ADMIN, "市人民政府办公室"),
    ("duchashi", "督查室 张敏", Role.SUPERVISION, "市人民政府督查室"),
    ("danwei", "责任单位 李华", Role.UNIT_STAFF, None),
    ("lingdao", "分管副市长 王强", Role.LEADER, "市人民政府"),
    ("zhongdianban", "市重点办 赵磊", Role.KEY_PROJECTS, "市重点工程项目建设办公室"),
    ("lianluoyuan", "联络员 陈静", Role.LIAISON, "泽州县人民政府"),
    ("zhiban", "应急值班 刘洋", Role.DUTY_OFFICER, "市应急管理局"),
    ("yingjiban", "应急管理办公室 孙敏", Role.EMERGENCY_OFFICE, "市应急管理局"),
    ("zhengfuban", "市政府办科室 周洁", Role.UNIT_STAFF, "市人民政府办公室"),
]
KINDS = {"泽州县人民政府": Unit.Kind.COUNTY}


def _unit_for(name: str | None) -> Unit:
    if name is not None:
        kind = KINDS.get(name, Unit.Kind.GOVERNMENT)
        unit, _ = Unit.objects.get_or_create(name=name, defaults={"kind": kind})
        return unit
    # The department known under the most names is a well-established one: a sensible demo unit.
    department = (
        Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)
        .annotate(names=Count("aliases"))
        .order_by("-names", "name")
        .first()
    )
    if department is not None:
        return department
    unit, _ = Unit.objects.get_or_create(name="演示单位", defaults={"kind": Unit.Kind.OTHER})
    return unit


def _row(user: User) -> dict[str, str]:
    return {
        "username": user.username,
        "password": DEMO_PASSWORD,
        "role": user.get_role_display(),
        "unit": user.unit.name if user.unit else "",
    }


def _create(username: str, display_name: str, role: Role, unit: Unit, password: str) -> User:
    user = User(username=username, display_name=display_name, role=role, unit=unit)
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.password = password
    user.save()
    audit.record("core.demo_user_created", user, summary=f"演示账号 {username}")
    return user


@transaction.atomic
def ensure_demo_users() -> list[dict[str, str]]:
    """Create the role accounts that are missing; return them for printing."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the demo has dozens of accounts
    accounts = []
    for username, display_name, role, unit_name in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = _create(username, display_name, role, _unit_for(unit_name), password)
        accounts.append(_row(user))
    return accounts


@transaction.atomic
def ensure_unit_accounts() -> list[dict[str, str]]:
    """One unit-staff account for every lead unit of a task that has none (``dw001`` …)."""
    password = make_password(DEMO_PASSWORD)
    staffed = set(
        User.objects.filter(role=Role.UNIT_STAFF, unit__isnull=False).values_list(
            "unit_id", flat=True
        )
    )
    lead = TaskUnit.objects.filter(role=TaskUnit.Role.LEAD).values_list("unit_id", flat=True)
    units = Unit.objects.filter(pk__in=lead).order_by("name")
    taken = User.objects.filter(username__startswith="dw").count()
    for unit in units:
        if unit.pk not in staffed:
            taken += 1
            _create(f"dw{taken:03d}", f"{unit.name} 经办人", Role.UNIT_STAFF, unit, password)
    users = User.objects.filter(username__startswith="dw", role=Role.UNIT_STAFF)
    return [_row(u) for u in users.select_related("unit").order_by("username")]
