from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import tasks, views

# Apps add their process pages under the engine's namespace (`flows:`) with this hook.
PROCESS_URLS_HOOK = "register_workflow_urls"


@hooks.register("register_admin_urls")
def register_flow_urls():
    urls = [
        path("", views.InboxView.as_view(), name="inbox"),
        path("tasks/<int:task_pk>/", views.TaskView.as_view(), name="task"),
        path("tasks/<int:task_pk>/claim/", views.claim_task, name="claim"),
    ]
    for process_urls in hooks.get_hooks(PROCESS_URLS_HOOK):
        urls.extend(process_urls())
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


class InboxPanel(Component):
    name = "inbox"
    order = 50
    template_name = "workflow/panels/inbox.html"

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


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels):
    panels.append(InboxPanel())
