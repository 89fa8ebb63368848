"""Demo accounts, one per role, for ``make demo``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from luoshi.core import audit
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit

DEMO_PASSWORD = "luoshi-demo"

# username, display name, role, unit (None: the first department in the directory)
DEMO_ACCOUNTS: list[tuple[str, str, Role, str | None]] = [
    ("admin", "系统管理员", Role.ADMIN, "市人民政府办公室"),
    ("duchashi", "督查室 张敏", Role.SUPERVISION, "市人民政府督查室"),
    ("danwei", "责任单位 李华", Role.UNIT_STAFF, None),
    ("lingdao", "分管副市长 王强", Role.LEADER, "市人民政府"),
    ("zhongdianban", "市重点办 赵磊", Role.KEY_PROJECTS, "市重点工程项目建设办公室"),
    ("lianluoyuan", "联络员 陈静", Role.LIAISON, None),
    ("zhiban", "应急值班 刘洋", Role.DUTY_OFFICER, "市应急管理局"),
    ("zhengfuban", "市政府办科室 周洁", Role.UNIT_STAFF, "市人民政府办公室"),
]


def _unit_for(name: str | None) -> Unit:
    if name is not None:
        unit, _ = Unit.objects.get_or_create(name=name, defaults={"kind": Unit.Kind.GOVERNMENT})
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


@transaction.atomic
def ensure_demo_users() -> list[dict[str, str]]:
    """Create the demo accounts that are missing; return all of them for printing."""
    accounts = []
    for username, display_name, role, unit_name in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, display_name=display_name, role=role)
            user.unit = _unit_for(unit_name)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save()
            audit.record("core.demo_user_created", user, summary=f"演示账号 {username}")
        accounts.append(
            {
                "username": username,
                "password": DEMO_PASSWORD,
                "role": user.get_role_display(),
                "unit": user.unit.name if user.unit else "",
            }
        )
    return accounts
