"""The directory seeded from the real Jincheng 2020-02 issue."""

import pytest

from luoshi.directory.extraction import extract_mentions
from luoshi.directory.models import Person, Unit, UnresolvedName
from luoshi.directory.services import resolve_unit, sync_directory
from luoshi.gazette.parsing import parse_issue


@pytest.fixture(scope="module")
def parsed_issue(gazette_text):
    return parse_issue(gazette_text)


def test_mentions_cover_tables_brackets_and_rosters(parsed_issue):
    found = extract_mentions(parsed_issue)
    names = {m.name for m in found.units}
    assert {"市发改委", "市发展改革委", "市发展和改革委员会"} <= names
    assert {"市卫健委", "市卫生健康委员会", "市场监管局", "市市场监督管理局"} <= names
    assert {"市两务局", "人行晋城市中心支行", "开发区管委会"} <= names
    assert not any(name.startswith("各") or "指挥部" in name for name in names)
    people = {(p.name, p.unit) for p in found.people}
    assert ("王丽", "市文化旅游局") in people
    assert ("杨跃卿", "市发展和改革委员会") in people
    assert ("冯志亮", "") in people
    assert not any(" " in p.name for p in found.people)


@pytest.mark.django_db
def test_sync_of_the_real_issue(parsed_issue):
    first = sync_directory(parsed_issue, source_label="jincheng-2020-02.txt")
    assert first.units > 100 and first.people > 400
    ndrc = Unit.objects.get(name="市发展和改革委员会")
    for alias in ("市发改委", "市发展改革委"):
        assert resolve_unit(alias) == ndrc
    health = Unit.objects.get(name="市卫生健康委员会")
    assert resolve_unit("市卫健委") == health
    assert resolve_unit("市场监管局") == Unit.objects.get(name="市市场监督管理局")
    assert resolve_unit("市文化旅游局") == Unit.objects.get(name="市文化和旅游局")
    assert resolve_unit("市交通局") == Unit.objects.get(name="市交通运输局")
    assert resolve_unit("市住建局") == Unit.objects.get(name="市住房和城乡建设局")
    assert resolve_unit("市人社局") == Unit.objects.get(name="市人力资源和社会保障局")
    assert resolve_unit("市规划与自然资源局") == Unit.objects.get(name="市规划和自然资源局")
    assert Person.objects.get(name="王丽").unit.name == "市文化和旅游局"
    assert Person.objects.filter(name="靳军", unit__name="市畜牧兽医服务中心").exists()
    queued = set(UnresolvedName.objects.filter(kind="unit").values_list("raw_name", flat=True))
    assert {"市卫生和健康发展委员会", "市财政", "市地方志"} <= queued
    second = sync_directory(parsed_issue, source_label="jincheng-2020-02.txt")
    assert second.created_units == second.created_aliases == second.created_people == 0
    assert second.created_unresolved == 0
