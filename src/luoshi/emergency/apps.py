from django.apps import AppConfig


class EmergencyConfig(AppConfig):
    name = "luoshi.emergency"
    label = "emergency"
    verbose_name = "应急预案"
