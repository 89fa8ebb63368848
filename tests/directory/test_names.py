import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.directory.names import (
    UnitResolver,
    abbreviations,
    is_near_duplicate,
    is_plausible_person_name,
    is_unit_like,
    normalise_person_name,
    normalise_unit_name,
    split_person_names,
    strip_city,
    unit_kind,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("王 丽", "王丽"),
        ("靳 军", "靳军"),
        (" 田\u3000晓 ", "田晓"),
        ("(王丽)", "王丽"),
        ("张鹏,", "张鹏"),
    ],
)
def test_person_names_lose_stray_spaces_and_punctuation(raw, expected):
    assert normalise_person_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（市 大数据应用局）", "市大数据应用局"),
        ("〔市财政局〕", "市财政局"),
        ("【市商务局】。", "市商务局"),
        ("市投资 促进中心", "市投资促进中心"),
        ("各县（市、区）人民政府", "各县(市、区)人民政府"),
        ("市工信局(市国资委)", "市工信局(市国资委)"),
        ("市公安局)", "市公安局"),
        ("(市公安局", "市公安局"),
    ],
)
def test_unit_names_are_normalised(raw, expected):
    assert normalise_unit_name(raw) == expected


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("市发展和改革委员会", "市发改委"),
        ("市发展和改革委员会", "市发展改革委"),
        ("市卫生健康委员会", "市卫健委"),
        ("市市场监督管理局", "市市场监管局"),
        ("市住房和城乡建设局", "市住建局"),
        ("市人力资源和社会保障局", "市人社局"),
        ("市交通运输局", "市交通局"),
        ("市文化和旅游局", "市文旅局"),
        ("市文化和旅游局", "市文化旅游局"),
        ("市工业和信息化局", "市工信局"),
        ("市应急管理局", "市应急局"),
        ("市科学技术局", "市科技局"),
        ("市医疗保障局", "市医保局"),
        ("市行政审批服务管理局", "市审批服务管理局"),
        ("市政府外事办公室", "市外事办"),
        ("市政府金融工作办公室", "市金融办"),
        ("市人民防空办公室", "市人防办"),
        ("泽州县人民政府", "泽州县政府"),
        ("泽州县人民政府", "泽州县"),
        ("市公安局交通警察支队", "市公安交警支队"),
        ("市残疾人联合会", "市残联"),
        ("市规划和自然资源局", "市规划与自然资源局"),
        ("市农业机械发展中心", "市农机发展中心"),
    ],
)
def test_usual_abbreviations_are_derived(full, short):
    assert short in abbreviations(full)


def test_abbreviations_exclude_the_name_and_unrelated_forms():
    found = abbreviations("市卫生和健康发展委员会")
    assert "市卫生和健康发展委员会" not in found
    assert "市卫健委" not in found
    assert abbreviations("市政府办公室") == {"市政府办"}
    assert abbreviations("市财政局") == set()


def test_resolver_matches_aliases_abbreviations_and_prefix_forms():
    resolver = UnitResolver(
        ["市发展和改革委员会", "市市场监督管理局", "市司法局", "市无线电管理局"],
        {"市两务局": "市司法局"},
        city="晋城市",
    )
    assert resolver.resolve("市发改委") == "市发展和改革委员会"
    assert resolver.resolve("发改委") == "市发展和改革委员会"
    assert resolver.resolve(" 市发展 改革委 ") == "市发展和改革委员会"
    assert resolver.resolve("市场监管局") == "市市场监督管理局"
    assert resolver.resolve("司法局") == "市司法局"
    assert resolver.resolve("市两务局") == "市司法局"
    assert resolver.resolve("晋城市无线电管理局") == "市无线电管理局"
    assert resolver.resolve("市财政") is None
    assert resolver.resolve("") is None


def test_resolver_refuses_ambiguous_names():
    resolver = UnitResolver(["市工业和信息化局", "市工业信息化局"])
    assert resolver.candidates("市工信局") == {"市工业和信息化局", "市工业信息化局"}
    assert resolver.resolve("市工信局") is None
    # An exact canonical name still wins over another unit's abbreviation.
    assert resolver.resolve("市工业信息化局") == "市工业信息化局"


def test_explicit_alias_beats_derived_abbreviation():
    resolver = UnitResolver(["市交通运输局", "市交通局机关"], {"市交通局": "市交通局机关"})
    assert resolver.resolve("市交通局") == "市交通局机关"


def test_strip_city_only_for_the_issue_city():
    assert strip_city("晋城市无线电管理局", "晋城") == "市无线电管理局"
    assert strip_city("晋城海关", "晋城") == "晋城海关"
    assert strip_city("长治市公安局", "晋城") == "长治市公安局"


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("王 丽", ["王丽"]),
        ("原粉娥 牛昆", ["原粉娥", "牛昆"]),
        ("李立新 赵 芳", ["李立新", "赵芳"]),
        ("乔荣生、王晋霞", ["乔荣生", "王晋霞"]),
        ("王高林 王 亮", ["王高林", "王亮"]),
    ],
)
def test_person_cells_split_into_names(cell, names):
    assert split_person_names(cell) == names


def test_unit_likeness_and_person_plausibility():
    assert is_unit_like("市发改委") and is_unit_like("城区政府") and is_unit_like("市消防救援支队")
    assert is_unit_like("市总工会") and is_unit_like("国网晋城供电公司")
    assert not is_unit_like("市财政") and not is_unit_like("市地方志")
    assert not is_unit_like("市指挥部办公室")
    assert is_plausible_person_name("郑忠社") and is_plausible_person_name("上官东亮")
    assert not is_plausible_person_name("市金融办") and not is_plausible_person_name("副市长")
    assert not is_plausible_person_name("各级部门主要负责同志")


def test_unit_kind_by_name():
    assert unit_kind("泽州县人民政府") == "county"
    assert unit_kind("市人民政府") == "government"
    assert unit_kind("市委宣传部") == "party"
    assert unit_kind("市国有资本投资运营公司") == "enterprise"
    assert unit_kind("市公安局") == "department"
    assert unit_kind("晋城海关") == "other"


def test_near_duplicates_need_same_ends_and_few_insertions():
    assert is_near_duplicate("市卫生健康委员会", "市卫生和健康发展委员会")
    assert not is_near_duplicate("市公安局", "市公安局交警支队")
    assert not is_near_duplicate("市卫生健康委员会", "市卫生健康委员会")
    assert not is_near_duplicate("市教育局", "市体育局")


# --- properties ---------------------------------------------------------------------------

_NOISY_TEXT = st.text(
    alphabet=st.sampled_from(
        list("市发改委局办中心王丽 \u3000\t()（）〔〕【】[]《》“”,，、。:：-—") + ["和", "Ａ", "１"]
    ),
    max_size=24,
)


@settings(max_examples=300, deadline=None)
@given(_NOISY_TEXT)
def test_normalisation_is_idempotent(raw):
    once = normalise_unit_name(raw)
    assert normalise_unit_name(once) == once
    person = normalise_person_name(raw)
    assert normalise_person_name(person) == person
    assert not any(char.isspace() for char in once + person)


_PREFIXES = ["市", "县", "泽州县", "晋城市"]
_CORES = [
    "发展和改革",
    "卫生健康",
    "工业和信息化",
    "人力资源和社会保障",
    "交通运输",
    "文化和旅游",
    "住房和城乡建设",
    "科学技术",
    "应急",
    "生态环境",
    "农业农村",
    "医疗保障",
    "行政审批服务",
    "市场监督",
    "人民防空",
    "退役军人事务",
    "机关事务",
]
_SUFFIXES = ["委员会", "局", "管理局", "监督管理局", "办公室", "服务中心"]
_FULL_NAMES = st.builds(
    lambda prefix, cores, suffix: prefix + "".join(cores) + suffix,
    st.sampled_from(_PREFIXES),
    st.lists(st.sampled_from(_CORES), min_size=1, max_size=2, unique=True),
    st.sampled_from(_SUFFIXES),
)


@settings(max_examples=150, deadline=None)
@given(_FULL_NAMES)
def test_every_abbreviation_resolves_back_to_its_name(full_name):
    resolver = UnitResolver([full_name])
    for short in abbreviations(full_name):
        assert normalise_unit_name(short) == short
        assert len(short) <= len(full_name)
        assert resolver.resolve(short) == full_name


@settings(max_examples=100, deadline=None)
@given(st.lists(_FULL_NAMES, min_size=2, max_size=5, unique=True))
def test_unambiguous_abbreviations_resolve_among_many_units(full_names):
    resolver = UnitResolver(full_names)
    derived = {name: abbreviations(name) for name in full_names}
    for name in full_names:
        assert resolver.resolve(name) == name
        for short in derived[name]:
            others = [o for o in full_names if o != name and (short == o or short in derived[o])]
            if others:
                assert resolver.resolve(short) != name
            else:
                assert resolver.resolve(short) == name
