"""The workflow inbox inside the Wagtail admin: my tasks, the pool to claim from, task forms.

What a row or a task page shows of its process comes from the process's registered kind (registry.py).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from viewflow.workflow.models import Task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import tasks
from .registry import kind_of
from .routing import author_refusal


class FlowAdminView(WagtailAdminTemplateMixin):
    """Wagtail's page furniture with the breadcrumbs 首页 › 待办审批 › this page."""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("flows:inbox"), "label": "待办审批"}]
        if self.get_page_title() != "待办审批":
            items.append({"url": "", "label": self.get_header_title()})
        return items


class ProcessHistoryView(FlowAdminView, TemplateView):
    """A process's record page: what the subclass shows, and the steps still open with who holds them."""

    header_icon = "history"

    def get_process(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.process = self.get_process()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_tasks"] = self.process.task_set.filter(status__in=tasks.OPEN, flow_task_type="HUMAN")
        return context


def task_rows(task_list):
    """Inbox rows for a page of tasks, loading their processes in one query per kind, not one per task."""
    task_list = list(task_list)
    processes = {}
    for flow_class in {task.flow_task.flow_class for task in task_list}:
        ids = {task.process_id for task in task_list if task.flow_task.flow_class is flow_class}
        loaded = kind_of(flow_class).load(flow_class.process_class, ids)
        processes.update({process.pk: process for process in loaded})
    return [task_row(task, processes.get(task.process_id) or task.process.coerced) for task in task_list]


def task_row(task, process):
    row = {"task": task, "process": process, "title": str(task.flow_task.task_title)}
    row.update(kind_of(task.flow_task.flow_class).row(task, process))
    flags = [vacancy_of(task), row.get("flag", "")]
    row["flag"] = "；".join(flag for flag in flags if flag)
    return row


def vacancy_of(task):
    """岗位空缺，已转综合科 (or 报送人回避…) when the step went to the fallback."""
    return (task.data or {}).get("vacancy", "")


def refused(request, reason):
    """403 with the reason in words (Wagtail's own refusal is a redirect that says nothing of why)."""
    return render(request, "403.html", {"exception": reason}, status=403)


class InboxView(FlowAdminView, TemplateView):
    page_title = "待办审批"
    header_icon = "tasks"
    template_name = "workflow/inbox.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name, task_list, param in (
            ("mine", tasks.inbox(self.request.user), "page"),
            ("pool", tasks.queue(self.request.user), "pool_page"),
        ):
            page = Paginator(task_list, self.paginate_by).get_page(self.request.GET.get(param))
            context[name], context[f"{name}_page"] = task_rows(page.object_list), page
        return context


def claim_task(request, task_pk):
    if request.method != "POST":
        raise Http404
    task = get_object_or_404(Task, pk=task_pk)
    try:
        tasks.claim(task, request.user)
    except tasks.AuthorRefused as error:
        return refused(request, str(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("flows:inbox")
    messages.success(request, f"已认领：{task.flow_task.task_title}")
    return redirect("flows:task", task_pk=task.pk)


class TaskView(FlowAdminView, FormView):
    header_icon = "tasks"
    template_name = "workflow/task.html"

    def dispatch(self, request, *args, **kwargs):
        self.task = get_object_or_404(Task, pk=kwargs["task_pk"])
        if not tasks.can_handle(self.task, request.user):
            raise PermissionDenied("该任务不在您的待办中。")
        reason = author_refusal(self.task, request.user)
        if reason:
            return refused(request, reason)
        self.process = self.task.process.coerced
        self.kind = kind_of(self.task.flow_task.flow_class)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.task.flow_task.task_title)

    def get_page_subtitle(self):
        return self.kind.subtitle(self.process)

    def get_form_class(self):
        return self.task.flow_task.form_class

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "task": self.task, "user": self.request.user}

    def form_valid(self, form):
        tasks.complete(self.task, self.request.user, form)
        messages.success(self.request, f"已办理：{self.task.flow_task.task_title}")
        return redirect("flows:inbox")

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), **self.kind.task_context(self.process)}
        return {**context, "vacancy": vacancy_of(self.task)}
