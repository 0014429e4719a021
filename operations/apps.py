from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: private file serving hooks, background tasks, backup and restore."""

    name = "operations"
    verbose_name = "运行维护"

    def ready(self):
        from axes.signals import user_locked_out
        from gongkai_site.clients import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="gongkai_login_lockout_audit")
