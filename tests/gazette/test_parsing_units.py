"""The parser's pieces on small inputs: decoding, numbers, kinds, references, tables, headings."""

from __future__ import annotations

import codecs

import pytest

from luoshi.gazette.parsing import GazetteError, decode_gazette, normalise_number, parse_issue
from luoshi.gazette.parsing.doctype import document_type
from luoshi.gazette.parsing.labels import match_label
from luoshi.gazette.parsing.references import find_references
from luoshi.gazette.parsing.tables import build_table
from luoshi.gazette.parsing.text import ends_sentence, parse_date, tidy

# -- decoding ------------------------------------------------------------------------------


def test_should_decode_a_gbk_issue_to_the_same_text(gazette_text):
    assert decode_gazette(gazette_text.encode("gb18030")) == gazette_text
    # GBK proper has no ³ (m³ in the blue-sky plan): check the part before it.
    part = gazette_text[: gazette_text.index("³")]
    assert len(part) > 50_000
    assert decode_gazette(part.encode("gbk")) == part


def test_should_decode_utf8_with_a_byte_order_mark_and_utf16(gazette_text):
    sample = gazette_text[:2000]
    assert decode_gazette(codecs.BOM_UTF8 + sample.encode()) == sample
    assert decode_gazette(sample.encode("utf-16")) == sample


def test_should_normalise_newlines():
    assert decode_gazette("一\r\n二\r三\f四".encode()) == "一\n二\n三\n四"


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n\n ", b"\x00\x01\x02\x03\xff\xfe" * 200, b"PK\x03\x04\x00\x00" + bytes(range(256))],
    ids=["empty", "blank", "binary", "zip"],
)
def test_should_refuse_empty_or_binary_data(data):
    with pytest.raises(GazetteError) as error:
        decode_gazette(data)
    assert "\n" not in str(error.value)


def test_should_refuse_text_that_is_mostly_control_characters():
    with pytest.raises(GazetteError, match="二进制"):
        decode_gazette(("\x01\x02\x03\x1b" * 50 + "公报").encode())


def test_should_refuse_text_without_any_document():
    with pytest.raises(GazetteError, match="未找到"):
        parse_issue("这只是一段普通的文字,没有任何公文。\n" * 20)


# -- numbers, dates, kinds -----------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    [
        "晋市政办[2020]15号",
        "晋市政办【2020】15号",
        "晋市政办〔2020〕15号",
        "晋市政办 〔 2020 〕 15 号",
        "晋市政办〔２０２０〕１５号",
    ],
)
def test_should_normalise_every_spelling_of_a_number(printed):
    assert normalise_number(printed) == "晋市政办〔2020〕15号"


def test_should_read_dates_in_figures_and_in_chinese_numerals():
    assert str(parse_date("2020年3月20日")) == "2020-03-20"
    assert str(parse_date("二〇二〇年十二月二十一日")) == "2020-12-21"
    assert parse_date("2020年2月30日") is None
    assert parse_date("2020年6月底前") is None


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("关于印发晋城市煤矿事故应急预案的通知", "预案"),
        ("关于印发晋城市逆周期调节支持服务业发展的若干措施的通知", "措施"),
        ("关于印发2020年智慧停车建设项目实施方案的通知", "方案"),
        ("关于印发晋城市打赢蓝天保卫战2020年决战计划的通知", "计划"),
        ("关于印发《晋城市服务项目“24小时直通车”制度》的通知", "制度"),
        ("关于印发《甲办法(试行)》《乙制度(试行)》的通知", "办法"),
        ("关于转发省政府关于加强安全生产工作的意见的通知", "意见"),
        ("关于加快工艺美术产业发展的实施意见", "实施意见"),
        ("关于疫情期间促进农民增收十项举措的通知", "通知"),
        ("关于表彰先进集体的决定", "决定"),
        ("关于禁止燃放烟花爆竹的通告", "通告"),
    ],
)
def test_should_name_the_kind_of_a_document_from_its_title(title, kind):
    assert document_type(title) == kind


def test_should_tidy_spaces_print_put_into_chinese():
    assert tidy("通 知") == "通知"
    assert tidy("晋城市打赢蓝天保卫战 2020 年决战计划") == "晋城市打赢蓝天保卫战2020年决战计划"
    assert tidy("医院 HIS 系统") == "医院HIS系统"
    assert tidy("GB T 35965") == "GB T 35965"


def test_should_know_where_sentences_end():
    assert ends_sentence("确保完成任务。")
    assert ends_sentence("“以下”不含本数。”")
    assert ends_sentence("完成治理。〔市生态环境局牵头,各县(市、区)人民政府负责落实〕")
    assert not ends_sentence("各级各部门要认真抓好")
    assert not ends_sentence("推进道路硬化(各县(市、区)人民政府负责落实)")


# -- labels --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "label", "rest"),
    [
        ("一、指导思想", "cn", "一、", "指导思想"),
        ("（十二）群防群治", "paren_cn", "（十二）", "群防群治"),
        ("(一)科学编制规划。坚持", "paren_cn", "(一)", "科学编制规划。坚持"),
        ("1. 建设任务", "arabic", "1.", "建设任务"),
        ("2、工作职责", "arabic", "2、", "工作职责"),
        ("(1)现场处置组", "paren_arabic", "(1)", "现场处置组"),
        ("①迅速通知", "circled", "①", "迅速通知"),
        ("第一章 总 则", "chapter", "第一章", "总 则"),
        ("第十二条 本制度自印发之日起执行。", "article", "第十二条", "本制度自印发之日起执行。"),
        ("4.3.1.1 启动条件", "decimal", "4.3.1.1", "启动条件"),
        ("1 总则", "decimal", "1", "总则"),
    ],
)
def test_should_recognise_heading_labels(line, kind, label, rest):
    found = match_label(line)
    assert found is not None
    assert (found.kind, found.text, found.rest) == (kind, label, rest)


@pytest.mark.parametrize(
    "line", ["2020年是全面建成小康社会", "1.5倍以下的家庭", "142处,滑坡73处", "3 个工作日内,完成。"]
)
def test_should_not_take_numbers_in_running_text_for_labels(line):
    assert match_label(line) is None


# -- references ----------------------------------------------------------------------------


def test_should_tell_cited_from_repealed_numbers():
    text = (
        "根据《山西省某某办法》(晋政办发〔2019〕80号)和国办发[2016]15号精神,制定本办法。"
        "《晋城市某某预案》(晋市政办〔2018〕40号)、《晋城市另一预案》(晋市政办【2017】3号)同时废止。"
    )
    references, warnings = find_references([text], "晋市政办〔2020〕1号")
    found = {r.number: (r.kind, r.title) for r in references}
    assert found == {
        "晋政办发〔2019〕80号": ("cites", "山西省某某办法"),
        "国办发〔2016〕15号": ("cites", ""),
        "晋市政办〔2018〕40号": ("repeals", "晋城市某某预案"),
        "晋市政办〔2017〕3号": ("repeals", "晋城市另一预案"),
    }
    assert warnings == []


def test_should_repeal_a_number_whose_notice_is_repealed_by_title():
    text = (
        "《甲预案》(晋市政办〔2014〕43号)和《乙预案》(晋市政办〔2014〕75号)合并修订。"
        "《晋城市人民政府办公厅关于印发乙预案的通知》同时废止。"
    )
    references, _ = find_references([text], None)
    assert {r.number: r.kind for r in references} == {
        "晋市政办〔2014〕43号": "cites",
        "晋市政办〔2014〕75号": "repeals",
    }


def test_should_not_reference_the_document_itself():
    references, _ = find_references(
        ["本通知(晋市政办〔2020〕7号)自印发之日起施行。"], "晋市政办〔2020〕7号"
    )
    assert references == []


def test_should_flag_a_repeal_cut_off_by_two_column_print():
    references, warnings = find_references(["《某预案》(晋市质监发〔2015〕107号)同时"], None)
    assert [r.kind for r in references] == ["repeals"]
    assert len(warnings) == 1


# -- tables --------------------------------------------------------------------------------


def test_should_merge_repeated_headers_and_pad_short_rows():
    result = build_table(
        ["序号\t单位\t电话", "1\t市公安局\t110", "序号\t单位\t电话", "2\t<p>市消防</p>", "\t\t119"]
    )
    table = result.block
    assert table.header_rows == 1
    assert table.rows == [
        ["序号", "单位", "电话"],
        ["1", "市公安局", "110"],
        ["2", "<p>市消防</p>", ""],
        ["", "", "119"],
    ]
    assert table.merged_rows == [(2, ["序号", "单位", "电话"])]
    assert result.warnings == []


def test_should_not_take_a_form_for_a_table_with_a_header():
    result = build_table(["报告单位:(盖章)\t签发人:", "报告时间:\t"])
    assert result.block.header_rows == 0


# -- small issues --------------------------------------------------------------------------


def issue_of(*parts: str) -> str:
    return "\n\n".join(["晋城市人民政府公报", "2031年第1期", *parts])


def test_should_keep_script_tags_as_plain_text():
    text = issue_of(
        "晋城市人民政府办公室",
        "关于测试事项的通知",
        "晋市政办〔2031〕5号",
        "<script>alert('x')</script>请认真贯彻执行。",
        "晋城市人民政府办公室",
        "2031年3月4日",
    )
    doc = parse_issue(text).documents[0]
    assert "<script>alert('x')</script>请认真贯彻执行。" in doc.body_text


def test_should_warn_when_a_notice_has_no_signing_date():
    text = issue_of(
        "晋城市人民政府办公室",
        "关于测试事项的通知",
        "晋市政办〔2031〕6号",
        "各县(市、区)人民政府:",
        "请认真贯彻执行。",
        "晋城市人民政府办公室",
    )
    doc = parse_issue(text).documents[0]
    assert doc.signed_on is None
    assert doc.blocks[-1].kind == "signature"
    assert any("日期" in w for w in doc.warnings)


def test_should_warn_about_a_truncated_last_document():
    text = issue_of(
        "晋城市人民政府",
        "关于测试事项的通知",
        "晋市政发〔2031〕1号",
        "各县(市、区)人民政府:",
        "为做好全市各项重点工作,现就有关事项通知如下,请各地各部门认真贯彻落实并及时报送",
    )
    doc = parse_issue(text).documents[0]
    assert any("不完整" in w for w in doc.warnings)


def test_should_warn_about_contents_without_documents_and_documents_not_listed():
    text = "\n\n".join(
        [
            "晋城市人民政府公报",
            "目 录",
            "关于甲事项的通知1",
            "关于乙事项的通知3",
            "晋城市人民政府办公室",
            "关于丙事项的通知",
            "晋市政办〔2031〕2号",
            "请认真贯彻执行。",
            "晋城市人民政府办公室",
            "2031年3月4日",
        ]
    )
    issue = parse_issue(text)
    assert issue.contents == ["关于甲事项的通知", "关于乙事项的通知"]
    assert sum("没有对应的文件" in w for w in issue.warnings) == 2
    assert sum("不在目录中" in w for w in issue.warnings) == 1


def test_should_warn_about_a_number_used_twice():
    notice = [
        "晋城市人民政府办公室",
        "关于测试事项的通知",
        "晋市政办〔2031〕7号",
        "请执行。",
        "晋城市人民政府办公室",
        "2031年3月4日",
    ]
    issue = parse_issue(issue_of(*notice, *notice))
    assert len(issue.documents) == 2
    assert issue.warnings == ["文号重复: 晋市政办〔2031〕7号"]


def test_should_read_a_title_printed_below_the_number():
    text = issue_of(
        "长治市人民政府办公室文件",
        "长政办发〔2031〕9号",
        "长治市人民政府办公室",
        "关于加强安全生产工作的",
        "通 知",
        "各县(市、区)人民政府:",
        "请认真贯彻执行。",
        "长治市人民政府办公室",
        "2031年5月6日",
    )
    doc = parse_issue(text).documents[0]
    assert (doc.number, doc.issuer, doc.title) == (
        "长政办发〔2031〕9号",
        "长治市人民政府办公室",
        "关于加强安全生产工作的通知",
    )
    assert doc.header_lines[0] == "长治市人民政府办公室文件"
    assert doc.blocks[0].text == "各县(市、区)人民政府:"
    assert str(doc.signed_on) == "2031-05-06"
