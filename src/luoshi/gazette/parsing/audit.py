"""Check that parsing lost or duplicated no character of a document (无损校验)."""

from __future__ import annotations

from luoshi.gazette.parsing.columns import undo_moves
from luoshi.gazette.parsing.model import Block, ParsedDocument
from luoshi.gazette.parsing.text import nonspace


def block_text(block: Block) -> str:
    """Everything a block holds as printed, repeated table headers back in their place."""
    if block.kind != "table":
        return f"{block.label}{block.text}"
    merged = dict[int, list[list[str]]]()
    for position, row in block.merged_rows:
        merged.setdefault(position, []).append(row)
    lines: list[str] = []
    for index, row in enumerate(block.rows):
        lines.extend("\t".join(repeat) for repeat in merged.pop(index, []))
        lines.append("\t".join(row))
    for rest in merged.values():
        lines.extend("\t".join(repeat) for repeat in rest)
    return "\n".join(lines)


def parsed_text(document: ParsedDocument) -> str:
    """Header lines then every block, in print order (text moved back to reading order by
    ``columns.restore_reading_order`` is put back where print had it)."""
    texts = undo_moves([block_text(b) for b in document.blocks], document.moves)
    return "\n".join([*document.header_lines, *texts])


def is_lossless(document: ParsedDocument) -> bool:
    """True when the non-whitespace characters of header + blocks equal, in print order,
    those of the document's region of the source."""
    return nonspace(parsed_text(document)) == nonspace(document.source_text)
