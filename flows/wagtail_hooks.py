from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cms_pages.models import DisclosureItemPage

from . import tasks, views
from .deadlines import reviews_near_or_past_due

SUBMIT_ACTION = "action-submit-review"


@hooks.register("register_admin_urls")
def register_flow_urls():
    urls = [
        path("", views.InboxView.as_view(), name="inbox"),
        path("tasks/<int:task_pk>/", views.TaskView.as_view(), name="task"),
        path("tasks/<int:task_pk>/claim/", views.claim_task, name="claim"),
        path("reviews/<int:review_pk>/", views.ReviewHistoryView.as_view(), name="review"),
        path("reviews/<int:review_pk>/form.pdf", views.review_form_download, name="review_form_pdf"),
        path("reviews/submit/<int:page_pk>/", views.SubmitReviewView.as_view(), name="submit_review"),
    ]
    return [path("inbox/", include((urls, "flows"), namespace="flows"))]


class InboxMenuItem(MenuItem):
    """待办审批, with the number of tasks waiting for this user (assigned and claimable)."""

    def render_component(self, request):
        component = super().render_component(request)
        waiting = tasks.waiting_count(request.user)
        if waiting:
            component.label = f"{self.label}（{waiting}）"
        return component


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem("待办审批", reverse("flows:inbox"), icon_name="tasks", order=50)


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


class InboxPanel(Component):
    name = "inbox"
    order = 50
    template_name = "flows/panels/inbox.html"

    def get_context_data(self, parent_context):
        """The user's own tasks and the pooled ones they may claim (the same rule as the inbox), each counted."""
        user = parent_context["request"].user
        mine, pool = tasks.inbox(user), tasks.queue(user)
        return {
            "csrf_token": parent_context.get("csrf_token"),  # the claim buttons post from the dashboard
            "rows": views.task_rows(mine[:10]),
            "mine_count": mine.count(),
            "pool_rows": views.task_rows(pool[:10]),
            "pool_count": pool.count(),
        }


class ProactiveClockPanel(Component):
    """综合科's view of items in review against the 20-working-day limit (S1.4)."""

    name = "proactive_clock"
    order = 60
    template_name = "flows/panels/proactive_clock.html"

    def get_context_data(self, parent_context):
        return {"rows": reviews_near_or_past_due()}


@hooks.register("construct_homepage_panels")
def add_flow_panels(request, panels):
    panels.append(InboxPanel())
    if request.user.has_perm("flows.collect_review"):
        panels.append(ProactiveClockPanel())


@hooks.register("construct_page_action_menu")
def hide_publish_for_disclosure_items(menu_items, request, context):
    """Disclosure items are published by the review's last step only (DESIGN.md decision 1)."""
    if isinstance(context.get("page"), DisclosureItemPage):
        menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-submit")]
