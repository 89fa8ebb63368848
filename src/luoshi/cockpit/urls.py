from django.urls import path

from luoshi.cockpit import views

app_name = "cockpit"

urlpatterns = [
    path("", views.cockpit, name="cockpit"),
]
