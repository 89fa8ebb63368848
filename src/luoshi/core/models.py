from django.contrib.auth.models import AbstractUser
from django.db import models

from luoshi.core.roles import CITY_WIDE_ROLES, Role


class User(AbstractUser):
    """A person who logs in. Belongs to one unit; the role decides what they may do."""

    display_name = models.CharField("姓名", max_length=64, blank=True)
    role = models.CharField("角色", max_length=32, choices=Role.choices, default=Role.UNIT_STAFF)
    unit = models.ForeignKey(
        "directory.Unit",
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField("手机号", max_length=20, blank=True, help_text="短信提醒发往此号码")

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    @property
    def sees_all_units(self) -> bool:
        return self.is_superuser or self.role in CITY_WIDE_ROLES

    def __str__(self) -> str:
        return self.display_name or self.username


class AuditEntry(models.Model):
    """One recorded change: who did what to which object, when and why (审计日志)."""

    created_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        User, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField("操作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField("对象", max_length=64, blank=True)
    summary = models.CharField("摘要", max_length=255, blank=True)
    reason = models.TextField("原因", blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class HolidayOverride(models.Model):
    """One day's working status fixed in the holiday table (节假日调整).

    Rows come from the State Council's arrangement as shipped in
    ``chinese-calendar`` (seeded) or from an admin. Admin rows win over the
    package when deadlines are counted; to change a seeded day, edit it (it
    becomes an admin row) rather than delete it.
    """

    class Origin(models.TextChoices):
        PACKAGE = "package", "国务院放假安排"
        ADMIN = "admin", "管理员录入"

    day = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("上班", help_text="勾选表示当天上班(如调休上班日)")
    note = models.CharField("说明", max_length=128, blank=True)
    origin = models.CharField("来源", max_length=16, choices=Origin.choices, default=Origin.ADMIN)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["day"]

    def __str__(self) -> str:
        status = "上班" if self.is_working_day else "休息"
        return f"{self.day:%Y-%m-%d} {status} {self.note}".strip()
