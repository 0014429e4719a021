from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """The workflow engine: inbox, task pages, claiming; it knows the processes only through its registry."""

    name = "workflow"
    verbose_name = "待办审批"
