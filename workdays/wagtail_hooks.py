"""Menu “工作日历”: 综合科 enters next year's holidays from the 国务院办公厅 notice and confirms the year."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .arrangement import year_to_ask_for
from .models import CalendarDay, CalendarYear


class CalendarDayForm(WagtailAdminModelForm):
    """Whatever is saved in the admin is a hand entry, which re-importing leaves alone."""

    def save(self, commit=True):
        self.instance.source = CalendarDay.Source.MANUAL
        return super().save(commit)


def _years():
    return [(day.year, f"{day.year}年") for day in CalendarDay.objects.dates("date", "year", order="DESC")]


class CalendarDayFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label="年份", field_name="date__year", choices=_years, empty_label="全部"
    )

    class Meta:
        model = CalendarDay
        fields = ["year", "kind", "source"]


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日与调休"
    list_display = ["date", "kind", "name", "source", "note"]
    filterset_class = CalendarDayFilterSet
    search_fields = ["name", "note"]
    ordering = ["-date"]
    edit_handler = ObjectList(
        [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name"), FieldPanel("note")],
        base_form_class=CalendarDayForm,
    )


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "tasks"
    menu_label = "年度确认"
    list_display = ["year", "complete", "note"]
    list_filter = ["complete"]


class WorkdaysGroup(SnippetViewSetGroup):
    items = (CalendarDayViewSet, CalendarYearViewSet)
    menu_icon = "date"
    menu_label = "工作日历"
    menu_order = 180


register_snippet(WorkdaysGroup)


@hooks.register("register_admin_urls")
def register_year_arrangement_url():
    return [path("workdays/year/<int:year>/", views.year_arrangement, name="workdays_year")]


class NextYearCalendarPanel(Component):
    """From 1 November, until next year is confirmed: ask 综合科 to enter the State Council's arrangement."""

    name = "next_year_calendar"
    order = 60
    template_name = "workdays/next_year_panel.html"

    def __init__(self, year):
        self.year = year

    def get_context_data(self, parent_context):
        return {"year": self.year, "url": reverse("workdays_year", args=[self.year])}


@hooks.register("construct_homepage_panels")
def ask_for_next_years_arrangement(request, panels):
    year = year_to_ask_for(timezone.localdate())
    if year and request.user.has_perm(views.RIGHT):
        panels.append(NextYearCalendarPanel(year))
