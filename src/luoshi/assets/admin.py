"""Asset set-up: villages and users' areas (audited); assets are read-only here (they change by
import and the registry's actions)."""

from django.contrib import admin

from luoshi.assets.models import AreaAssignment, Asset, Village
from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin


@admin.register(Village)
class VillageAdmin(AuditedAdmin):
    list_display = ["county", "township", "name"]
    list_filter = ["county"]
    search_fields = ["name", "township"]


@admin.register(AreaAssignment)
class AreaAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "county", "township", "village"]
    autocomplete_fields = ["village"]


@admin.register(Asset)
class AssetAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "asset_class", "county", "year", "owner", "condition"]
    list_filter = ["county", "asset_class", "condition"]
    search_fields = ["code", "name"]
