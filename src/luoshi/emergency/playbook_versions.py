"""Playbook versions (预案规则版本): drafted from a plan, reviewed, published, superseded.

Grading uses the one published version of each plan (``emergency.registry``). A version's
``rules`` hold the playbook in the schema of the bundled YAML files; a draft's rules also
carry the review metadata of ``emergency.drafting`` (confidence, flags, decisions).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PlaybookVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草案"
        PUBLISHED = "published", "已发布"
        SUPERSEDED = "superseded", "已被取代"

    class Origin(models.TextChoices):
        BUNDLED = "bundled", "人工编写"
        DRAFTED = "drafted", "由预案原文起草"

    plan_id = models.SlugField("预案编号", max_length=32, db_index=True)
    number = models.PositiveIntegerField("版本号")
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    origin = models.CharField("来源", max_length=16, choices=Origin.choices)
    title = models.CharField("预案名称", max_length=200)
    document = models.ForeignKey(
        "gazette.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="playbook_versions",
        verbose_name="预案原文",
    )
    rules = models.JSONField("规则")  # the draft with its review metadata (or the bundled file)
    playbook = models.JSONField("发布的规则", null=True, blank=True)  # what grading reads
    changes = models.JSONField("与已发布版本的差异", default=dict, blank=True)
    created_at = models.DateTimeField("起草时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="起草人",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="发布人",
    )

    class Meta:
        verbose_name = "预案规则版本"
        verbose_name_plural = "预案规则版本"
        ordering = ["plan_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan_id", "number"], name="playbook_version_unique"),
            models.UniqueConstraint(
                fields=["plan_id"],
                condition=models.Q(state="published"),
                name="playbook_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} 第{self.number}版({self.get_state_display()})"
