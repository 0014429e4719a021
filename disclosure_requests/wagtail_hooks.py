"""The register (台账) of requests in the admin: filters, XLSX export, personal data masked (S2.10)."""

import django_filters
from django.contrib.admin.utils import unquote
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from gongkai_site.spreadsheets import FormulaSafeExportMixin
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.fields import FieldSearchMixin
from workflow.records import ProcessRecordPolicy

from .intake import PERMISSION as INTAKE_PERMISSION
from .intake import IntakeView
from .models import ClockEntry, DisclosureRequest

# The register only shows requests: their steps alone change them (before the viewset asks for a policy).
register_permission_policy(DisclosureRequest, ProcessRecordPolicy(DisclosureRequest))

REGISTER_COLUMNS = [
    "tracking_number",
    "received_date",
    "get_applicant_type_display",
    "name",
    "id_number_masked",
    "phone_masked",
    "get_channel_display",
    "description",
    "get_status_display",
    "department",
    "due_date",
    "get_answer_kind_display",
    "report_row",
    "answered_on",
    "extended",
    "fee_amount",
]


class RegisterFilterSet(WagtailFilterSet):
    deadline = django_filters.ChoiceFilter(
        label="期限情况",
        choices=[("overdue", "超期未答复"), ("unregistered", "超时未登记")],
        method="filter_deadline",
        empty_label="全部",
    )
    due_before = django_filters.DateFilter(label="答复期限不晚于", field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(label="答复期限不早于", field_name="due_date", lookup_expr="gte")
    received_after = django_filters.DateFilter(
        label="收到日期不早于", field_name="received_date", lookup_expr="gte"
    )

    class Meta:
        model = DisclosureRequest
        fields = ["status", "answer_kind", "department", "channel", "applicant_type", "request_type"]

    def filter_deadline(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue(today) if value == "overdue" else queryset.unregistered(today)


def yes_no(value):
    return "是" if value else "否"


class RegisterIndexView(FormulaSafeExportMixin, FieldSearchMixin, SnippetViewSet.index_view_class):
    """The register's list and export; the export reads 是否延期 with the rows, not one query per row."""

    custom_field_preprocess = {"extended": {"xlsx": yes_no, "csv": yes_no}}

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not self.is_export:
            return queryset
        extensions = ClockEntry.objects.filter(request=OuterRef("pk"), kind=ClockEntry.Kind.EXTENSION)
        return queryset.annotate(extended=Exists(extensions))


class RegisterViewSet(SnippetViewSet):
    model = DisclosureRequest
    icon = "list-ul"
    menu_label = "依申请公开台账"
    menu_order = 160
    add_to_admin_menu = True
    list_display = [
        "tracking_number",
        "name",
        "id_number_masked",
        "received_date",
        "due_date",
        "status",
        "department",
        "answer_kind",
    ]
    filterset_class = RegisterFilterSet
    search_fields = ["tracking_number", "name", "description"]
    search_backend_name = None
    index_view_class = RegisterIndexView
    ordering = ["-received_date", "-pk"]
    list_export = REGISTER_COLUMNS
    export_headings = {
        "tracking_number": "申请编号",
        "received_date": "收到日期",
        "get_applicant_type_display": "申请人类型",
        "name": "申请人",
        "id_number_masked": "证件号码",
        "phone_masked": "联系电话",
        "get_channel_display": "申请方式",
        "description": "申请内容",
        "get_status_display": "办理状态",
        "department": "承办科室",
        "due_date": "答复期限",
        "get_answer_kind_display": "答复类型",
        "report_row": "办理结果",
        "answered_on": "答复日期",
        "extended": "是否延期",
        "fee_amount": "收费金额（元）",
    }
    export_filename = "依申请公开台账"
    inspect_view_enabled = True
    inspect_template_name = "disclosure_requests/register_inspect.html"
    inspect_view_fields = [
        "tracking_number",
        "request_type",
        "repeat_of",
        "applicant_type",
        "name",
        "id_number_masked",
        "phone_masked",
        "address_masked",
        "description",
        "status",
        "received_date",
        "due_date",
        "answer_kind",
        "legal_ground",
        "reason",
    ]

    def get_queryset(self, request):
        return DisclosureRequest.objects.visible_to(request.user).select_related("department")

    @property
    def inspect_view_class(self):
        viewset = self

        class RegisterInspectView(super().inspect_view_class):
            def get_object(self, queryset=None):
                return get_object_or_404(viewset.get_queryset(self.request), pk=unquote(str(self.pk)))

        return RegisterInspectView


register_snippet(RegisterViewSet)


@hooks.register("register_admin_urls")
def register_intake_url():
    return [path("requests/intake/", IntakeView.as_view(), name="disclosure_requests_intake")]


class IntakeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INTAKE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_intake_menu_item():
    return IntakeMenuItem("登记来件申请", reverse("disclosure_requests_intake"), icon_name="mail", order=159)


class OverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(INTAKE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_overdue_menu_item():
    url = reverse("wagtailsnippets_disclosure_requests_disclosurerequest:list") + "?deadline=overdue"
    return OverdueMenuItem("超期申请", url, icon_name="warning", order=161)
