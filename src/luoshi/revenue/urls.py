from django.urls import path

from luoshi.revenue import views

app_name = "revenue"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("request/", views.request_declaration, name="request"),
    path("declarations/<int:pk>/", views.detail, name="detail"),
    path("declarations/<int:pk>/<str:verb>/", views.act, name="act"),
    path("returns/", views.request_return, name="request_return"),
    path("returns/<int:pk>/decide/", views.decide_return, name="decide_return"),
    path("budget/<int:year>/", views.budget_page, name="budget"),
    path("budget/<int:year>/summary.<str:ext>", views.budget_file, name="budget_file"),
]
