"""QuickSelect renders what Django's Select renders, escaped."""

from html.parser import HTMLParser

import pytest
from django import forms

from luoshi.core.widgets import QuickSelect
from luoshi.directory.models import Unit

pytestmark = pytest.mark.django_db


class SelectReader(HTMLParser):
    """The select's attributes and its options as (value, selected, label)."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str | None] = {}
        self.options: list[list[object]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.attrs = dict(attrs)
        elif tag == "option":
            found = dict(attrs)
            self.options.append([found["value"], "selected" in found, ""])

    def handle_data(self, data):
        if self.options:
            self.options[-1][2] = (str(self.options[-1][2]) + data).strip()


def read(html: str) -> SelectReader:
    reader = SelectReader()
    reader.feed(str(html))
    return reader


def form_with(widget, data=None, required=False):
    class UnitForm(forms.Form):
        unit = forms.ModelChoiceField(Unit.objects.all(), required=required, widget=widget)

    return UnitForm(data)


@pytest.mark.parametrize("required", [False, True])
@pytest.mark.parametrize("picked", [None, 1])
def test_should_render_the_same_select_as_django(picked, required):
    names = ["市财政局", '<script>alert("x")</script>', "市教育局"]
    units = [Unit.objects.create(name=name) for name in names]
    data = None if picked is None else {"unit": units[picked].pk}
    ours = read(form_with(QuickSelect, data, required)["unit"])
    django = read(form_with(forms.Select, data, required)["unit"])
    assert ours.options == django.options
    assert ours.attrs == django.attrs
    chosen = "" if picked is None else str(units[picked].pk)
    assert [o[0] for o in ours.options if o[1]] == [chosen]


def test_should_escape_labels():
    Unit.objects.create(name='<script>alert("x")</script>')
    html = str(form_with(QuickSelect)["unit"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
