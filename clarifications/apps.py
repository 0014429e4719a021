from django.apps import AppConfig


class ClarificationsConfig(AppConfig):
    name = "clarifications"
    verbose_name = "澄清虚假或不完整信息"

    def ready(self):
        from cms_pages.signals import site_structure_ready
        from workflow import registry

        from .flows import ClarificationFlow
        from .setup import add_notice_listing

        registry.register(
            ClarificationFlow, registry.ProcessKind(authors=lambda case: {case.registered_by_id})
        )
        site_structure_ready.connect(add_notice_listing, dispatch_uid="clarification_notice_listing")
