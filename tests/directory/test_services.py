import pytest

from luoshi.core.models import AuditEntry
from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName
from luoshi.directory.services import (
    DirectoryLookup,
    map_unresolved,
    resolve_unit,
    sync_directory,
)
from luoshi.gazette.parsing.model import Block, ParsedDocument, ParsedIssue

HEADER = ["序号", "省政府2020年重点工作任务", "晋城市2020年重点工作任务", "牵头责任单位", "责任领导",
          "分管领导", "责任科室", "责任人"]  # fmt: skip


def _row(no, unit, leader, in_charge, section, person):
    return [no, "任务。", "措施。", unit, leader, in_charge, section, person]


def _document(number, blocks):
    return ParsedDocument(
        seq=1, kind="notice", number=number, title="测试", issuer="晋城市人民政府",
        signed_on=None, doc_type="通知", blocks=blocks,
    )  # fmt: skip


def _issue(*documents):
    return ParsedIssue(
        city="晋城市", title="晋城市人民政府公报", year=2020, number=2, total_number=None,
        documents=list(documents),
    )  # fmt: skip


def _table(rows):
    return Block(kind="table", rows=rows, header_rows=1)


def _paragraph(text):
    return Block(kind="paragraph", text=text)


def sample_issue():
    tasks = _document(
        "晋政发〔2020〕3号",
        [
            _table(
                [
                    HEADER,
                    _row(
                        "36",
                        "市发改委 市人社局",
                        "邹树琦 马阳光",
                        "邢海斌 赵惠斌",
                        "城建交通科 创业就业科",
                        "郭宏斌 崔培东",
                    ),
                    _row(
                        "225",
                        "市文化旅游局",
                        "王 丽",
                        "郑忠社",
                        "文物二科 文物一科",
                        "刘惠成 贺志栋",
                    ),
                    _row(
                        "322", "市卫生和健康发展委员会", "樊林奎", "原沁霞", "医政医管科", "苏春才"
                    ),
                    _row(
                        "340",
                        "市场监管局",
                        "白亚平",
                        "闫莉莉 肖文平",
                        "药品监管科 医疗器械科",
                        "李永清 吕建忠",
                    ),
                    _row("14", "市地方志", "", "", "", ""),
                ]
            ),  # fmt: skip
        ],
    )
    contacts = _document(
        "晋市政办〔2020〕7号",
        [
            _table(
                [
                    ["序号", "单位", "值班电话", "序号", "单位", "值班电话"],
                    ["4", "市交通运输局", "2023595", "14", "市市场监督管理局", "2022239"],
                    ["6", "市住房和城乡建设局", "2229223", "20", "市文化和旅游局", "2033870"],
                    ["8", "市发展和改革委员会", "6999088", "21", "晋城市无线电管理局", "2023066"],
                    ["9", "市卫生健康委员会", "2066565", "22", "市无线电管理局", "2023066"],
                ]
            ),
            _paragraph("成 员:杨跃卿 市发展和改革委员会副主任"),
            _paragraph("组 长:冯志亮 副市长"),
            _paragraph("一、做好交通保障。(责任单位:市交通局、市卫健委、市财政)"),
        ],
    )
    return _issue(tasks, contacts)


def _snapshot():
    return (
        sorted(Unit.objects.values_list("id", "name", "kind")),
        sorted(UnitAlias.objects.values_list("alias", "unit_id")),
        sorted(Person.objects.values_list("name", "title", "unit_id", "role", "section")),
        sorted(
            UnresolvedName.objects.values_list("kind", "raw_name", "context", "resolved_unit_id")
        ),
    )


def _aliases_of(name):
    return set(Unit.objects.get(name=name).aliases.values_list("alias", flat=True))


@pytest.mark.django_db
def test_long_official_names_are_canonical_and_short_ones_aliases():
    sync_directory(sample_issue(), source_label="2020年第2期")
    assert {"市发改委"} <= _aliases_of("市发展和改革委员会")
    assert {"市卫健委"} <= _aliases_of("市卫生健康委员会")
    assert {"市场监管局"} <= _aliases_of("市市场监督管理局")
    assert {"市交通局"} <= _aliases_of("市交通运输局")
    assert {"市文化旅游局"} <= _aliases_of("市文化和旅游局")
    assert {"晋城市无线电管理局"} <= _aliases_of("市无线电管理局")
    for short in ("市发改委", "市卫健委", "市场监管局", "市交通局", "晋城市无线电管理局"):
        assert not Unit.objects.filter(name=short).exists()
    # A short name with no long form seen, but clearly a unit, is its own unit.
    assert Unit.objects.filter(name="市人社局", kind=Unit.Kind.DEPARTMENT).exists()


@pytest.mark.django_db
def test_names_that_cannot_be_resolved_are_queued_not_guessed():
    sync_directory(sample_issue(), source_label="2020年第2期")
    queued = dict(UnresolvedName.objects.filter(kind="unit").values_list("raw_name", "context"))
    assert {"市财政", "市地方志", "市卫生和健康发展委员会"} <= set(queued)
    assert "疑似「市卫生健康委员会」" in queued["市卫生和健康发展委员会"]
    assert queued["市财政"].startswith("2020年第2期 晋市政办〔2020〕7号 括注")
    for name in ("市财政", "市地方志", "市卫生和健康发展委员会"):
        assert not Unit.objects.filter(name=name).exists()
        assert resolve_unit(name) is None
    # The people of a row whose unit is queued wait too.
    assert UnresolvedName.objects.filter(kind="person", raw_name="樊林奎").exists()
    assert not Person.objects.filter(name="樊林奎").exists()


@pytest.mark.django_db
def test_people_are_normalised_and_linked_to_their_unit():
    sync_directory(sample_issue())
    culture = Unit.objects.get(name="市文化和旅游局")
    wang = Person.objects.get(name="王丽")
    assert (wang.unit, wang.role, wang.title) == (culture, "责任领导", "")
    assert Person.objects.get(name="贺志栋").section == "文物一科"
    # Roster and table name the same person in the same unit: one row, the written title kept.
    yang = Person.objects.get(name="杨跃卿")
    assert yang.unit.name == "市发展和改革委员会"
    assert yang.title == "市发展和改革委员会副主任"
    assert Person.objects.get(name="马阳光").unit.name == "市人社局"
    feng = Person.objects.get(name="冯志亮")
    assert (feng.unit, feng.title, feng.role) == (None, "副市长", "组长")


@pytest.mark.django_db
def test_sync_is_idempotent():
    first = sync_directory(sample_issue())
    before = _snapshot()
    second = sync_directory(sample_issue())
    assert _snapshot() == before
    assert (second.created_units, second.created_aliases) == (0, 0)
    assert (second.created_people, second.created_unresolved) == (0, 0)
    assert first.created_units > 0 and first.created_aliases > 0
    assert (first.units, first.aliases, first.people, first.unresolved) == (
        second.units,
        second.aliases,
        second.people,
        second.unresolved,
    )


@pytest.mark.django_db
def test_a_later_long_form_promotes_the_short_named_unit():
    short_only = _issue(_document("A", [_paragraph("(责任单位:市发改委)")]))
    sync_directory(short_only)
    unit = Unit.objects.get(name="市发改委")
    sync_directory(_issue(_document("B", [_paragraph("(责任单位:市发展和改革委员会)")])))
    unit.refresh_from_db()
    assert unit.name == "市发展和改革委员会"
    assert _aliases_of("市发展和改革委员会") == {"市发改委"}
    assert resolve_unit("发改委") == unit
    before = _snapshot()
    sync_directory(short_only)
    assert _snapshot() == before


@pytest.mark.django_db
def test_resolve_unit_uses_aliases_abbreviations_and_prefix_forms():
    sync_directory(sample_issue())
    ndrc = Unit.objects.get(name="市发展和改革委员会")
    assert resolve_unit("市发展改革委") == ndrc
    assert resolve_unit("发改委") == ndrc
    assert resolve_unit("市 发改委") == ndrc
    assert resolve_unit("晋城市发展和改革委员会", city="晋城") == ndrc
    assert resolve_unit("市不存在局") is None
    lookup = DirectoryLookup.load()
    assert lookup.unit("市住建局") == Unit.objects.get(name="市住房和城乡建设局")


@pytest.mark.django_db
def test_mapping_a_queued_name_creates_an_alias_and_closes_it(admin_user):
    sync_directory(sample_issue())
    entry = UnresolvedName.objects.get(kind="unit", raw_name="市卫生和健康发展委员会")
    health = Unit.objects.get(name="市卫生健康委员会")
    alias = map_unresolved(entry, health, actor=admin_user)
    assert alias is not None and alias.unit == health
    entry.refresh_from_db()
    assert entry.resolved_unit == health
    assert resolve_unit("市卫生和健康发展委员会") == health
    assert AuditEntry.objects.filter(action="directory.map_unresolved", actor=admin_user).exists()
    # The next sync links the people who waited for that unit.
    sync_directory(sample_issue())
    assert Person.objects.get(name="樊林奎").unit == health


@pytest.mark.django_db
def test_queued_names_that_later_resolve_are_closed():
    sync_directory(_issue(_document("A", [_paragraph("(责任单位:市两务局、市财政)")])))
    UnitAlias.objects.create(alias="市财政", unit=Unit.objects.create(name="市财政局"))
    sync_directory(_issue(_document("B", [_paragraph("(责任单位:市财政局)")])))
    entry = UnresolvedName.objects.get(raw_name="市财政")
    assert entry.resolved_unit.name == "市财政局"
