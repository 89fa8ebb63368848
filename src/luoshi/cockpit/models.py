from django.conf import settings
from django.db import models


class Bulletin(models.Model):
    """A stored monthly supervision bulletin (督查通报): the docx as generated, and its figures.

    The worker stores one scheduled bulletin per month (on the 1st, for the month before);
    leaders and the office may generate one on demand at any time, for the current month.
    """

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "定期生成"
        ON_DEMAND = "on_demand", "即时生成"

    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    kind = models.CharField("生成方式", max_length=16, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    as_of = models.DateTimeField("数据截至")
    created_at = models.DateTimeField("生成时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", null=True, blank=True,
        on_delete=models.SET_NULL,
    )  # fmt: skip
    late_units = models.PositiveIntegerField("逾期单位数", default=0)
    late_tasks = models.PositiveIntegerField("逾期事项数", default=0)
    overdue_cards = models.PositiveIntegerField("超时处置卡数", default=0)
    content = models.BinaryField("文件")

    class Meta:
        verbose_name = "督查通报"
        verbose_name_plural = "督查通报"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=models.Q(kind="scheduled"),
                name="bulletin_one_scheduled_per_month",
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return f"督查通报-{self.year}年{self.month}月-{self.pk}.docx"
