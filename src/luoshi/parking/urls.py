from django.urls import path

from luoshi.parking import views

app_name = "parking"

urlpatterns = [
    path("find/", views.find_space, name="find"),
    path("occupancy/", views.occupancy, name="occupancy"),
]
