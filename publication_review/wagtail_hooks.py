from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component

from cms_pages.models import DisclosureItemPage

from . import views
from .deadlines import reviews_near_or_past_due

SUBMIT_ACTION = "action-submit-review"


@hooks.register("register_workflow_urls")
def register_review_urls():
    return [
        path("reviews/<int:review_pk>/", views.ReviewHistoryView.as_view(), name="review"),
        path("reviews/<int:review_pk>/form.pdf", views.review_form_download, name="review_form_pdf"),
        path("reviews/submit/<int:page_pk>/", views.SubmitReviewView.as_view(), name="submit_review"),
    ]


class SubmitForReviewMenuItem(ActionMenuItem):
    """保存草稿并报送保密审查: replaces the publish button for disclosure items."""

    name = SUBMIT_ACTION
    label = "保存并报送审查"
    icon_name = "resubmit"
    order = 5

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, DisclosureItemPage)
            and views.open_review(page) is None
            and not page.locked
        )


@hooks.register("register_page_action_menu_item")
def register_submit_for_review():
    return SubmitForReviewMenuItem()


@hooks.register("after_edit_page")
def go_to_review_form(request, page):
    if SUBMIT_ACTION in request.POST:
        return redirect("flows:submit_review", page_pk=page.pk)
    return None


class ProactiveClockPanel(Component):
    """综合科's view of items in review against the 20-working-day limit (S1.4)."""

    name = "proactive_clock"
    order = 60
    template_name = "publication_review/panels/proactive_clock.html"

    def get_context_data(self, parent_context):
        return {"rows": reviews_near_or_past_due()}


@hooks.register("construct_homepage_panels")
def add_proactive_clock_panel(request, panels):
    if request.user.has_perm("flows.collect_review"):
        panels.append(ProactiveClockPanel())


@hooks.register("construct_page_action_menu")
def hide_publish_for_disclosure_items(menu_items, request, context):
    """Disclosure items are published by the review's last step only (DESIGN.md decision 1)."""
    if isinstance(context.get("page"), DisclosureItemPage):
        menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-submit")]
