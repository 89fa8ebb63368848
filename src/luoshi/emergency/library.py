"""Links from a plan's clauses to its text in the document library (文件库).

The plan is the ingested Document whose number is the playbook's ``document``.
A clause links to the anchor of the block that holds its quoted words (or the
nearest heading before it); failing that, to the heading numbered like the
clause (``4.2.1(1)②`` → ``4.2.1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import reverse

from luoshi.emergency.playbook import Playbook, load_playbook, missing_quotes, plan_ids
from luoshi.gazette.models import Document

_PREFIX = 14
_DECIMAL = re.compile(r"^\d+(?:\.\d+)*")


def _squash(text: str) -> str:
    return "".join(text.split())


def plan_document(playbook: Playbook) -> Document | None:
    """The newest ingested document carrying the plan's number."""
    return (
        Document.objects.filter(number=playbook.document)
        .order_by("-issue__ingested_at", "-pk")
        .only("pk", "number", "title", "blocks", "outline")
        .first()
    )


@dataclass
class ClauseLinks:
    """Resolves clause anchors in one document (blocks squashed once)."""

    document: Document | None
    _blocks: list[tuple[str, str]] = field(default_factory=list)
    _labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.document is None:
            return
        heading = ""
        for block in self.document.blocks:
            anchor = block.get("anchor") or ""
            if block.get("kind") == "heading" and anchor:
                heading = anchor
            text = block.get("label", "") + block.get("text", "")
            if block.get("kind") == "table":
                text = "".join("".join(row) for row in block.get("rows", []))
            self._blocks.append((anchor or heading, _squash(text)))
        for entry in self.document.outline:
            self._labels.setdefault(str(entry.get("label", "")), str(entry.get("anchor", "")))

    @property
    def base(self) -> str:
        if self.document is None:
            return ""
        return reverse("document", args=[self.document.pk])

    def anchor(self, ref: str, text: str = "") -> str:
        """The anchor for a clause (``""`` when the document or the clause is not found)."""
        if self.document is None:
            return ""
        needle = _squash(text)[:_PREFIX]
        if needle:
            for anchor, block in self._blocks:
                if needle in block and anchor:
                    return anchor
        match = _DECIMAL.match(ref)
        if match:
            label = match.group(0)
            while label:
                if label in self._labels:
                    return self._labels[label]
                label = label.rpartition(".")[0]
        return ""

    def url(self, ref: str, text: str = "") -> str:
        """``/documents/19/#h-33`` for the clause; the document itself when no anchor fits."""
        if self.document is None:
            return ""
        anchor = self.anchor(ref, text)
        return f"{self.base}#{anchor}" if anchor else self.base


def check_plan_quotes(documents: list[Document]) -> tuple[int, list[str]]:
    """Check the playbooks of the plans among ``documents`` against their ingested text.

    Returns how many of the documents have an executable playbook, and one warning per
    quoted clause that the text no longer holds (the playbook must then be reviewed).
    """
    by_number = {d.number: d for d in documents if d.number}
    linked = 0
    warnings: list[str] = []
    for plan_id in plan_ids():
        playbook = load_playbook(plan_id)
        document = by_number.get(playbook.document)
        if document is None:
            continue
        linked += 1
        for quote in missing_quotes(playbook, document.body_text):
            warnings.append(
                f"{document.number}: 预案规则 {plan_id} 引用的条款 {quote.ref} 在正文中找不到,请核对"
            )
    return linked, warnings
