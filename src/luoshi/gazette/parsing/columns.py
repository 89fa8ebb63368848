"""Two-column print put back in reading order (双栏排版复原).

Where a page is printed in two columns, text extraction reads across the page: the last
words of a paragraph in the right column land on the line of the left column beside them.
The case gazettes show is the addressee line (主送机关) carrying the end of the first
paragraph: ``…市人民政府各委、办、局: 执行。`` above ``《…》已经市人民政府同意,…请认真贯彻``.
Such a fragment is moved to the end of the paragraph it completes, and the move is
recorded (:class:`Move`) so that the print order can be rebuilt and checked: no character
is lost or added (``audit.is_lossless``).
"""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import Block, Move
from luoshi.gazette.parsing.text import ends_sentence

#: An addressee ending in a colon, then a short fragment that ends a sentence.
_ADDRESSEE_WITH_TAIL = re.compile(
    r"^(?P<head>[^。！？!?]{2,120}[:：])\s*(?P<tail>(?:[^:：。！？!?\s][^:：。！？!?]{0,30})?[。！？!?][”’」』]?)$"
)


def restore_reading_order(blocks: list[Block]) -> list[Move]:
    """Move a fragment printed beside the addressee line (the body's first paragraph) to the
    end of the paragraph it completes; return the moves made (indexes into ``blocks``)."""
    if len(blocks) < 2:
        return []
    block, target = blocks[0], blocks[1]
    if block.kind != "paragraph" or block.label or target.kind != "paragraph" or target.label:
        return []
    match = _ADDRESSEE_WITH_TAIL.match(block.text)
    if match is None or not target.text or ends_sentence(target.text):
        return []
    tail = match["tail"]
    block.text = block.text[: match.start("tail")].rstrip()
    target.text += tail
    return [Move(tail, 0, 1)]


def undo_moves(texts: list[str], moves: list[Move]) -> list[str]:
    """The texts of blocks (``texts[i]`` for block i) back in print order."""
    printed = list(texts)
    for move in reversed(moves):
        if printed[move.to_block].endswith(move.text):
            printed[move.to_block] = printed[move.to_block][: -len(move.text)]
            printed[move.from_block] += move.text
    return printed
