"""Drafting playbooks from plans: time per plan, share of launch conditions drafted as
structured rules, and the rules an officer had to edit against a hand-written expectation
(the six bundled playbooks; for the corpus of other cities' plans, every structured rule is
checked by hand-written expectation in tests and flagged or unstructured rules count as edits).

    uv run python bench/drafting.py
"""

from __future__ import annotations

import time

from luoshi.emergency.drafting import draft_plan
from luoshi.emergency.drafting.compare import agreement
from luoshi.emergency.drafting.samples import bundled_plans, corpus_plans
from luoshi.emergency.playbook import bundled_data, bundled_plan_ids


def main() -> None:
    expected = {bundled_data(p)["document"]: bundled_data(p) for p in bundled_plan_ids()}
    total_rules = total_structured = total_edits = 0
    for group, plans in (("bundled", bundled_plans()), ("corpus", corpus_plans())):
        for plan in plans:
            start = time.perf_counter()
            draft = draft_plan(plan)
            elapsed = (time.perf_counter() - start) * 1000
            rules = [r for body in draft["levels"].values() for r in body["rules"]]
            structured = sum(1 for r in rules if "when" in r or r.get("discretion"))
            if plan.number in expected:
                agree, compared = agreement(draft, expected[plan.number])["launch_conditions"]
                edits = compared - agree
            else:
                edits = sum(1 for r in rules if "flag" in r)
            total_rules += len(rules)
            total_structured += structured
            total_edits += edits
            print(
                f"{group:8} {draft['title'][:22]:24} {elapsed:6.1f} ms  levels {len(draft['levels'])}"
                f"  structured {structured}/{len(rules)} = {structured / len(rules):.0%}"
                f"  needing an edit {edits}"
            )
    print(
        f"all: structured {total_structured}/{total_rules} = {total_structured / total_rules:.0%},"
        f" rules needing an edit {total_edits}"
    )


if __name__ == "__main__":
    main()
