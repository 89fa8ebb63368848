"""One document of an issue, from its region of lines to a ParsedDocument."""

from __future__ import annotations

from luoshi.gazette.parsing.attachments import find_attachments
from luoshi.gazette.parsing.body import Line, build_blocks
from luoshi.gazette.parsing.chronicle import parse_chronicle
from luoshi.gazette.parsing.columns import restore_reading_order
from luoshi.gazette.parsing.doctype import approved_name, document_type, issued_documents
from luoshi.gazette.parsing.header import parse_header
from luoshi.gazette.parsing.model import Block, ParsedDocument, Reference
from luoshi.gazette.parsing.outline import assign_outline
from luoshi.gazette.parsing.references import find_references
from luoshi.gazette.parsing.regions import Region
from luoshi.gazette.parsing.signature import find_signature
from luoshi.gazette.parsing.text import ends_sentence, organ_prefix, tidy


def parse_document(
    seq: int, region: Region, lines: list[str], *, year: int | None, last: bool
) -> ParsedDocument:
    numbered: list[Line] = [(i + 1, lines[i]) for i in range(region.start, region.end)]
    header_count = max(region.body, region.anchor + 1) - region.start
    header_lines = [text for _, text in numbered[:header_count] if text.strip()]
    body = numbered[header_count:]
    if region.kind == "chronicle":
        document = _chronicle(seq, header_lines, body, year)
    else:
        title_lines = [
            text
            for offset, (_, text) in enumerate(numbered[:header_count])
            if text.strip() and not (region.numbered and region.start + offset == region.anchor)
        ]
        number_line = lines[region.anchor] if region.numbered else ""
        document = _notice(seq, title_lines, number_line, body)
    document.header_lines = header_lines
    document.source_text = "\n".join(text for _, text in numbered)
    document.start_line = numbered[0][0]
    document.end_line = numbered[-1][0]
    if last and _looks_truncated(document.blocks):
        document.warnings.append("文件末尾似乎不完整(最后一段没有结束标点)")
    return document


def _notice(seq: int, title_lines: list[str], number_line: str, body: list[Line]) -> ParsedDocument:
    header = parse_header(title_lines, number_line)
    signature = find_signature(body, header.issuer)
    built = build_blocks(body, (signature.first, signature.last) if signature else None)
    moves = restore_reading_order(built.blocks)
    outline = assign_outline(built.blocks, built.labels)
    references, reference_warnings = find_references(
        [_passage(block) for block in built.blocks], header.number
    )
    approved = approved_name(header.title)
    if approved:
        references.append(Reference(kind="approves", number="", title=approved))
    issuer = header.issuer or (signature.issuer if signature else "")
    warnings = [*built.warnings, *reference_warnings]
    if signature is None:
        warnings.append("未找到落款(发文机关和成文日期)")
    elif signature.signed_on is None:
        warnings.append("落款没有成文日期")
    elif signature.issuer and header.issuer and signature.issuer != header.issuer:
        warnings.append(f"落款机关({signature.issuer})与版头机关({header.issuer})不一致")
    if not header.title:
        warnings.append("未找到标题")
    return ParsedDocument(
        seq=seq,
        kind="notice",
        number=header.number,
        title=header.title,
        issuer=issuer,
        signed_on=signature.signed_on if signature else None,
        doc_type=document_type(header.title),
        issued=issued_documents(header.title),
        blocks=built.blocks,
        outline=outline,
        attachments=find_attachments(built.blocks),
        references=references,
        warnings=warnings,
        moves=moves,
    )


def _chronicle(
    seq: int, header_lines: list[str], body: list[Line], year: int | None
) -> ParsedDocument:
    title = tidy(header_lines[-1])
    parsed = parse_chronicle(body, year)
    warnings = list(parsed.warnings)
    if year is None:
        warnings.append("不知道公报年份,大事记条目没有日期")
    return ParsedDocument(
        seq=seq,
        kind="chronicle",
        number=None,
        title=title,
        issuer=organ_prefix(title),
        signed_on=None,
        doc_type="大事记",
        blocks=parsed.blocks,
        events=parsed.events,
        warnings=warnings,
    )


def _passage(block: Block) -> str:
    if block.kind == "table":
        return "\n".join("\t".join(row) for row in block.rows)
    return f"{block.label}{block.text}"


def _looks_truncated(blocks: list[Block]) -> bool:
    texts = [b for b in blocks if b.kind in ("paragraph", "heading")]
    if not blocks or blocks[-1].kind in ("table", "signature") or not texts:
        return False
    last = blocks[-1]
    return last.kind == "paragraph" and not ends_sentence(last.text) and len(last.text) > 20
