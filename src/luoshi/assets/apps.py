from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "luoshi.assets"
    label = "assets"
    verbose_name = "扶贫资产"
    default_auto_field = "django.db.models.BigAutoField"
