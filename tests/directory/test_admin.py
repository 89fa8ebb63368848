import pytest

from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName


@pytest.fixture
def directory_rows():
    unit = Unit.objects.create(name="市发展和改革委员会")
    UnitAlias.objects.create(alias="市发改委", unit=unit)
    Person.objects.create(name="杨跃卿", title="市发展和改革委员会副主任", unit=unit)
    entry = UnresolvedName.objects.create(kind="unit", raw_name="市发展改革局", context="测试")
    return unit, entry


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["unit", "person", "unresolvedname", "unitalias"])
def test_changelists_render(admin_client, directory_rows, model):
    response = admin_client.get(f"/admin/directory/{model}/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_unit_search_finds_aliases_and_change_page_shows_inline(admin_client, directory_rows):
    unit, _ = directory_rows
    response = admin_client.get("/admin/directory/unit/", {"q": "发改委"})
    assert response.status_code == 200
    assert "市发展和改革委员会" in response.content.decode()
    page = admin_client.get(f"/admin/directory/unit/{unit.pk}/change/")
    assert page.status_code == 200
    assert "市发改委" in page.content.decode()


@pytest.mark.django_db
def test_unresolved_filter_and_map_action(admin_client, directory_rows):
    unit, entry = directory_rows
    pending = admin_client.get("/admin/directory/unresolvedname/", {"pending": "yes"})
    assert "市发展改革局" in pending.content.decode()
    response = admin_client.post(
        "/admin/directory/unresolvedname/",
        {"action": "map_to_unit", "_selected_action": [entry.pk], "unit": unit.pk},
        follow=True,
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.resolved_unit == unit
    assert UnitAlias.objects.get(alias="市发展改革局").unit == unit


@pytest.mark.django_db
def test_map_action_without_a_unit_changes_nothing(admin_client, directory_rows):
    _, entry = directory_rows
    admin_client.post(
        "/admin/directory/unresolvedname/",
        {"action": "map_to_unit", "_selected_action": [entry.pk], "unit": ""},
    )
    entry.refresh_from_db()
    assert entry.resolved_unit is None
    assert not UnitAlias.objects.filter(alias="市发展改革局").exists()


@pytest.mark.django_db
def test_change_form_cannot_map_a_name_behind_the_action(admin_client, directory_rows):
    """Mapping writes the alias and re-assigns tasks, so it happens only through the action."""
    unit, entry = directory_rows
    admin_client.post(
        f"/admin/directory/unresolvedname/{entry.pk}/change/",
        {"kind": "unit", "raw_name": "市发展改革局", "context": "测试", "resolved_unit": unit.pk},
    )
    entry.refresh_from_db()
    assert entry.resolved_unit is None
