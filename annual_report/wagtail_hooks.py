"""The report pages and the register of reconsideration and litigation cases in the Wagtail admin."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import views
from .models import LegalCase


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", views.ReportListView.as_view(), name="admin_list"),
        path("<int:year>/", views.ReportDetailView.as_view(), name="admin_report"),
        path("<int:year>/preview.pdf", views.preview_pdf, name="admin_preview_pdf"),
    ]
    return [path("annual-reports/", include((urls, "annual_report"), namespace="annual_report_admin"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see(request.user)


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "年度报告", reverse("annual_report_admin:admin_list"), icon_name="doc-full", order=170
    )


class LegalCaseCreateView(CreateView):
    def save_instance(self):
        case = self.form.save(commit=False)
        case.entered_by = self.request.user
        case.save()
        return case


class LegalCaseViewSet(SnippetViewSet):
    model = LegalCase
    icon = "gavel"
    menu_label = "复议诉讼台账"
    menu_order = 171
    add_to_admin_menu = True
    add_view_class = LegalCaseCreateView
    list_display = ["kind", "case_number", "request", "filed_on", "outcome", "concluded_on", "entered_by"]
    list_filter = ["kind", "outcome"]
    search_fields = ["case_number", "body", "notes"]
    search_backend_name = None
    panels = [
        FieldPanel("request"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("case_number")]),
        FieldRowPanel([FieldPanel("body"), FieldPanel("filed_on")]),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("concluded_on")]),
        FieldPanel("notes"),
    ]


register_snippet(LegalCaseViewSet)
