"""Extraction on hand-built blocks holding real rows of the Jincheng 2020-02 gazette."""

from luoshi.directory.extraction import (
    extract_document,
    extract_mentions,
    split_title,
    split_unit_field,
)
from luoshi.gazette.parsing.model import Block, ParsedDocument, ParsedIssue

DECOMPOSITION_HEADER = [
    "序号",
    "省政府2020年重点工作任务",
    "晋城市2020年重点工作任务",
    "牵头责任单位",
    "责任领导",
    "分管领导",
    "责任科室",
    "责任人",
]
# Rows 36, 99, 225, 309, 322 and 340 of the decomposition table (task texts shortened).
DECOMPOSITION_ROWS = [
    [
        "36",
        "促进城乡融合发展。",
        "落实各项支持创业优惠政策。",
        "市发改委 市人社局",
        "邹树琦 马阳光",
        "邢海斌 赵惠斌",
        "城建交通科 创业就业科",
        "郭宏斌 崔培东",
    ],
    [
        "99",
        "加快数字政府建设。",
        "推进数字政府建设。",
        "市大数据 应用局",
        "聂永平",
        "李满红 郝俊义",
        "数据综合科 数据开发科 数据安全科 热线服务科 产业指导科 电子政务科",
        "陈红飞 何 燕 翟福明 靳明燕 景建波 刘红珠",
    ],
    DECOMPOSITION_HEADER,  # the header repeated at a page break
    [
        "225",
        "加强文物数字化监管。",
        "积极推进我市文物项目数字化建设。",
        "市文化旅游局",
        "王 丽",
        "郑忠社",
        "文物二科 文物一科",
        "刘惠成 贺志栋",
    ],
    [
        "309",
        "全面排查整改。",
        "抓好排查摸底和整改落实。",
        "市扶贫开发中心",
        "赵启明",
        "原粉娥 牛昆",
        "动态监测组 督查考核组",
        "梁桃 李敏",
    ],
    [
        "322",
        "推进“136”工程纵深发展。",
        "规范医联体建设和管理。",
        "市卫生和健康发展委员会",
        "樊林奎",
        "原沁霞",
        "医政医管科",
        "苏春才",
    ],
    [
        "340",
        "加强药品安全监管。",
        "<p>1.在药品监管环节;</p>",
        "市场监管局",
        "白亚平",
        "闫莉莉 肖文平",
        "药品监管科 医疗器械科",
        "李永清 吕建忠",
    ],
    ["192", "推进“1331”工程提质增效。", "此项工作不涉及晋城。", "——", "——", "——", "——", "——"],
    ["17", "2198594", "", "2198594", "", "", "", ""],  # a misaligned row of phone numbers
]

AIR_TABLE = [
    ["类别", "序号", "重点工作", "主要任务", "完成时限", "责任单位"],
    [
        "",
        "2",
        "",
        "完成晋城市健牛工贸有限公司搬迁。",
        "2020 年 6 月底",
        "市工信局牵头，泽州县人民政府负责落实",
    ],
    [
        "",
        "17",
        "",
        "在夏秋高温天气实施VOCs企业错峰、错时生产。",
        "2020年5月-9月",
        "市生态环境局、市工信局牵头，各县（市、区）人民政府、开发区管委会负责落实",
    ],
    [
        "",
        "27",
        "深入开展锅炉综合整治",
        "完成燃煤锅炉摸底排查工作。",
        "2020 年 9 月底",
        "市生态环境局、市市场监督管理局牵头, 各县(市、区)人民政府负责落实",
        "",
    ],
    [
        "",
        "38",
        "",
        "政府部门及公共机构新购买公务用车新能源汽车占比达到80%以上。",
        "2020年12月底",
        "市财政牵头,各县(市、区)人民政府、开发区管委会负责落实",
    ],
]

CONTACT_TABLE = [
    ["序号", "单位", "值班电话", "序号", "单位", "值班电话"],
    ["1", "市公安局", "3010110", "14", "市市场监督管理局", "2022239"],
    ["8", "市发展和改革委员会", "6999088/2198993", "21", "晋城市无线电管理局", "2023066"],
    ["9", "市卫生健康委员会", "2066565", "22", "市消防救援支队", "2033119"],
]

DUTY_TABLE = [
    ["成员单位", "值班电话"],
    ["省指挥部办公室", "0351-7680418"],
    ["市发展改革委", "0356-6999088"],
    ["市卫健委", "0356-2024061"],
    ["城区指挥部", "0356-2022495"],
]

ROSTER_TABLE = [
    ["组 长:", "王斌权", "副市长、市公安局局长", "段新亮", "市卫健委副主任"],
    ["副组长:", "杨金中", "市政府副秘书长", "王丽丽", "市审批服务管理局四级调研员"],
    ["", "张 鹏", "市公安局交警支队支队长", "李满红", "市大数据应用局副局长"],
    ["成 员:", "邢海斌", "市发展改革委副主任", "李玉忠", "市公安局交警支队副支队长"],
    ["", "连陆军", "城区政府区委常委、常务副区长", "王旭峰", "泽州县政府副县长、公安局局长"],
]

ROSTER_LINES = [
    "组 长:冯志亮 副市长",
    "副组长:史小军 市政府副秘书长",
    "崔国炜 市财政局局长",
    "成 员:杨跃卿 市发展和改革委员会副主任",
    "靳 军 市畜牧兽医服务中心副主任",
    "各县(市、区)要高度重视,成立相应组织领导机构。",
]

BRACKET_PARAGRAPHS = [
    "一、实施粮食产能项目。市财政安排资金600万元,增加农民经营性收入。(责任单位:市农业农村局、市水务局)",
    "12. 对2020年本地服务业企业新增贷款利息按基准利率的30%给予贴息补助。"
    "[责任单位:市金融办、人行晋城市中心支行、晋城银保监分局、市财政局,各县(市、区)人民政府]",
    "2020年12月底前,关停整合燃煤供热锅炉。〔市生态环境局牵头,市住建局、市工信局配合,各县(市、区)人民政府负责落实〕",
    "市政府成立应急防控指挥部(以下简称市指挥部),分管农业工作的副市长任总指挥。",
    "牵头单位:交通事故抢险救援由市公安局牵头;危险化学品突发事件抢险救援由市应急管理局牵头。",
]


def _document(blocks, number="晋市政发〔2020〕3号"):
    return ParsedDocument(
        seq=1,
        kind="notice",
        number=number,
        title="测试文件",
        issuer="晋城市人民政府",
        signed_on=None,
        doc_type="通知",
        blocks=blocks,
    )


def _table(rows, header_rows=1):
    return Block(kind="table", rows=[list(row) for row in rows], header_rows=header_rows)


def _paragraphs(lines):
    return [Block(kind="paragraph", text=line) for line in lines]


def _units(mentions):
    return [m.name for m in mentions.units]


def test_unit_fields_split_prose_and_drop_collectives():
    assert split_unit_field("市工信局牵头，泽州县人民政府负责落实") == [
        "市工信局",
        "泽州县人民政府",
    ]
    assert split_unit_field(
        "市生态环境局、市工信局牵头，各县（市、区）人民政府、开发区管委会负责落实"
    ) == ["市生态环境局", "市工信局", "开发区管委会"]
    assert split_unit_field("市发改委 市人社局") == ["市发改委", "市人社局"]
    assert split_unit_field("市大数据 应用局") == ["市大数据应用局"]
    assert split_unit_field("市政府及各部门") == ["市政府"]
    assert split_unit_field("市工信局(市国资委)") == ["市工信局", "市国资委"]
    assert split_unit_field("市交通局、市工信局、市生态环境局等部门配合") == [
        "市交通局",
        "市工信局",
        "市生态环境局",
    ]
    assert split_unit_field("——") == []
    assert split_unit_field("2198594") == []
    assert split_unit_field("2020年12月底") == []


def test_decomposition_table_gives_lead_units_and_linked_people():
    found = extract_document(_document([_table([DECOMPOSITION_HEADER, *DECOMPOSITION_ROWS])]))
    assert _units(found) == [
        "市发改委",
        "市人社局",
        "市大数据应用局",
        "市文化旅游局",
        "市扶贫开发中心",
        "市卫生和健康发展委员会",
        "市场监管局",
    ]
    assert found.units[0].document == "晋市政发〔2020〕3号"
    assert "牵头责任单位" in found.units[0].where
    people = {(p.name, p.role): p for p in found.people}
    assert people[("王丽", "责任领导")].unit == "市文化旅游局"
    # As many names as units: paired in order.
    assert people[("邹树琦", "责任领导")].unit == "市发改委"
    assert people[("马阳光", "责任领导")].unit == "市人社局"
    # 责任人 are paired with their 责任科室 when the counts agree.
    assert people[("刘惠成", "责任人")].section == "文物二科"
    assert people[("贺志栋", "责任人")].section == "文物一科"
    assert people[("何燕", "责任人")].section == "数据开发科"
    assert people[("牛昆", "分管领导")].unit == "市扶贫开发中心"
    assert ("责任领导", "责任领导") not in people  # the repeated header is no person
    assert all(p.name != "——" for p in found.people)


def test_task_table_with_prose_cells():
    found = extract_document(_document([_table(AIR_TABLE)]))
    assert _units(found) == [
        "市工信局",
        "泽州县人民政府",
        "市生态环境局",
        "市工信局",
        "开发区管委会",
        "市生态环境局",
        "市市场监督管理局",
        "市财政",
        "开发区管委会",
    ]
    assert found.people == []


def test_contact_tables_name_units_and_skip_ad_hoc_bodies():
    found = extract_document(_document([_table(CONTACT_TABLE), _table(DUTY_TABLE)]))
    assert _units(found) == [
        "市公安局",
        "市市场监督管理局",
        "市发展和改革委员会",
        "晋城市无线电管理局",
        "市卫生健康委员会",
        "市消防救援支队",
        "市发展改革委",
        "市卫健委",
    ]


def test_roster_table_gives_people_titles_and_units():
    found = extract_document(_document([_table(ROSTER_TABLE, header_rows=0)]))
    people = {p.name: p for p in found.people}
    assert people["王斌权"].role == "组长"
    assert people["王斌权"].title == "副市长、市公安局局长"
    assert people["王斌权"].unit == "市公安局"
    assert people["张鹏"].role == "副组长"
    assert people["张鹏"].unit == "市公安局交警支队"
    assert people["邢海斌"].unit == "市发展改革委"
    assert people["连陆军"].unit == "城区政府"
    assert people["王旭峰"].unit == "泽州县政府"
    # The right-hand column continues the list; its role is not stated.
    assert people["段新亮"].role == ""
    assert "市审批服务管理局" in _units(found)


def test_roster_paragraphs_with_continuation_lines():
    found = extract_document(_document(_paragraphs(ROSTER_LINES)))
    people = [(p.name, p.role, p.title, p.unit) for p in found.people]
    assert people == [
        ("冯志亮", "组长", "副市长", ""),
        ("史小军", "副组长", "市政府副秘书长", "市政府"),
        ("崔国炜", "副组长", "市财政局局长", "市财政局"),
        ("杨跃卿", "成员", "市发展和改革委员会副主任", "市发展和改革委员会"),
        ("靳军", "成员", "市畜牧兽医服务中心副主任", "市畜牧兽医服务中心"),
    ]
    assert all(m.where == "领导小组名单" for m in found.units)


def test_roster_lines_joined_into_one_paragraph():
    found = extract_document(_document(_paragraphs(["\n".join(ROSTER_LINES[:3])])))
    assert [p.name for p in found.people] == ["冯志亮", "史小军", "崔国炜"]


def test_bracketed_assignments_and_labelled_lines():
    found = extract_document(_document(_paragraphs(BRACKET_PARAGRAPHS)))
    assert _units(found) == [
        "市农业农村局",
        "市水务局",
        "市金融办",
        "人行晋城市中心支行",
        "晋城银保监分局",
        "市财政局",
        "市生态环境局",
        "市住建局",
        "市工信局",
        "市公安局",
        "市应急管理局",
    ]
    assert found.units[0].where == "括注「责任单位」"


def test_issue_collects_every_document_with_its_label():
    chronicle = ParsedDocument(
        seq=2,
        kind="chronicle",
        number=None,
        title="大事记",
        issuer="",
        signed_on=None,
        doc_type="大事记",
        blocks=_paragraphs(BRACKET_PARAGRAPHS[:1]),
    )
    issue = ParsedIssue(
        city="晋城",
        title="晋城市人民政府公报",
        year=2020,
        number=2,
        total_number=None,
        documents=[_document([_table(CONTACT_TABLE)]), chronicle],
    )
    found = extract_mentions(issue)
    assert {m.document for m in found.units} == {"晋市政发〔2020〕3号", "大事记"}


def test_split_title():
    assert split_title("市发展和改革委员会副主任") == ("市发展和改革委员会", "副主任")
    assert split_title("副市长、市公安局局长") == ("市公安局", "局长")
    assert split_title("城区政府区委常委、常务副区长") == ("城区政府", "区委常委")
    assert split_title("市医疗保障局党组书记") == ("市医疗保障局", "党组书记")
    assert split_title("市审批服务管理局四级调研员") == ("市审批服务管理局", "四级调研员")
    assert split_title("副市长") == ("", "副市长")
