from django.urls import path

from luoshi.assets import plan_views, views

app_name = "assets"

urlpatterns = [
    path("", views.asset_list, name="list"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_sheet, name="import"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", plan_views.asset_detail, name="detail"),
    path("<int:pk>/confirm/", plan_views.confirm, name="confirm"),
    path("<int:pk>/plans/", plan_views.propose, name="propose"),
    path("plans/<int:pk>/advance/", plan_views.advance, name="advance"),
    path("<int:pk>/disposal/", plan_views.start_disposal, name="dispose"),
    path("disposals/<int:pk>/advance/", plan_views.advance_disposal, name="advance_disposal"),
    path("public/villages/<int:pk>/", plan_views.village_publicity, name="publicity"),
]
