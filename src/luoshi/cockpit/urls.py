from django.urls import path

from luoshi.cockpit import views

app_name = "cockpit"

urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("screen/", views.big_screen, name="screen"),
    path("bulletins/", views.bulletin_list, name="bulletins"),
    path("bulletins/generate/", views.bulletin_generate, name="bulletin_generate"),
    path("bulletins/<int:pk>/download/", views.bulletin_download, name="bulletin_download"),
]
