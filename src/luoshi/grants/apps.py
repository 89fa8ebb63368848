from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "luoshi.grants"
    label = "grants"
    verbose_name = "大学新生资助"
    default_auto_field = "django.db.models.BigAutoField"
