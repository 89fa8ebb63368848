"""Sample plans for the drafting tests and bench: the six of the bundled issue and the corpus
of other cities' plans in ``tests/corpus/plans`` (read from a source checkout)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from luoshi.emergency.drafting import PlanText
from luoshi.gazette.parsing import parse_issue

ROOT = Path(__file__).resolve().parents[4]
CORPUS = ROOT / "tests" / "corpus" / "plans"


def plans_in(path: Path) -> list[PlanText]:
    """The plans (文种 预案) of a gazette file."""
    parsed = parse_issue(path.read_text(encoding="utf-8"))
    return [
        PlanText(
            number=d.number or "",
            title=d.title,
            issuer=d.issuer,
            date=d.signed_on.isoformat() if d.signed_on else "",
            blocks=[dataclasses.asdict(b) for b in d.blocks],
        )
        for d in parsed.documents
        if d.doc_type == "预案"
    ]


def bundled_plans() -> list[PlanText]:
    """The six plans of the bundled issue."""
    return plans_in(ROOT / "data" / "jincheng-2020-02.txt")


def corpus_plans() -> list[PlanText]:
    """The plans written in the form of other cities' plans."""
    return [p for path in sorted(CORPUS.glob("*.txt")) for p in plans_in(path)]
