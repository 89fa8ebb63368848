from django.apps import AppConfig


class RevenueConfig(AppConfig):
    name = "luoshi.revenue"
    label = "revenue"
    verbose_name = "国有资本收益"
    default_auto_field = "django.db.models.BigAutoField"
