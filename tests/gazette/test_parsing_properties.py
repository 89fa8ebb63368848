"""Properties of the parser: it never crashes, never loses a character, finds what was printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luoshi.gazette.parsing import (
    GazetteError,
    decode_gazette,
    is_lossless,
    normalise_number,
    parse_issue,
)

# Chinese text without digits, brackets or words that start a header (关于, 第…条, 附件, 号).
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经之进着等部度家电力里如水化高自理起小物现实加量都两体制机当使点从"
    "业本去把性好应开它合还因由其些然前外天政日那社义事平形相全表间样与各重新线内数正心反明看原又利"
)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentences(draw: st.DrawFn, *, min_size: int = 4, max_size: int = 60) -> str:
    words = draw(st.lists(st.text(HAN, min_size=2, max_size=12), min_size=1, max_size=6))
    text = ",".join(words)[:max_size]
    return (text if len(text) >= min_size else text + "工作落实") + "。"


@st.composite
def printed(draw: st.DrawFn, paragraph: str) -> str:
    """A paragraph as print leaves it: whole, wrapped in a narrow column, or cut by a page."""
    style = draw(st.sampled_from(["whole", "column", "page"]))
    if style == "whole" or len(paragraph) < 8:
        return paragraph
    if style == "column":
        width = draw(st.integers(6, 22))
        return "\n".join(paragraph[i : i + width] for i in range(0, len(paragraph), width))
    cut = draw(st.integers(1, len(paragraph) - 1))
    return paragraph[:cut] + "\n\n" + paragraph[cut:]


LABELS = ["一、", "二、", "(一)", "（二）", "1.", "2、", "(1)", "（2）", "①"]


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    repeats: int

    @property
    def page_breaks(self) -> set[int]:
        """Rows before which the header is printed again (a new page)."""
        count = len(self.rows)
        return {k * count // (self.repeats + 1) for k in range(1, self.repeats + 1)} - {0}

    def printed(self) -> str:
        lines = ["\t".join(self.header)]
        for index, row in enumerate(self.rows):
            if index in self.page_breaks:
                lines.append("\n" + "\t".join(self.header))
            lines.append("\t".join(row))
        return "\n".join(lines)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(2, 5))
    header = draw(st.lists(st.text(HAN, min_size=2, max_size=6), min_size=width, max_size=width))
    count = draw(st.integers(1, 12))
    rows = []
    for number in range(1, count + 1):
        cells = draw(st.lists(st.text(HAN, max_size=10), min_size=width - 1, max_size=width - 1))
        rows.append([str(number), *cells])
    return Table(header, rows, draw(st.integers(0, 3)))


@dataclass
class Notice:
    number: str
    title: str
    issuer: str
    signed_on: dt.date
    text: str
    tables: list[Table] = field(default_factory=list)


ISSUERS = ["晋城市人民政府办公室", "晋城市人民政府", "长治市人民政府办公厅"]
BRACKETS = [("〔", "〕"), ("[", "]"), ("【", "】")]
ALL_BRACKETS = [*BRACKETS, ("(", ")"), ("（", "）"), ("［", "］")]


@st.composite
def notices(draw: st.DrawFn, serial: int, year: int) -> Notice:
    issuer = draw(st.sampled_from(ISSUERS))
    subject = draw(st.text(HAN, min_size=4, max_size=20))
    issues_plan = draw(st.booleans())
    title = f"关于印发{subject}方案的通知" if issues_plan else f"关于{subject}的通知"
    opening, closing = draw(st.sampled_from(BRACKETS))
    code = draw(st.sampled_from(["晋市政办", "晋市政发", "长政办发"]))
    number = f"{code}{opening}{year}{closing}{serial}号"
    signed_on = dt.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    signature = f"{issuer}\n\n{signed_on.year}年{signed_on.month}月{signed_on.day}日"
    header_style = draw(st.sampled_from(["apart", "together", "split", "below"]))
    if header_style == "below":  # masthead, number, then issuer and title
        header = f"{issuer}文件\n\n{number}\n\n{issuer}\n\n{title}"
    elif header_style == "apart":
        header = f"{issuer}\n\n{title}"
    elif header_style == "together":
        header = f"{issuer} {title}"
    else:
        header = f"{issuer}\n\n{title[:-2]}\n\n{title[-2]} {title[-1]}"
    body: list[str] = ["各县(市、区)人民政府,市人民政府各委、办、局:"]
    found_tables: list[Table] = []
    if issues_plan:
        body += [f"《{subject}方案》已经市人民政府同意,现印发给你们,请认真贯彻执行。", signature]
        body.append(f"{subject}方案")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["paragraph", "paragraph", "heading", "table"]))
        if kind == "paragraph":
            body.append(draw(printed(draw(sentences()))))
        elif kind == "heading":
            label = draw(st.sampled_from(LABELS))
            body.append(label + draw(st.text(HAN, min_size=2, max_size=12)))
        else:
            table = draw(tables())
            found_tables.append(table)
            body += [draw(sentences()), table.printed()]
    if not issues_plan:
        body.append(signature)
    text = "\n\n".join([header, *([] if header_style == "below" else [number]), *body])
    return Notice(number, title, issuer, signed_on, text, found_tables)


@dataclass
class Chronicle:
    text: str
    dates: list[dt.date]


@st.composite
def chronicles(draw: st.DrawFn, year: int) -> Chronicle:
    month = draw(st.integers(1, 12))
    lines = [f"晋城市人民政府{month}月大事记"]
    dates: list[dt.date] = []
    days = sorted(draw(st.lists(st.integers(1, 28), min_size=1, max_size=6, unique=True)))
    for day in days:
        lines.append(f"{month}月{day}日 " + draw(printed(draw(sentences()))))
        dates.append(dt.date(year, month, day))
        for _ in range(draw(st.integers(0, 2))):
            lines.append("※ " + draw(sentences()))
            dates.append(dt.date(year, month, day))
    return Chronicle("\n\n".join(lines), dates)


@st.composite
def issues(draw: st.DrawFn) -> tuple[str, list[Notice], Chronicle | None]:
    year = draw(st.integers(2000, 2030))
    count = draw(st.integers(1, 5))
    serials = draw(st.lists(st.integers(1, 300), min_size=count, max_size=count, unique=True))
    documents = [draw(notices(serial, year)) for serial in serials]
    chronicle = draw(st.one_of(st.none(), chronicles(year)))
    cover = f"晋城市人民政府公报\n\n{year}年第{draw(st.integers(1, 12))}期"
    parts = [cover, *(d.text for d in documents), *([chronicle.text] if chronicle else [])]
    return "\n\n".join(parts) + "\n", documents, chronicle


@SETTINGS
@given(issues())
def test_should_find_every_document_of_a_generated_issue(generated):
    text, expected, chronicle = generated
    issue = parse_issue(text)
    notices_found = [d for d in issue.documents if d.kind == "notice"]
    assert [d.number for d in notices_found] == [normalise_number(n.number) for n in expected]
    if chronicle is not None:
        assert issue.documents[-1].kind == "chronicle"
        assert [e.date for e in issue.documents[-1].events] == chronicle.dates
        assert is_lossless(issue.documents[-1])
    for doc, notice in zip(notices_found, expected, strict=True):
        assert doc.title == notice.title
        assert doc.issuer == notice.issuer
        assert doc.signed_on == notice.signed_on
        assert is_lossless(doc)
        found = [b for b in doc.blocks if b.kind == "table"]
        assert len(found) == len(notice.tables)
        for block, table in zip(found, notice.tables, strict=True):
            assert block.header_rows == 1
            assert len(block.rows) - 1 == len(table.rows)
            assert len(block.merged_rows) == len(table.page_breaks)
            assert all(len(row) == len(table.header) for row in block.rows)


FRAGMENTS = [
    "\n",
    "\n\n",
    "\t",
    " ",
    "晋市政办〔2020〕1号",
    "晋市政办[2019]23号",
    "\n国办发【2016】15号\n",
    "关于",
    "印发",
    "的通知",
    "晋城市人民政府办公室",
    "晋城市人民政府",
    "2020年3月4日",
    "二〇二〇年三月四日",
    "一、",
    "(一)",
    "1.",
    "(1)",
    "①",
    "第一章",
    "第一条",
    "1.1 ",
    "1 总则",
    "大事记",
    "3月3日 ",
    "2月30日 ",
    "※ ",
    "附件:",
    "附录",
    "同时废止",
    "同时",
    "《",
    "》",
    "。",
    ",",
    "〕",
    "目 录",
    "晋城市人民政府公报",
    "2020年第2期(总第260期)",
    "<script>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=80))
@example(["关于", "\n国办发【2016】15号\n"])  # a notice with an empty body
def test_should_parse_any_text_or_refuse_it_with_a_gazette_error(pieces):
    text = "".join(pieces)
    try:
        issue = parse_issue(text)
    except GazetteError as error:
        assert str(error)
        return
    assert issue.documents
    previous_end = 0
    for doc in issue.documents:
        assert is_lossless(doc), doc.source_text
        assert previous_end < doc.start_line <= doc.end_line
        previous_end = doc.end_line


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_should_decode_any_bytes_or_refuse_them_with_a_gazette_error(data):
    try:
        text = decode_gazette(data)
    except GazetteError as error:
        assert "\n" not in str(error)
        return
    assert "\r" not in text and text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(HAN + "abc 123,。\n", min_size=1).filter(str.strip))
def test_should_decode_utf8_with_or_without_a_byte_order_mark(text):
    assert decode_gazette(text.encode("utf-8")) == text
    assert decode_gazette(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


CODES = st.text("晋市政办发国厅委", min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(
    CODES,
    st.integers(1900, 2100),
    st.integers(1, 9999),
    st.sampled_from(ALL_BRACKETS),
    st.text(" ", max_size=2),
)
def test_should_normalise_every_bracket_style_to_one(code, year, serial, brackets, space):
    opening, closing = brackets
    printed_number = f"{code}{space}{opening}{space}{year}{closing}{space}{serial}{space}号"
    expected = f"{code}〔{year}〕{serial}号"
    assert normalise_number(printed_number) == expected
    assert normalise_number(expected) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_should_normalise_idempotently(text):
    once = normalise_number(text)
    assert normalise_number(once) == once


ADDRESSEES = [
    "各县(市、区)人民政府、开发区管委会,市人民政府各委、办、局",
    "各县（区）人民政府，市直各有关单位",
]


@SETTINGS
@given(
    st.sampled_from(ADDRESSEES),
    st.integers(0, 40),
    st.text(HAN, min_size=8, max_size=40),
    st.integers(1, 12),
    st.sampled_from(["：", ":"]),
    st.booleans(),
)
def test_should_put_a_two_column_fragment_back_and_lose_nothing(
    addressee, cut, sentence, tail_size, colon, numbered
):
    """The end of the first paragraph printed beside the addressee line (two columns read
    across) goes back to the paragraph's end; the print order can still be checked.
    The addressee is on one line or wrapped in the column's width (``…市人民政府`` /
    ``各委、办、局:``), as print has it."""
    last_comma = addressee.rfind("、")
    half = len(addressee) // 2
    cut = half + cut % (last_comma - half + 1) if last_comma > half else 0
    body = sentence + "请认真贯彻执行。"
    size = min(tail_size, len(body) - 2)
    head, tail = body[:-size], body[-size:]
    lines = [
        "晋城市人民政府办公室",
        "关于印发测试工作方案的通知",
        *(["晋市政办(2020)9号"] if numbered else []),
        *([addressee[:cut]] if cut else []),
        f"{addressee[cut:]}{colon} {tail}",
        "",
        head[: len(head) // 2],
        head[len(head) // 2 :],
        "",
        "晋城市人民政府办公室",
        "",
        "2020年3月16日",
    ]
    (document,) = parse_issue("\n".join(lines) + "\n").documents
    assert document.number == ("晋市政办〔2020〕9号" if numbered else None)
    assert is_lossless(document)
    first, second = document.blocks[0], document.blocks[1]
    assert first.text == f"{addressee}{colon}"
    assert second.text == body


@SETTINGS
@given(
    st.sampled_from(ISSUERS),
    st.text(HAN, min_size=4, max_size=20),
    st.sampled_from(["通知", "意见", "批复", "函", "实施方案"]),
    st.lists(sentences(), min_size=1, max_size=4),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
)
def test_should_find_a_single_document_printed_without_a_number(issuer, subject, kind, body, day):
    """A notice as downloaded from a website: title, addressees, body, issuer and date."""
    title = f"关于{subject}的{kind}"
    signature = f"{issuer}\n\n{day.year}年{day.month}月{day.day}日"
    text = "\n\n".join([f"{issuer}{title}", "各县(市、区)人民政府:", *body, signature])
    (document,) = parse_issue(text + "\n").documents
    assert (document.number, document.title, document.issuer) == (None, title, issuer)
    assert document.signed_on == day
    assert is_lossless(document)
