from django.apps import AppConfig


class ClarificationsConfig(AppConfig):
    name = "clarifications"
    verbose_name = "澄清虚假或不完整信息"

    def ready(self):
        from flows import registry

        from .flows import ClarificationFlow

        registry.register(ClarificationFlow)
