from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: private file serving hooks, background tasks, backup and restore."""

    name = "operations"
    verbose_name = "运行维护"
