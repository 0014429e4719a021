"""Admin view: the background tasks that failed, for staff to see and act on (设置 › 后台任务)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from django_tasks_db.models import DBTaskResult
from gongkai_site.background import TASK_LABELS
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

VIEW_TASKS = "django_tasks_db.view_dbtaskresult"
SHOWN = 100


def failure_row(result):
    attempt = result.args_kwargs.get("kwargs", {}).get("attempt", 1)
    last_line = result.traceback.strip().splitlines()[-1] if result.traceback.strip() else ""
    return {
        "label": TASK_LABELS.get(result.task_path, result.task_name),
        "args": result.args_kwargs.get("args", []),
        "attempt": attempt,
        "attempts": settings.GONGKAI_TASK_ATTEMPTS,
        "retried": attempt < settings.GONGKAI_TASK_ATTEMPTS,
        "finished_at": result.finished_at,
        "error": last_line or result.exception_class_path,
    }


class FailedTasksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "后台任务"
    header_icon = "warning"
    template_name = "operations/failed_tasks.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_TASKS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        failed = DBTaskResult.objects.failed().order_by("-finished_at")[:SHOWN]
        return {
            **super().get_context_data(**kwargs),
            "failures": [failure_row(result) for result in failed],
            "waiting": DBTaskResult.objects.ready().count(),
        }

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
