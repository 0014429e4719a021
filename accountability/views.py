"""Admin views: 综合科's dashboard, the year's assessment results, scoring, exports."""

from decimal import Decimal, InvalidOperation
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit.trail import as_entry, entries

from . import assessment, dashboard, exports
from .models import AssessmentResult, AssessmentScheme, IndicatorScore

VIEW_DASHBOARD = "accountability.view_dashboard"
VIEW_RESULTS = "accountability.view_assessmentscheme"
SCORE = "accountability.score_assessment"


class PermissionRequired:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(PermissionRequired, WagtailAdminTemplateMixin, TemplateView):
    permission = VIEW_DASHBOARD
    page_title = "综合科工作台"
    header_icon = "view"
    template_name = "accountability/dashboard.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **dashboard.overview()}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class SchemeMixin(PermissionRequired, WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_accountability_assessmentscheme:list"), "label": "考核办法"},
            {"url": "", "label": self.get_page_title()},
        ]


class ResultsView(SchemeMixin, TemplateView):
    permission = VIEW_RESULTS
    header_icon = "tasks"
    template_name = "accountability/results.html"

    def dispatch(self, request, *args, **kwargs):
        self.scheme = get_object_or_404(AssessmentScheme, pk=kwargs["scheme_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.scheme.year}年度考核结果"

    def get_context_data(self, **kwargs):
        indicators, rows = exports.result_rows(self.scheme)
        return {
            **super().get_context_data(**kwargs),
            "scheme": self.scheme,
            "indicators": indicators,
            "rows": rows,
            "can_score": self.request.user.has_perm(SCORE) and not self.scheme.finalised_on,
        }

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(SCORE):
            raise PermissionDenied
        try:
            results = assessment.compute(self.scheme)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"已按系统记录计算 {len(results)} 个科室、中心的指标得分。")
        return redirect("accountability:results", scheme_pk=self.scheme.pk)


class ScoreForm(forms.Form):
    """The leading group's scores of the manual indicators, and the consequences recorded."""

    head_talk_on = forms.DateField(
        label="约谈负责人日期",
        required=False,
        help_text="不合格科室约谈相关负责人之日",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    consequence_note = forms.CharField(
        label="奖惩说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="表扬文号、先进个人、问责情况等",
    )

    def __init__(self, *args, result, **kwargs):
        super().__init__(*args, **kwargs)
        self.result = result
        self.manual = [i for i in result.scheme.indicators.all() if not i.automatic]
        scores = {s.indicator_id: s for s in IndicatorScore.objects.filter(result=result)}
        for indicator in self.manual:
            current = scores.get(indicator.pk)
            self.fields[f"score_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name}（满分 {indicator.weight}）",
                min_value=Decimal(0),
                max_value=indicator.weight,
                decimal_places=1,
                required=False,
                initial=current.score if current else None,
                help_text=indicator.get_heading_display(),
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label="评分说明",
                required=False,
                initial=current.basis if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="领导小组评分须说明理由",
            )
        self.fields["head_talk_on"].initial = result.head_talk_on
        self.fields["consequence_note"].initial = result.consequence_note

    def clean(self):
        data = super().clean()
        for indicator in self.manual:
            score, note = data.get(f"score_{indicator.pk}"), (data.get(f"note_{indicator.pk}") or "").strip()
            if score is not None and not note:
                self.add_error(f"note_{indicator.pk}", "请说明评分理由。")
        return data

    def manual_scores(self):
        """{indicator: (score, note)} of the manual indicators given a score."""
        data = self.cleaned_data
        return {
            indicator: (data[f"score_{indicator.pk}"], data[f"note_{indicator.pk}"])
            for indicator in self.manual
            if data.get(f"score_{indicator.pk}") is not None
        }


class ScoreView(SchemeMixin, FormView):
    permission = SCORE
    header_icon = "edit"
    template_name = "accountability/score.html"
    form_class = ScoreForm

    def dispatch(self, request, *args, **kwargs):
        self.result = get_object_or_404(
            AssessmentResult.objects.select_related("scheme", "department"), pk=kwargs["result_pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.result.scheme.year}年度考核评分：{self.result.department}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "result": self.result}

    def get_context_data(self, **kwargs):
        scores = self.result.scores.select_related("indicator").order_by("indicator__sort_order")
        scorings = entries(self.result).filter(data__step=assessment.SCORE_STEP).select_related("user")
        history = [as_entry(entry) for entry in scorings.reverse()]
        return {
            **super().get_context_data(**kwargs),
            "result": self.result,
            "scores": scores,
            "history": history,
        }

    def form_valid(self, form):
        try:
            assessment.score_result(
                self.result,
                form.manual_scores(),
                self.request.user,
                form.cleaned_data["head_talk_on"],
                form.cleaned_data["consequence_note"],
            )
        except (ValidationError, InvalidOperation) as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"已保存{self.result.department}的评分。")
        return redirect("accountability:results", scheme_pk=self.result.scheme_id)


def download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def export_results(request, scheme_pk, fmt):
    if not request.user.has_perm(VIEW_RESULTS):
        raise PermissionDenied
    scheme = get_object_or_404(AssessmentScheme, pk=scheme_pk)
    name = quote(f"{scheme.year}年度考核结果")
    if fmt == "pdf":
        return download(exports.results_pdf(scheme), f"{name}.pdf", "application/pdf")
    return download(
        exports.results_xlsx(scheme),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
