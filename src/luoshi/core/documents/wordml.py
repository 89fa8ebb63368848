"""The WordprocessingML that python-docx has no API for: East-Asian fonts, the font table's
fallback names, the character grid, paragraph borders, fixed table geometry, page fields."""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

# Each font of the standard with the name Word falls back to when it is not installed
# (w:altName); the panose/charset/family hints let Word and WPS choose a close substitute.
FALLBACKS = {
    "方正小标宋简体": ("华文中宋", "roman"),
    "仿宋_GB2312": ("仿宋", "modern"),
    "楷体_GB2312": ("楷体", "modern"),
    "黑体": ("SimHei", "modern"),
    "宋体": ("SimSun", "auto"),
}


def set_fonts(element: Any, east_asian: str, latin: str = "Times New Roman") -> None:
    """Fonts of a run or style: ``east_asian`` for Chinese (w:eastAsia), ``latin`` for the rest."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def add_font_fallbacks(document: Any) -> None:
    """Declare every font of the standard in word/fontTable.xml with its fallback name."""
    part = next(p for p in document.part.package.parts if str(p.partname) == "/word/fontTable.xml")
    table = parse_xml(part.blob)
    for name, (alternative, family) in FALLBACKS.items():
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
                f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="variable"/>'
                "</w:font>"
            )
        )
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_line_grid(section: Any, line_pitch_twips: int) -> None:
    """The page's line grid (22 lines)."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def character_spacing(element: Any, twentieths: int) -> None:
    """Expand (positive) or condense (negative) the characters of a style or run."""
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    put_child(element.get_or_add_rPr(), spacing, RPR_ORDER)


# Schema order of the children Word insists on (it refuses a file with them out of order).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
).split()
TRPR_ORDER = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden"
).split()

RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def put_child(parent: Any, child: Any, order: list[str]) -> Any:
    """Insert ``child`` into ``parent`` at its place in the schema ``order``, replacing a
    child of the same tag."""
    name = child.tag.split("}")[-1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        parent.remove(old)
    rank = order.index(name)
    for existing in parent.iterchildren():
        tag = existing.tag.split("}")[-1]
        if tag in order and order.index(tag) > rank:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _ppr_child(paragraph_or_style: Any, tag: str) -> Any:
    element = getattr(paragraph_or_style, "_p", None)
    if element is None:
        element = paragraph_or_style.element
    ppr = element.get_or_add_pPr()
    child = ppr.find(qn(tag))
    if child is None:
        child = put_child(ppr, OxmlElement(tag), PPR_ORDER)
    return child


def bottom_rule(paragraph: Any, color: str, eighths: int, space_pt: int) -> None:
    """A rule under ``paragraph`` across the whole text width (the 版头's red line)."""
    border = _ppr_child(paragraph, "w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", eighths), ("space", space_pt), ("color", color)):
        bottom.set(qn(f"w:{key}"), str(value))
    border.append(bottom)


def snap_to_grid(style: Any, snap: bool) -> None:
    _ppr_child(style, "w:snapToGrid").set(qn("w:val"), "1" if snap else "0")


def no_hanging_punctuation(style: Any) -> None:
    """Punctuation stays inside the 版心 (LibreOffice and WPS otherwise hang 。、 in the margin)."""
    _ppr_child(style, "w:overflowPunct").set(qn("w:val"), "0")


def no_space_around_latin(style: Any) -> None:
    """No extra space between Chinese and Latin letters or digits (a title's 20 characters
    must fit its line)."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _ppr_child(style, tag).set(qn("w:val"), "0")


def outline_level(style: Any, level: int) -> None:
    """Shows headings in Word's navigation pane without the built-in (blue) heading styles."""
    _ppr_child(style, "w:outlineLvl").set(qn("w:val"), str(level))


def page_field(paragraph: Any) -> Any:
    """A run holding the PAGE field (the page number)."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    return run


def fix_table_geometry(table: Any, widths_twips: list[int]) -> None:
    """A table of exactly these column widths: fixed layout, centred, borders on every cell,
    the first row repeated on each page."""
    tbl = table._tbl
    ppr = tbl.tblPr
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    for xml in (
        f'<w:tblW {nsdecls("w")} w:w="{sum(widths_twips)}" w:type="dxa"/>',
        f'<w:jc {nsdecls("w")} w:val="center"/>',
        f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>",
        f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>',
    ):
        put_child(ppr, parse_xml(xml), TBLPR_ORDER)
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        keep_together(row)
        for cell, width in zip(row.cells, widths_twips, strict=False):
            tcpr = cell._tc.get_or_add_tcPr()
            tcw = tcpr.find(qn("w:tcW"))
            if tcw is None:
                tcw = OxmlElement("w:tcW")
                tcpr.insert(0, tcw)
            tcw.set(qn("w:w"), str(width))
            tcw.set(qn("w:type"), "dxa")


def keep_together(row: Any) -> None:
    """A row is never split across pages."""
    trpr = row._tr.get_or_add_trPr()
    put_child(trpr, parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="1"/>'), TRPR_ORDER)


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    put_child(trpr, parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="1"/>'), TRPR_ORDER)


def center_vertically(cell: Any) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def set_defaults(document: Any, east_asian: str, size_pt: int) -> None:
    """Document defaults: Chinese fonts, size and language (zh-CN line breaking), no spacing.
    The character grid counts in the default size, so it must be the body's size."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            f'w:eastAsia="{east_asian}" w:cs="Times New Roman"/>'
        )
    )
    for tag in ("sz", "szCs"):
        rpr.append(parse_xml(f'<w:{tag} {nsdecls("w")} w:val="{size_pt * 2}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>'))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:after="0" w:line="240" w:lineRule="auto"/>'))


def merge(first: Any, last: Any) -> Any:
    """Merge two cells of a table (and those between) without the empty paragraphs that
    python-docx carries over from the merged cells."""
    merged = first.merge(last)
    for paragraph in merged.paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
    return merged
