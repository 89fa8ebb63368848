from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from luoshi.gazette.models import Document


def _choices(field: str) -> list[tuple[str, str]]:
    values = (
        Document.objects.exclude(**{field: ""})
        .order_by(field)
        .values_list(field, flat=True)
        .distinct()
    )
    return [("", "全部")] + [(v, v) for v in values]


class LibraryFilterForm(forms.Form):
    """Filters of the document list (文件库筛选)."""

    doc_type = forms.ChoiceField(label="文种", required=False)
    issuer = forms.ChoiceField(label="发文机关", required=False)
    date_from = forms.DateField(
        label="成文日期自", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="至", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["doc_type"].choices = _choices("doc_type")  # type: ignore[attr-defined]
        self.fields["issuer"].choices = _choices("issuer")  # type: ignore[attr-defined]

    def filter(self, documents: QuerySet[Document]) -> QuerySet[Document]:
        data = self.cleaned_data
        if data.get("doc_type"):
            documents = documents.filter(doc_type=data["doc_type"])
        if data.get("issuer"):
            documents = documents.filter(issuer=data["issuer"])
        if data.get("date_from"):
            documents = documents.filter(signed_on__gte=data["date_from"])
        if data.get("date_to"):
            documents = documents.filter(signed_on__lte=data["date_to"])
        return documents


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=200, strip=True)
    doc_type = forms.CharField(required=False, max_length=16)
    page = forms.IntegerField(required=False, min_value=1, max_value=1000)
