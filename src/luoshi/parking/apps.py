from django.apps import AppConfig


class ParkingConfig(AppConfig):
    name = "luoshi.parking"
    verbose_name = "智慧停车"
