"""Menu “文书”: the office's letter wording (文书模板) and the read-only archive of issued letters."""

import django_filters
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from gongkai_site import private_files
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import DownloadColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .kinds import LetterKind, variables_help
from .models import Letter, LetterTemplate


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus actions nobody may take in the admin, superusers included."""

    def __init__(self, model, denied):
        super().__init__(model)
        self.denied = frozenset(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)


# Letters come only from issue_letter and are never deleted: the archive proves what was sent.
register_permission_policy(Letter, RestrictedPermissionPolicy(Letter, {"add", "delete"}))
# One template per kind, all seeded; a deleted one comes back with the default wording.
register_permission_policy(LetterTemplate, RestrictedPermissionPolicy(LetterTemplate, {"add"}))


class LetterTemplateForm(WagtailAdminModelForm):
    def save(self, commit=True):
        self.instance.updated_by = self.for_user
        return super().save(commit)


def variables_table(kinds):
    rows = format_html_join(
        "",
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
        (row for kind in kinds for row in variables_help(kind)),
    )
    return format_html(
        "<table class='listing'><thead><tr><th>变量</th><th>含义</th><th>是否必填</th></tr></thead>"
        "<tbody>{}</tbody></table>",
        rows,
    )


class VariablesPanel(HelpPanel):
    """The variables the edited letter's wording may use."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            kind = self.instance.kind
            self.content = variables_table([kind] if kind in LetterKind.values else [])


class LetterTemplateViewSet(SnippetViewSet):
    model = LetterTemplate
    icon = "doc-full"
    menu_label = "文书模板"
    list_display = ["kind", "title", "number_prefix", "updated_by", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("kind", read_only=True),
            FieldPanel("title"),
            FieldPanel("number_prefix"),
            FieldPanel("body"),
            VariablesPanel(heading="可以使用的变量"),
        ],
        base_form_class=LetterTemplateForm,
    )


def _months():
    return [
        (f"{month:%Y-%m}", f"{month.year}年{month.month}月")
        for month in Letter.objects.datetimes("issued_at", "month", order="DESC")
    ]


class LetterFilterSet(WagtailFilterSet):
    month = django_filters.ChoiceFilter(
        label="签发月份", choices=_months, method="in_month", empty_label="全部"
    )

    class Meta:
        model = Letter
        fields = ["kind", "month", "delivery_method"]

    def in_month(self, queryset, name, value):
        year, month = value.split("-")
        return queryset.filter(issued_at__year=year, issued_at__month=month)


class LetterDownloadColumn(DownloadColumn):
    """Links to the permission-checked download view, never to a file address; 生成中 until the PDF exists."""

    cell_template_name = "letters/download_cell.html"

    def get_value(self, instance):
        return "下载 PDF" if instance.pdf else "生成中"

    def get_cell_context_data(self, instance, parent_context):
        context = super(DownloadColumn, self).get_cell_context_data(instance, parent_context)  # not .url
        if instance.pdf:
            context["download_url"] = reverse(
                Letter.snippet_viewset.get_url_name("download"), args=[instance.pk]
            )
        return context


class LetterViewSet(SnippetViewSet):
    """文书: every letter issued, read-only except how and when it was delivered."""

    model = Letter
    icon = "mail"
    menu_label = "文书"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        "letter_number",
        "kind",
        "recipient_name",
        "issued_at",
        "delivery_method",
        LetterDownloadColumn("pdf", label="PDF"),
    ]
    filterset_class = LetterFilterSet
    search_fields = ["letter_number", "title", "recipient_name"]
    inspect_view_fields = [
        "kind",
        "letter_number",
        "title",
        "recipient_name",
        "subject",
        "issued_by",
        "issued_at",
        "delivery_method",
        "sent_at",
        "note",
    ]
    panels = [FieldPanel("delivery_method"), FieldPanel("sent_at"), FieldPanel("note")]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("download/<int:letter_pk>/", private_files.staff_letter, name="download"),
        ]


class LettersGroup(SnippetViewSetGroup):
    items = (LetterViewSet, LetterTemplateViewSet)
    menu_icon = "mail"
    menu_label = "文书"
    menu_order = 190


register_snippet(LettersGroup)
