from django.apps import AppConfig


class EmergencyConfig(AppConfig):
    name = "luoshi.emergency"
    label = "emergency"
    verbose_name = "应急预案"

    def ready(self) -> None:
        from luoshi.emergency.playbook import use_source
        from luoshi.emergency.registry import PublishedPlaybooks

        use_source(PublishedPlaybooks())
