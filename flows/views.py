"""The workflow inbox inside the Wagtail admin: my tasks, the pool to claim from, task forms, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from viewflow.workflow.models import Task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from annual_report.models import AnnualReportProcess
from clarifications.models import Clarification
from cms_pages.models import Channel
from disclosure_requests.models import RequestProcess

from . import tasks
from .deadlines import due_status, review_deadline
from .documents import review_form_pdf
from .flows import NewsReviewFlow, PublicationReviewFlow
from .forms import SubmitForm
from .models import Consultation, PublicationReview
from .submitted import submitted_title, submitted_version

NEWS_CATEGORY = "news"
DEFAULT_CHANNELS = ("website", "feed", "api")


class FlowAdminView(WagtailAdminTemplateMixin):
    """Wagtail's page furniture with the breadcrumbs 首页 › 待办审批 › this page."""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("flows:inbox"), "label": "待办审批"}]
        if self.get_page_title() != "待办审批":
            items.append({"url": "", "label": self.get_header_title()})
        return items


def review_of(process):
    """The publication review a task belongs to, whether it is the review or one of its consultations."""
    return process.review if isinstance(process, Consultation) else process


def task_rows(task_list):
    """Inbox rows for a page of tasks, loading their processes in one query per kind, not one per task."""
    task_list = list(task_list)
    ids = {task.process_id for task in task_list}
    processes = {process.pk: process for kind in inbox_processes(ids) for process in kind}
    return [task_row(task, processes.get(task.process_id) or task.process.coerced) for task in task_list]


def inbox_processes(ids):
    """The processes of every kind the inbox shows, with what their rows read."""
    return (
        PublicationReview.objects.filter(pk__in=ids).select_related("page", "revision"),
        Consultation.objects.filter(pk__in=ids).select_related("review__page", "review__revision"),
        RequestProcess.objects.filter(pk__in=ids).select_related("request"),
        Clarification.objects.filter(pk__in=ids),
        AnnualReportProcess.objects.filter(pk__in=ids).select_related("report"),
    )


def task_row(task, process):
    row = {"task": task, "process": review_of(process), "title": str(task.flow_task.task_title)}
    row["url"] = process_url(row["process"])
    if isinstance(process, Consultation):
        row["title"] = f"{row['title']}（{process.agency}）"
    review = review_of(process)
    if isinstance(review, PublicationReview):
        row["subject"] = submitted_title(review)
        deadline = review_deadline(review)
        row["due"], (row["due_state"], row["due_text"]) = deadline.due, due_status(deadline.due)
        row["provisional"] = deadline.warning
    if hasattr(process, "inbox_row"):
        row.update(process.inbox_row())
    return row


def process_url(process):
    """A process's own record page when its app has one (get_admin_url), else the review history."""
    if hasattr(process, "get_admin_url"):
        return process.get_admin_url()
    return reverse("flows:review", args=[process.pk])


class InboxView(FlowAdminView, TemplateView):
    page_title = "待办审批"
    header_icon = "tasks"
    template_name = "flows/inbox.html"
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
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("flows:inbox")
    messages.success(request, f"已认领：{task.flow_task.task_title}")
    return redirect("flows:task", task_pk=task.pk)


class TaskView(FlowAdminView, FormView):
    header_icon = "tasks"
    template_name = "flows/task.html"

    def dispatch(self, request, *args, **kwargs):
        self.task = get_object_or_404(Task, pk=kwargs["task_pk"])
        if not tasks.can_handle(self.task, request.user):
            raise PermissionDenied("该任务不在您的待办中。")
        self.process = self.task.process.coerced
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.task.flow_task.task_title)

    def get_page_subtitle(self):
        review = review_of(self.process)
        if isinstance(review, PublicationReview):
            return submitted_title(review)
        return getattr(self.process, "page", self.process)

    def get_form_class(self):
        return self.task.flow_task.form_class

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "task": self.task, "user": self.request.user}

    def form_valid(self, form):
        tasks.complete(self.task, self.request.user, form)
        messages.success(self.request, f"已办理：{self.task.flow_task.task_title}")
        return redirect("flows:inbox")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(review_context(review_of(self.process)))
        if isinstance(self.process, Consultation):
            context["consultation"] = self.process
        return context


def review_context(review):
    if not isinstance(review, PublicationReview):
        return {"process": review}
    return {
        "review": review,
        "opinions": review.opinions.select_related("reviewer"),
        "consultations": review.consultations.prefetch_related("notes__author"),
        "deadline": review_deadline(review),
        "preview_url": reverse(
            "wagtailadmin_pages:revisions_view", args=[review.page_id, review.revision_id]
        ),
    }


class ReviewHistoryView(FlowAdminView, TemplateView):
    header_icon = "history"
    template_name = "flows/review_history.html"

    def dispatch(self, request, *args, **kwargs):
        self.review = get_object_or_404(PublicationReview, pk=kwargs["review_pk"])
        if not can_see_review(request.user, self.review):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"审核记录：{submitted_title(self.review)}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(review_context(self.review))
        context["open_tasks"] = self.review.task_set.filter(status__in=tasks.OPEN, flow_task_type="HUMAN")
        return context


def review_form_download(request, review_pk):
    """审核及保密审查表 as a PDF, with every opinion given so far."""
    review = get_object_or_404(PublicationReview, pk=review_pk)
    if not can_see_review(request.user, review):
        raise PermissionDenied
    response = HttpResponse(review_form_pdf(review), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="review-form-{review.pk}.pdf"'
    return response


def can_see_review(user, review):
    return (
        user.has_perm("flows.view_publicationreview")
        or review.submitted_by_id == user.pk
        or review.opinions.filter(reviewer=user).exists()
    )


class SubmitReviewView(FlowAdminView, FormView):
    """信息员报送: the review form for the latest saved draft of an item."""

    page_title = "报送保密审查"
    header_icon = "doc-full"
    template_name = "flows/submit.html"
    form_class = SubmitForm

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_pk"]).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if open_review(self.page) is not None:
            messages.warning(request, "该信息正在审核中，不能重复报送。")
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_initial(self):
        draft = self.page.get_latest_revision_as_object()
        return {
            "formed": getattr(draft, "formed", None),
            "department": default_department(self.request.user),
            "channels": Channel.objects.filter(code__in=DEFAULT_CHANNELS),
        }

    def form_valid(self, form):
        review = flow_for(self.page).submit.run(page=self.page, user=self.request.user, review_form=form)
        messages.success(self.request, "已报送，进入保密审查。审查期间页面锁定，不能修改。")
        return redirect("flows:review", review_pk=review.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page}


def flow_for(page):
    """Work news (工作动态) takes the short chain of S4.6; everything else the full review of rule 4.

    Judged by the submitted revision: an item moved from 工作动态 to 政策文件 gets the full chain."""
    category = submitted_version(page).category
    return NewsReviewFlow if category.slug == NEWS_CATEGORY else PublicationReviewFlow


def open_review(page):
    return PublicationReview.objects.filter(page=page, outcome=PublicationReview.Outcome.IN_REVIEW).first()


def default_department(user):
    from django.db.models import Q

    from organisation.models import Department

    return Department.objects.filter(Q(information_officer=user) | Q(head=user)).first()
