"""The roles of Luoshi users (see docs/contract.md, "Users")."""

from django.db import models


class Role(models.TextChoices):
    SUPERVISION = "supervision", "督查室"
    UNIT_STAFF = "unit_staff", "责任单位"
    LEADER = "leader", "分管领导/市长"
    KEY_PROJECTS = "key_projects", "市重点办"
    LIAISON = "liaison", "联络员"
    DUTY_OFFICER = "duty_officer", "应急值班"
    EMERGENCY_OFFICE = "emergency_office", "应急管理办公室"
    ADMIN = "admin", "系统管理员"


# Roles that see every unit's items rather than only their own unit's.
CITY_WIDE_ROLES = frozenset({Role.SUPERVISION, Role.LEADER, Role.KEY_PROJECTS, Role.ADMIN})
