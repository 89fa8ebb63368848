from django.urls import path

from luoshi.gazette import views

urlpatterns = [
    path("", views.home, name="home"),
]
