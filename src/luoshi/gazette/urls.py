from django.urls import path

from luoshi.gazette import views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/print/", views.document_print, name="document_print"),
    path("search/", views.search_view, name="search"),
    path("chronicles/", views.chronicles, name="chronicles"),
]
