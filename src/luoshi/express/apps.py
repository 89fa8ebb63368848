from django.apps import AppConfig


class ExpressConfig(AppConfig):
    name = "luoshi.express"
    label = "express"
    verbose_name = "项目直通车"
