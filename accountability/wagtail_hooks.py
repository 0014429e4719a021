"""Menu “考核与问责”: the accountability register, complaints, assessment schemes; 综合科's dashboard."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from gongkai_site.spreadsheets import FormulaSafeExportMixin
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from audit.trail import history, record
from letters.wagtail_hooks import RestrictedPermissionPolicy

from . import dashboard, views
from .history import record_changes, snapshot
from .models import AccountabilityCase, AssessmentScheme, Complaint

# The register proves afterwards what was found and done: nobody deletes from it, superusers included.
for model in (AccountabilityCase, Complaint, AssessmentScheme):
    register_permission_policy(model, RestrictedPermissionPolicy(model, {"delete"}))


@hooks.register("register_admin_urls")
def register_accountability_urls():
    urls = [
        path("", views.DashboardView.as_view(), name="dashboard"),
        path("assessment/<int:scheme_pk>/", views.ResultsView.as_view(), name="results"),
        path("assessment/score/<int:result_pk>/", views.ScoreView.as_view(), name="score"),
        path(
            "assessment/<int:scheme_pk>/results.xlsx",
            views.export_results,
            {"fmt": "xlsx"},
            name="results_xlsx",
        ),
        path(
            "assessment/<int:scheme_pk>/results.pdf", views.export_results, {"fmt": "pdf"}, name="results_pdf"
        ),
    ]
    return [path("accountability/", include((urls, "accountability"), namespace="accountability"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.VIEW_DASHBOARD)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem("综合科工作台", reverse("accountability:dashboard"), icon_name="view", order=55)


class DashboardPanel(Component):
    """The dashboard's totals on the admin home page, linking to the full view."""

    name = "general_office_dashboard"
    order = 40
    template_name = "accountability/panels/dashboard.html"

    def get_context_data(self, parent_context):
        return dashboard.overview()


@hooks.register("construct_homepage_panels")
def add_dashboard_panel(request, panels):
    if request.user.has_perm(views.VIEW_DASHBOARD):
        panels.append(DashboardPanel())


class CaseCreateView(CreateView):
    def save_instance(self):
        case = super().save_instance()
        record(case, "登记案件", user=self.request.user)
        return case


class CaseEditView(EditView):
    def get_object(self, queryset=None):
        case = super().get_object(queryset)
        self.before = snapshot(case)
        return case

    def save_instance(self):
        case = super().save_instance()
        record_changes(case, "修改案件", self.before, user=self.request.user)
        return case


class CaseInspectView(InspectView):
    def get_field_label(self, field_name, field):
        return "案件记录" if field_name == "history" else super().get_field_label(field_name, field)

    def get_history_display_value(self):
        return render_to_string(
            "audit/history.html", {"entries": history(self.object), "empty_text": "暂无案件记录。"}
        )


class CaseIndexView(FormulaSafeExportMixin, SnippetViewSet.index_view_class):
    pass


class CaseViewSet(SnippetViewSet):
    model = AccountabilityCase
    icon = "warning"
    menu_label = "责任追究台账"
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    inspect_view_class = CaseInspectView
    index_view_class = CaseIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "__str__", label="案件", url_name="wagtailsnippets_accountability_accountabilitycase:inspect"
        ),
        "department",
        "found_on",
        "status",
        "rectification_deadline",
        "award_eligibility_lost",
        "detected",
    ]
    list_filter = [
        "status",
        "breach",
        "department",
        "county_office",
        "award_eligibility_lost",
        "transferred_to",
    ]
    search_fields = ["facts", "rectification"]
    search_backend_name = None
    list_export = [
        "pk",
        "get_breach_display",
        "facts",
        "found_on",
        "department",
        "county_office",
        "get_status_display",
        "rectification_deadline",
        "reminder_talk_on",
        "circulated_criticism",
        "administrative_sanction",
        "get_transferred_to_display",
        "rectified_on",
        "rectification",
        "award_eligibility_lost",
        "detected",
    ]
    export_headings = {
        "pk": "案件号",
        "get_breach_display": "违规情形",
        "get_status_display": "状态",
        "get_transferred_to_display": "移送",
        "detected": "来源",
    }
    export_filename = "责任追究台账"
    inspect_view_fields = [
        "breach",
        "facts",
        "found_on",
        "department",
        "county_office",
        "responsible_people",
        "status",
        "order_to_correct",
        "rectification_deadline",
        "reminder_talk_on",
        "circulated_criticism",
        "administrative_sanction",
        "transferred_to",
        "transfer_note",
        "rectified_on",
        "rectification",
        "rectification_proof",
        "award_eligibility_lost",
        "history",
    ]

    def get_queryset(self, request):
        return AccountabilityCase.objects.select_related("department", "county_office")


class ComplaintViewSet(SnippetViewSet):
    model = Complaint
    icon = "mail"
    menu_label = "举报投诉登记"
    copy_view_enabled = False
    list_display = ["__str__", "department", "county_office", "received_on", "handled_on"]
    list_filter = ["department", "county_office"]
    search_fields = ["subject", "result"]
    search_backend_name = None


class SchemeViewSet(SnippetViewSet):
    model = AssessmentScheme
    icon = "tasks"
    menu_label = "考核办法"
    copy_view_enabled = False
    list_display = [
        "title",
        "year",
        "deadline",
        "finalised_on",
        TitleColumn(
            "results_link",
            label="考核结果",
            get_url=lambda scheme: reverse("accountability:results", args=[scheme.pk]),
        ),
    ]


class AccountabilityGroup(SnippetViewSetGroup):
    items = (CaseViewSet, ComplaintViewSet, SchemeViewSet)
    menu_icon = "warning"
    menu_label = "考核与问责"
    menu_order = 165


register_snippet(AccountabilityGroup)
