"""The parking catalogue and the event log (晋市政办〔2020〕7号 智慧停车平台).

Field names follow FIWARE Smart Data Models: a :class:`Facility` is an ``OffStreetParking``
(public and shared lots) or an ``OnStreetParking`` segment (``category``, ``totalSpotNumber`` →
``capacity``, ``location``, ``availableSpotNumber`` → ``capacity - occupied``); a
:class:`ParkingEvent`'s ``space`` is a ``ParkingSpot`` id. The event log is the truth;
``Facility.occupied`` and :class:`OccupancyException` are derived from it and rebuildable.
"""

from __future__ import annotations

from django.db import models


class Zone(models.Model):
    """One of the city's parking zones (片区: 主城区、金村区 …); each has one tariff."""

    name = models.CharField("片区", max_length=32, unique=True)

    class Meta:
        verbose_name = "片区"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Facility(models.Model):
    """A parking facility (停车设施): an on-street segment, a public lot or a shared private lot."""

    class Kind(models.TextChoices):
        ON_STREET = "on_street", "路内泊位"
        PUBLIC_LOT = "public_lot", "公共停车场"
        PRIVATE_SHARED = "private_shared", "共享专用停车场"

    code = models.CharField("编号", max_length=32, unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="facilities")
    name = models.CharField("名称", max_length=100)
    lat = models.FloatField("纬度")
    lon = models.FloatField("经度")
    capacity = models.PositiveIntegerField("泊位数")
    occupied = models.PositiveIntegerField("在场车辆", default=0)  # derived from the log
    gate_token_hash = models.CharField(max_length=64, blank=True, db_index=True)  # sha256

    class Meta:
        verbose_name = "停车设施"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.occupied, 0)


class Tariff(models.Model):
    """A zone's tariff (差异化停车收费): charging unit, free period, daily cap; bands below."""

    zone = models.OneToOneField(Zone, on_delete=models.CASCADE, related_name="tariff")
    unit_minutes = models.PositiveIntegerField("计费单元(分钟)", default=30)
    free_minutes = models.PositiveIntegerField("免费时长(分钟)", default=15)
    daily_cap = models.DecimalField("每日封顶(元)", max_digits=8, decimal_places=2, null=True)
    free_deducted = models.BooleanField("免费时长抵扣", default=False)

    class Meta:
        verbose_name = "收费标准"

    def __str__(self) -> str:
        return f"{self.zone}收费标准"


class TariffBand(models.Model):
    """A daily time band of a tariff with its rate per charging unit (时段费率)."""

    tariff = models.ForeignKey(Tariff, on_delete=models.CASCADE, related_name="bands")
    name = models.CharField("时段", max_length=32)
    start = models.TimeField("开始")
    end = models.TimeField("结束")
    rate_per_unit = models.DecimalField("每单元费率(元)", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "收费时段"
        ordering = ["tariff", "start"]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%H:%M}–{self.end:%H:%M}"


class Permit(models.Model):
    """A plate's right in a zone (居民包月、残疾人免费): multiplier 0 free, 0.5 half price."""

    plate = models.CharField("车牌", max_length=10, db_index=True)
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="permits")
    name = models.CharField("权益", max_length=32)
    multiplier = models.DecimalField(max_digits=4, decimal_places=2)
    bands = models.JSONField(default=list, blank=True)  # band names; empty: every band

    class Meta:
        verbose_name = "停车权益"

    def __str__(self) -> str:
        return f"{self.name}({self.zone})"


class ParkingEvent(models.Model):
    """One gate or sensor event as received (事件日志): never changed, never deleted."""

    class Kind(models.TextChoices):
        IN = "in", "入场"
        OUT = "out", "出场"
        SENSOR = "sensor", "地磁"

    event_id = models.CharField(max_length=64, unique=True)
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    plate = models.CharField(max_length=10, blank=True)  # normalised; empty for sensors
    space = models.CharField(max_length=32, blank=True)  # ParkingSpot id; sensors only
    occupied = models.BooleanField(default=False)  # sensors: taken (True) or freed
    at = models.DateTimeField()
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = "停车事件"
        indexes = [models.Index(fields=["facility", "at"])]

    def __str__(self) -> str:
        return self.event_id


class OccupancyException(models.Model):
    """What the operator must look at (异常): an exit without entry, an entry never closed."""

    class Kind(models.TextChoices):
        EXIT_WITHOUT_ENTRY = "exit_without_entry", "有出无入"
        ENTRY_WITHOUT_EXIT = "entry_without_exit", "重复入场"

    event_id = models.CharField(max_length=64, unique=True)
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    plate = models.CharField(max_length=10)
    at = models.DateTimeField()

    class Meta:
        verbose_name = "占用异常"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.event_id}"
