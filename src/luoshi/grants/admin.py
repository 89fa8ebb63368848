"""Setting the programme up: its offices and years are configured here (audited); applications,
certificates and 公示 are shown read-only (they change only through the procedure's actions)."""

from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin
from luoshi.grants.models import Application, Evidence, GrantOffice, GrantYear, Publicity


@admin.register(GrantOffice)
class GrantOfficeAdmin(AuditedAdmin):
    list_display = ["unit", "level", "county", "affiliation"]
    list_filter = ["level", "county"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(GrantYear)
class GrantYearAdmin(AuditedAdmin):
    list_display = [
        "year",
        "dibao_standard_yuan",
        "exclusions_bind",
        "aid_basis",
        "visit_sample_size",
    ]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["student_name", "id_masked", "school", "state", "level", "amount"]
    list_filter = ["year", "state", "level"]
    exclude = ["id_cipher", "id_digest"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "name", "uploaded_at", "retain_until"]
    list_filter = ["kind", "retain_until"]
    exclude = ["file"]  # read through the application's page, where every read is logged


@admin.register(Publicity)
class PublicityAdmin(ReadOnlyAdmin):
    list_display = ["office", "level", "starts", "ends", "state"]
