"""The JSON API (Django Ninja). Each app adds its router here; schema at /api/openapi.json."""

from ninja import NinjaAPI

from luoshi.cockpit.api import router as cockpit_router
from luoshi.core.refusals import install_api_handlers
from luoshi.emergency.api import router as emergency_router
from luoshi.express.api import router as express_router
from luoshi.gazette.api import router as gazette_router
from luoshi.parking.api import router as parking_router
from luoshi.supervision.api import router as supervision_router

api = NinjaAPI(
    title="Luoshi 落实 API",
    version="1",
    description="政府公报文件库、检索及后续督查、直通车、应急预案接口",
    urls_namespace="api",
)
install_api_handlers(api)
api.add_router("/", gazette_router)
api.add_router("/", supervision_router)
api.add_router("/express", express_router)
api.add_router("/emergency", emergency_router)
api.add_router("/cockpit", cockpit_router)
api.add_router("/parking", parking_router)
