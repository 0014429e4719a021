from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self):
        from flows import registry

        from .flows import DisclosureRequestFlow

        registry.register(DisclosureRequestFlow)
