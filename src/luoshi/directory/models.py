from django.db import models


class Unit(models.Model):
    """An organisation that can be assigned work: a bureau, a county government, a company (单位)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "市直部门"
        COUNTY = "county", "县(市、区)"
        PARTY = "party", "党群机构"
        ENTERPRISE = "enterprise", "企业"
        OTHER = "other", "其他"

    name = models.CharField("规范名称", max_length=128, unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitAlias(models.Model):
    """Another name under which a unit appears in the text (市发改委 for 市发展和改革委员会)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField("别名", max_length=128, unique=True)

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"
        ordering = ["alias"]

    def __str__(self) -> str:
        return f"{self.alias} → {self.unit.name}"


class Person(models.Model):
    """A named leader or official the gazette mentions, with the unit they serve in."""

    name = models.CharField("姓名", max_length=32)
    title = models.CharField("职务", max_length=128, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    role = models.CharField("公报中的角色", max_length=32, blank=True)  # 组长 / 责任领导 / 责任人 …
    section = models.CharField("科室", max_length=128, blank=True)

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["name"]
        constraints = [
            # One person per name within a unit; without a unit, the title tells them apart.
            models.UniqueConstraint(
                fields=["name", "unit"],
                condition=models.Q(unit__isnull=False),
                name="person_name_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["name", "title"],
                condition=models.Q(unit__isnull=True),
                name="person_name_title_no_unit_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.title})" if self.title else self.name


class UnresolvedName(models.Model):
    """A unit or person name that could not be resolved: waiting for an admin to map it."""

    class Kind(models.TextChoices):
        UNIT = "unit", "单位"
        PERSON = "person", "人员"

    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    raw_name = models.CharField("原文名称", max_length=128)
    context = models.CharField("出处", max_length=255, blank=True)
    resolved_unit = models.ForeignKey(
        Unit, verbose_name="对应单位", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "待确认名称"
        verbose_name_plural = "待确认名称"
        ordering = ["kind", "raw_name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "raw_name"], name="unresolved_kind_name_unique")
        ]

    def __str__(self) -> str:
        return self.raw_name
