from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from luoshi.core.adminbase import AuditedAdmin
from luoshi.core.errors import DomainError
from luoshi.gazette.models import Document, DocumentReference, Issue
from luoshi.gazette.numbering import AddDocumentNumber


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


class NumberForm(ActionForm):
    number = forms.CharField(label="文号", max_length=64, required=False)


class MissingNumberFilter(admin.SimpleListFilter):
    title = "文号"
    parameter_name = "numbered"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("no", "缺文号的公文")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Document]) -> QuerySet[Document]:
        if self.value() == "no":
            return queryset.filter(number__isnull=True, kind=Document.Kind.NOTICE)
        return queryset


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = ["number", "title", "issuer", "signed_on", "doc_type", "issue"]
    list_filter = [MissingNumberFilter, "doc_type", "issuer", "kind", "issue"]
    search_fields = ["number", "title"]
    exclude = ["blocks", "outline", "body_text"]
    # the number changes only through the audited action below
    readonly_fields = ["issue", "seq", "kind", "number"]
    inlines = [ReferenceInline]
    action_form = NumberForm
    actions = ["add_number"]

    @admin.action(description="补录文号(仅限缺文号的一份文件)")
    def add_number(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "请只选择一份文件补录文号。", messages.WARNING)
            return
        document = queryset.get()
        action = AddDocumentNumber(
            request.user,  # type: ignore[arg-type]
            document,
            request.POST.get("number", ""),
            reason="管理后台补录文号",
        )
        try:
            action.run()
        except (DomainError, PermissionDenied) as error:
            self.message_user(request, str(error), messages.WARNING)
            return
        self.message_user(request, f"已补录文号 {document.number}。")
