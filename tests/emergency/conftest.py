import re

import pytest

from luoshi.emergency.playbook import load_playbook

_HEADER = re.compile(r"^[^\s〔]{2,8}〔\d{4}〕\d+号$", re.MULTILINE)


def plan_section(gazette_text: str, number: str) -> str:
    """The gazette text of the document numbered ``number`` (up to the next document header)."""
    headers = [m for m in _HEADER.finditer(gazette_text)]
    for i, m in enumerate(headers):
        if m.group(0) == number:
            end = headers[i + 1].start() if i + 1 < len(headers) else len(gazette_text)
            return gazette_text[m.start() : end]
    raise AssertionError(f"document {number} not found")


@pytest.fixture(scope="session")
def plan_text(gazette_text):
    def get(plan_id: str) -> str:
        return plan_section(gazette_text, load_playbook(plan_id).document)

    return get
