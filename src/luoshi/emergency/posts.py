"""Decision posts (指挥部岗位): who may take the decisions a plan assigns.

Pure Python. A plan names who decides each level (``decided_by.who``: 市指挥部总指挥,
市指挥部副总指挥, 市指挥部办公室主任, 市指挥部 …) and who ends the response. Users are mapped
to the headquarters' posts per plan (``DecisionPost``); a decision is taken by a holder of the
named post or of a post above it in the headquarters (总指挥 › 副总指挥 › 办公室). A decision
of the headquarters as a body (市指挥部, 现场指挥部, 启动应急响应的指挥部) is taken by its
总指挥 or a 副总指挥.
"""

from __future__ import annotations

import enum
from typing import Final


class Post(enum.StrEnum):
    COMMANDER = "commander"
    DEPUTY = "deputy"
    OFFICE = "office"

    @property
    def label(self) -> str:
        return POST_NAMES[self]


POST_NAMES: Final[dict[Post, str]] = {
    Post.COMMANDER: "总指挥",
    Post.DEPUTY: "副总指挥",
    Post.OFFICE: "指挥部办公室",
}

_ABOVE: Final[dict[Post, frozenset[Post]]] = {
    Post.COMMANDER: frozenset({Post.COMMANDER}),
    Post.DEPUTY: frozenset({Post.COMMANDER, Post.DEPUTY}),
    Post.OFFICE: frozenset(Post),
}


def named_post(who: str) -> Post:
    """The post a plan's ``who`` names: ``市指挥部办公室主任`` → office, ``市指挥部`` → deputy."""
    if "办公室" in who:
        return Post.OFFICE
    if "副总指挥" in who or "副指挥长" in who:
        return Post.DEPUTY
    if "总指挥" in who or "指挥长" in who:
        return Post.COMMANDER
    return Post.DEPUTY  # the headquarters as a body: its 总指挥 or a 副总指挥


def posts_deciding(who: str) -> frozenset[Post]:
    """The posts whose holders may take a decision the plan gives to ``who``."""
    return _ABOVE[named_post(who)]
