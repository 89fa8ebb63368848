from typing import Any

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "luoshi.supervision"
    label = "supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from luoshi.directory.signals import unit_name_mapped

        unit_name_mapped.connect(_assign_mapped_unit, dispatch_uid="supervision.assign_mapped_unit")


def _assign_mapped_unit(sender: Any, *, raw_name: str, unit: Any, actor: Any, **_: Any) -> None:
    from luoshi.supervision.services.tasks import assign_mapped_unit

    assign_mapped_unit(raw_name, unit, actor=actor)
