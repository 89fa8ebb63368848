"""Evidence uploads: an allow-list by content, a size limit, safe names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.uploads import evidence_content_type, evidence_problem, safe_filename

PDF = b"%PDF-1.7\n..."
PNG = b"\x89PNG\r\n\x1a\n...."


def test_should_accept_pdf_jpeg_and_png_by_their_content():
    assert evidence_problem("低保证.pdf", 2048, PDF) is None
    assert evidence_problem("户口簿.PNG", 2048, PNG) is None
    assert evidence_problem("证.jpg", 10, b"\xff\xd8\xff\xe0") is None
    assert evidence_content_type(PNG) == "image/png"


def test_should_refuse_other_content_a_lying_name_empty_and_oversized_files():
    assert "只接受" in evidence_problem("x.pdf", 100, b"<html><script>alert(1)</script>")
    assert "只接受" in evidence_problem("x.svg", 100, b"<svg onload=alert(1)>")
    assert "不符" in evidence_problem("x.png", 100, PDF)
    assert evidence_problem("x.pdf", 0, b"") == "文件为空"
    assert "过大" in evidence_problem("x.pdf", 11 * 1024 * 1024, PDF)


def test_should_strip_paths_and_unsafe_characters_from_names():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\证明\\低保证<1>.pdf") == "低保证_1_.pdf"
    assert safe_filename("...") == "file"


@given(st.text(max_size=300))
def test_should_never_keep_a_path_or_control_character(name):
    safe = safe_filename(name)
    assert safe and len(safe) <= 100
    assert not any(c in safe for c in "/\\\x00\n\r") and not safe.startswith(".")
