from django.apps import AppConfig
from django.db.models.signals import pre_delete


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = "考核与责任追究"

    def ready(self):
        from wagtail.models import ModelLogEntry

        from .signals import keep_case_history

        pre_delete.connect(keep_case_history, sender=ModelLogEntry, dispatch_uid="keep_case_history")
