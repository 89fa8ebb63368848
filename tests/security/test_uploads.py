"""Evidence and attachments: types checked by content, names made safe, never served inline
(issue 12 §5)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luoshi.core.errors import Invalid
from luoshi.core.uploads import content_problem, safe_filename
from luoshi.supervision import access, services
from supervision.conftest import document, extracted, make_task, people, task, units  # noqa: F401

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
HTML = b"<html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


@pytest.mark.parametrize(
    "content, extension, ok",
    [(PDF, "pdf", True), (HTML, "pdf", False), (SVG, "png", False), (HTML, "docx", False),
     (b"\x89PNG\r\n\x1a\n....", "png", True), ("进展说明".encode("gbk"), "txt", True),
     (b"\x00\x01\x02binary", "txt", False)],
)  # fmt: skip
def test_content_must_match_the_extension(content, extension, ok):
    import io

    assert (content_problem(io.BytesIO(content), extension) is None) is ok


@pytest.mark.parametrize(
    "name, safe",
    [("../../etc/passwd.pdf", "passwd.pdf"), ("C:\\temp\\进展.pdf", "进展.pdf"),
     ("报告\u202egpj.exe.pdf", "报告_gpj.exe.pdf"), ("...", "file")],
)  # fmt: skip
def test_file_names_are_made_safe(name, safe):
    assert safe_filename(name) == safe


@pytest.mark.django_db
def test_evidence_refused_unless_its_content_is_its_type_and_served_for_download(
    client,
    task,  # noqa: F811
    people,  # noqa: F811
):
    report = services.save_report(people["a"], task.periods.first(), narrative="进展", percent=5)
    with pytest.raises(Invalid, match="不符"):
        services.add_attachment(people["a"], report, SimpleUploadedFile("x.pdf", HTML))
    with pytest.raises(Invalid, match="类型"):
        services.add_attachment(people["a"], report, SimpleUploadedFile("x.svg", SVG))
    attachment = services.add_attachment(
        people["a"], report, SimpleUploadedFile("../进展.pdf", PDF)
    )
    assert attachment.name == "进展.pdf"
    client.force_login(people["a"])
    response = client.get(f"/ledger/attachments/{attachment.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert access.get_attachment(people["a"], attachment.pk) == attachment
