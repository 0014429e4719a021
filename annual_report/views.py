"""Public pages (the index of years, a report, its PDF) and the admin's report pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from viewflow.workflow.models import Task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow.tasks import OPEN

from . import services
from .flows import AnnualReportFlow
from .forms import ReportContentForm, StartForm
from .models import AnnualReport, ReportPolicy

DRAFT_PERMISSION = "annual_report.draft_annual_report"
SEE_PERMISSIONS = (DRAFT_PERMISSION, "annual_report.approve_annual_report")


# -- public ----------------------------------------------------------------------------------------


def published(year):
    return get_object_or_404(AnnualReport, year=year, status=AnnualReport.Status.PUBLISHED)


def index(request):
    reports = AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).order_by("-year")
    policy = ReportPolicy.load()
    return render(request, "annual_report/index.html", {"reports": reports, "policy": policy})


def report_page(request, year):
    return render(request, "annual_report/report_page.html", services.document(published(year)))


def report_pdf(request, year):
    report = published(year)
    if not report.pdf:
        raise Http404("PDF 尚未生成")
    return FileResponse(
        report.pdf.open("rb"), as_attachment=True, filename=f"{year}年政府信息公开工作年度报告.pdf"
    )


# -- admin -----------------------------------------------------------------------------------------


def can_see(user):
    return any(user.has_perm(permission) for permission in SEE_PERMISSIONS)


class ReportAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_see(request.user):
            raise PermissionDenied("您无权查看年度报告。")
        return super().dispatch(request, *args, **kwargs)


class ReportListView(ReportAdminView):
    page_title = "年度报告"
    template_name = "annual_report/admin/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            reports=AnnualReport.objects.all(),
            form=kwargs.get("form") or StartForm(initial={"year": timezone.localdate().year - 1}),
            deadlines=services.upcoming_deadlines(timezone.localdate()),
            can_draft=self.request.user.has_perm(DRAFT_PERMISSION),
        )
        return context

    def post(self, request):
        if not request.user.has_perm(DRAFT_PERMISSION):
            raise PermissionDenied("只有综合科可以编写年度报告。")
        form = StartForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        with transaction.atomic():
            report = services.report_for(form.cleaned_data["year"], request.user)
            AnnualReportFlow.start.run(report=report, user=request.user)
        messages.success(request, f"已开始编写{report.year}年度报告。")
        return redirect("annual_report_admin:admin_report", year=report.year)


class ReportDetailView(ReportAdminView):
    template_name = "annual_report/admin/detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(AnnualReport, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.report.year}年度报告"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("annual_report_admin:admin_list"), "label": "年度报告"},
            {"url": "", "label": self.get_page_title()},
        ]

    def can_edit(self):
        return self.report.editable and self.request.user.has_perm(DRAFT_PERMISSION)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(services.document(self.report))
        context.update(
            form=kwargs.get("form")
            or (ReportContentForm(instance=self.report, user=self.request.user) if self.can_edit() else None),
            problems=services.problems(self.report),
            open_tasks=Task.objects.filter(
                process__annualreportprocess__report=self.report, status__in=OPEN, flow_task_type="HUMAN"
            ).order_by("created"),
        )
        return context

    def post(self, request, year):
        if not self.can_edit():
            raise PermissionDenied("报告已提交审定，或您无权编辑。")
        form = ReportContentForm(request.POST, instance=self.report, user=request.user)
        if not form.is_valid():
            messages.error(request, "保存失败，请按提示修改。")
            return self.render_to_response(self.get_context_data(form=form))
        form.save()
        messages.success(request, "已保存。")
        return redirect("annual_report_admin:admin_report", year=year)


def preview_pdf(request, year):
    if not can_see(request.user):
        raise PermissionDenied("您无权查看年度报告。")
    report = get_object_or_404(AnnualReport, year=year)
    response = HttpResponse(services.report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="annual-report-{year}-preview.pdf"'
    return response
