"""Adding the number of a document ingested without one (补录文号).

A notice downloaded from a government website often prints no 文号; it is stored with
``number`` NULL, and an admin adds the number once known. The number is normalised
(``(2020)`` / ``[2020]`` → ``〔2020〕``), must be a document number and free in the library,
and references that name it (cited elsewhere before it arrived) are linked to it.
"""

from __future__ import annotations

from django.db.models import Model

from luoshi.core.actions import Action, AuditNote
from luoshi.core.errors import Conflict, Invalid
from luoshi.core.models import User
from luoshi.core.permissions import require_role
from luoshi.core.roles import Role
from luoshi.gazette.models import Document
from luoshi.gazette.parsing.numbers import is_number_line, normalise_number
from luoshi.gazette.services import link_references


class AddDocumentNumber(Action[Document]):
    """An admin adds the 文号 of a document stored without one."""

    name = "gazette.number_added"

    def __init__(self, actor: User, document: Document, number: str, *, reason: str = "") -> None:
        super().__init__(actor)
        self.document = document
        self.number = normalise_number(number.strip())[:64]
        self.reason = reason

    def targets(self) -> list[Model]:
        return [self.document]

    def check(self) -> None:
        require_role(self.actor, Role.ADMIN)
        if self.document.number:
            raise Conflict(f"该文件已有文号 {self.document.number},不能补录")
        if self.document.kind != Document.Kind.NOTICE:
            raise Invalid("大事记没有文号")
        if not is_number_line(self.number):
            raise Invalid(f"“{self.number or '(空)'}”不是发文字号,应形如 晋市政办〔2020〕7号")
        if Document.objects.filter(number=self.number).exclude(pk=self.document.pk).exists():
            raise Conflict(f"文号 {self.number} 已属于文件库中的另一份文件")

    def execute(self) -> Document:
        self.document.number = self.number
        self.document.save(update_fields=["number"])
        link_references()
        return self.document

    def audit(self, result: Document) -> AuditNote:
        return AuditNote(
            result, summary=f"补录文号 {result.number}: {result.title}", reason=self.reason,
            before={"number": None}, after={"number": result.number},
        )  # fmt: skip
