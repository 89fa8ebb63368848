from django.urls import path

from luoshi.assets import views

app_name = "assets"

urlpatterns = [
    path("", views.asset_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_sheet, name="import"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
