"""The base of every state change (命名操作): check, then execute in one transaction, audited.

An app writes one subclass per verb (``ConfirmTask``, ``TriageCard``, ``DecideLevel``)::

    class ConfirmTask(Action[Task]):
        name = "ledger.confirm"

        def __init__(self, actor: User, task: Task) -> None:
            super().__init__(actor)
            self.task = task

        def targets(self) -> list[Model]:
            return [self.task]              # locked, in primary-key order, before check()

        def check(self) -> None:
            require_role(self.actor, Role.SUPERVISION)
            if self.task.state != Task.State.PENDING:
                raise Conflict("该事项已确认")

        def execute(self) -> Task:
            self.task.state = Task.State.ACTIVE
            self.task.save(update_fields=["state"])
            return self.task

        def audit(self, result: Task) -> AuditNote:
            return AuditNote(result, summary=f"确认下达 {result.title}")

``ConfirmTask(user, task).run()`` does it; pages and the API call the same ``allowed()`` (the
check without the lock or the write) to decide which buttons to show. Side effects (mail, SMS,
notifications) go in ``after_commit``, which runs only once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404

from luoshi.core import audit
from luoshi.core.errors import DomainError
from luoshi.core.models import User

R = TypeVar("R")
M = TypeVar("M", bound=models.Model)


@dataclass
class AuditNote:
    """What the audit entry of an action says (who and when are added by the base)."""

    obj: models.Model | None
    summary: str = ""
    reason: str = ""
    before: Any = None
    after: Any = None
    object_type: str = ""
    object_id: str = ""


class Action(Generic[R]):
    """One named state change. Subclasses set ``name`` and implement ``check`` and ``execute``."""

    name: str
    """The audit entry's action (``ledger.confirm``); a generic action may set it per instance."""

    def __init__(self, actor: User) -> None:
        self.actor = actor

    def targets(self) -> Iterable[models.Model]:
        """Rows to lock (``SELECT … FOR UPDATE``, in primary-key order) and re-read first."""
        return ()

    def check(self) -> None:
        """Raise a :class:`DomainError` (or ``PermissionDenied``) when the action is refused."""

    def execute(self) -> R:
        raise NotImplementedError

    def audit(self, result: R) -> AuditNote | None:
        """The audit entry; ``None`` only for an action that changed nothing."""
        raise NotImplementedError

    def after_commit(self, result: R) -> None:
        """Side effects that must not happen unless the change is committed."""

    def allowed(self) -> bool:
        """Whether ``check`` passes now (for showing buttons); nothing is locked or written."""
        try:
            self.check()
        except (DomainError, PermissionDenied, Http404):
            return False
        return True

    def run(self) -> R:
        with transaction.atomic():
            lock(self.targets())
            self.check()
            result = self.execute()
            note = self.audit(result)
            if note is not None:
                audit.record(
                    self.name,
                    note.obj,
                    actor=self.actor,
                    summary=note.summary,
                    reason=note.reason,
                    before=note.before,
                    after=note.after,
                    object_type=note.object_type,
                    object_id=note.object_id,
                )
            transaction.on_commit(lambda: self.after_commit(result))
        return result


def lock(objects: Iterable[models.Model]) -> None:
    """Lock the rows of ``objects`` in one order (model, then pk) and refresh them in place.

    Every action locks through here, so two actions touching the same rows always take their
    locks in the same order and cannot deadlock. Must be called inside a transaction.
    """
    by_model: dict[type[models.Model], dict[Any, list[models.Model]]] = {}
    for obj in objects:
        if obj.pk is not None:
            by_model.setdefault(type(obj), {}).setdefault(obj.pk, []).append(obj)
    for model in sorted(by_model, key=lambda m: m._meta.label):
        instances = by_model[model]
        fresh = model._default_manager.select_for_update().filter(pk__in=list(instances))
        for row in fresh.order_by("pk"):
            for obj in instances[row.pk]:
                _copy_fields(row, obj)


def _copy_fields(source: models.Model, target: models.Model) -> None:
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
