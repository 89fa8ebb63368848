"""JSON API of the parking platform: gate devices post their events.

A gate authenticates with its own token in the ``X-Gate-Token`` header (issued per facility,
stored hashed); a missing or unknown token answers 401. The body is a JSON array of events
``{"event_id", "kind": "in"|"out"|"sensor", "plate", "space", "occupied", "at"}``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import APIKeyHeader

from luoshi.core.errors import Forbidden
from luoshi.core.refusals import refusals
from luoshi.parking import events
from luoshi.parking.models import Facility


class GateToken(APIKeyHeader):
    param_name = "X-Gate-Token"

    def authenticate(self, request: HttpRequest, key: str | None) -> Facility | None:
        try:
            return events.facility_of_token(key or "")
        except Forbidden:
            return None


router = Router(tags=["智慧停车"])


class IngestOut(Schema):
    accepted: int
    duplicates: int


@router.post("/events", auth=GateToken(), response={200: IngestOut, **refusals(400, 404)})
def post_events(request: HttpRequest, payload: list[dict[str, Any]]) -> dict[str, int]:
    """道闸/地磁设备上报事件(按事件编号幂等,重复事件忽略并计数)."""
    facility: Facility = request.auth  # type: ignore[attr-defined]
    return events.ingest(payload, facility=facility).as_dict()
