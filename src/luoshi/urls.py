from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from luoshi.api import api
from luoshi.workspace import landing

urlpatterns = [
    path("", include("luoshi.gazette.urls")),
    path("ledger/", include("luoshi.supervision.urls")),
    path("express/", include("luoshi.express.urls")),
    path("emergency/", include("luoshi.emergency.urls")),
    path("cockpit/", include("luoshi.cockpit.urls")),
    path("start/", landing, name="landing"),
    path("grants/", include("luoshi.grants.urls")),
    path("revenue/", include("luoshi.revenue.urls")),
    path("assets/", include("luoshi.assets.urls")),
    path("parking/", include("luoshi.parking.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler404 = "luoshi.core.views.not_found"
handler500 = "luoshi.core.views.server_error"
