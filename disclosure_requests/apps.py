from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self):
        from workdays.signals import calendar_changed
        from workflow import registry

        from .calendar_changes import recount_due_dates
        from .flows import DisclosureRequestFlow

        registry.register(DisclosureRequestFlow, registry.ProcessKind(related=("request",)))
        calendar_changed.connect(recount_due_dates, dispatch_uid="disclosure_requests.recount_due_dates")
