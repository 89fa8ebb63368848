"""The playbook files carry whole quotes: no text is cut at a comma by YAML flow syntax.

In a flow mapping ``{ref: 1, text: a,b}`` an unquoted comma ends the scalar and turns the
rest of the clause into a stray key; the quote then is only a prefix of the plan's text
(still "found" in the gazette, but the checklist shows half a measure).
"""

import pytest
import yaml

from luoshi.emergency.playbook import PLAYBOOK_DIR, plan_ids

KNOWN_KEYS = {
    "ref", "text", "when", "reading", "discretion", "name", "level", "colour", "conditions",
    "measures", "party", "members", "by", "to", "within", "within_text", "start", "levels",
    "lead", "contents", "decided_by", "class", "note", "who", "proposed_by", "issued_by", "names",
}  # fmt: skip


def _stray_keys(node, path, out):
    if isinstance(node, dict):
        if "ref" in node and "text" in node:
            stray = set(node) - KNOWN_KEYS
            if stray:
                out.append(f"{path} ({node['ref']}): {sorted(map(str, stray))[0][:30]}")
        for key, value in node.items():
            _stray_keys(value, f"{path}.{key}", out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _stray_keys(value, f"{path}[{i}]", out)


@pytest.mark.parametrize("plan_id", plan_ids())
def test_no_quote_is_cut_at_a_comma(plan_id):
    data = yaml.safe_load((PLAYBOOK_DIR / f"{plan_id}.yaml").read_text(encoding="utf-8"))
    stray: list[str] = []
    _stray_keys(data, plan_id, stray)
    assert stray == []


def test_the_check_notices_a_cut_quote():
    stray: list[str] = []
    _stray_keys(yaml.safe_load("- {ref: '1', text: 甲,乙}"), "x", stray)
    assert stray == ["x[0] (1): 乙"]
