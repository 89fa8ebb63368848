"""Revenue set-up: the enterprises (audited); declarations and returns are read-only here."""

from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin
from luoshi.revenue.models import Declaration, Enterprise, ReturnRequest


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    list_display = ["unit", "ownership", "parent", "is_collector"]
    autocomplete_fields = ["unit"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "fiscal_year", "kind", "state", "declare_by", "amount"]
    list_filter = ["state", "kind", "fiscal_year"]


@admin.register(ReturnRequest)
class ReturnRequestAdmin(ReadOnlyAdmin):
    list_display = ["year", "purpose", "amount", "state"]
