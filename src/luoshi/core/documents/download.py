"""Every export view answers through :func:`download`: one MIME table, one Content-Disposition."""

from __future__ import annotations

from django.http import HttpResponse

from luoshi.core.documents.formats import content_disposition, mime_type


def download(data: bytes | str, filename: str, *, inline: bool = False) -> HttpResponse:
    """``data`` as the file ``filename`` (docx, xlsx or CAP xml by its extension)."""
    response = HttpResponse(data, content_type=mime_type(filename))
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
