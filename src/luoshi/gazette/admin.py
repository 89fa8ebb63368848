from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin
from luoshi.gazette.models import Document, DocumentReference, Issue


@admin.register(Issue)
class IssueAdmin(AuditedAdmin):
    list_display = ["title", "year", "number", "total_number", "source_name", "ingested_at"]
    readonly_fields = ["source_sha256", "ingested_at", "warnings"]


class ReferenceInline(admin.TabularInline):
    model = DocumentReference
    fk_name = "source"
    extra = 0
    fields = ["kind", "target_number", "target_title", "target"]
    readonly_fields = fields


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["number", "title", "issuer", "signed_on", "doc_type", "issue"]
    list_filter = ["doc_type", "issuer", "kind", "issue"]
    search_fields = ["number", "title"]
    exclude = ["blocks", "outline", "body_text"]
    readonly_fields = ["issue", "seq", "kind"]
    inlines = [ReferenceInline]
