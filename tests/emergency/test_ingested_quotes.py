"""Every quote of every playbook is found in its plan's text as ingested into the library."""

import pytest

from luoshi.emergency.library import ClauseLinks, plan_document
from luoshi.emergency.playbook import load_playbook, missing_quotes, plan_ids


@pytest.mark.django_db
@pytest.mark.parametrize("plan_id", plan_ids())
def test_every_quote_is_in_the_ingested_document(plan_id, library):
    playbook = load_playbook(plan_id)
    document = plan_document(playbook)
    assert document is not None, f"{playbook.document} not ingested"
    missing = missing_quotes(playbook, document.body_text)
    assert missing == [], "\n".join(f"{q.ref}: {q.text}" for q in missing)


@pytest.mark.django_db
def test_a_changed_document_text_is_noticed(library):
    playbook = load_playbook("coal-mine")
    body = plan_document(playbook).body_text.replace("10人以上被困", "12人以上被困")
    assert [q.ref for q in missing_quotes(playbook, body)] == ["4.2.1(1)②"]


@pytest.mark.django_db
def test_launch_conditions_link_to_their_section(library):
    playbook = load_playbook("coal-mine")
    links = ClauseLinks(plan_document(playbook))
    outline = {e["anchor"]: e["label"] for e in links.document.outline}
    rule = playbook.levels["I"].rules[1]
    anchor = links.anchor(rule.ref, rule.text)
    assert outline[anchor] in ("(1)", "4.2.1")  # 启动条件 under 4.2.1
    assert outline[links.anchor("4.7", "")] == "4.7"  # by clause number alone


@pytest.mark.django_db
def test_ingest_links_the_six_plans_and_warns_on_a_lost_clause(library):
    from luoshi.emergency.library import check_plan_quotes
    from luoshi.gazette.models import Document

    documents = list(Document.objects.all())
    assert check_plan_quotes(documents) == (6, [])

    coal = next(d for d in documents if d.number == load_playbook("coal-mine").document)
    coal.body_text = coal.body_text.replace("10人以上被困", "12人以上被困")
    linked, warnings = check_plan_quotes(documents)
    assert linked == 6
    assert len(warnings) == 1 and "4.2.1(1)②" in warnings[0]
