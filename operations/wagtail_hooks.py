"""Wagtail's documents served by the private-files module; the failed background tasks under 设置."""

from django.urls import path, reverse
from gongkai_site import private_files
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import VIEW_TASKS, FailedTasksView


# Last of the hooks: Wagtail's own collection restrictions (password, login, groups) are checked first.
@hooks.register("before_serve_document", order=100)
def serve_document_privately(document, request):
    return private_files.serve_document(document, request)


@hooks.register("register_admin_urls")
def register_tasks_url():
    return [path("tasks/failed/", FailedTasksView.as_view(), name="failed_tasks")]


class TasksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_TASKS)


@hooks.register("register_settings_menu_item")
def register_tasks_menu_item():
    return TasksMenuItem("后台任务", reverse("failed_tasks"), icon_name="warning", order=900)
