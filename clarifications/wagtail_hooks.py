from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .models import ClarificationNoticePage


@hooks.register("register_admin_urls")
def register_clarification_urls():
    urls = [
        path("", views.ClarificationListView.as_view(), name="index"),
        path("new/", views.RegisterView.as_view(), name="register"),
        path("<int:pk>/", views.ClarificationDetailView.as_view(), name="detail"),
    ]
    return [
        path("clarifications/", include((urls, "clarifications_admin"), namespace="clarifications_admin"))
    ]


class ClarificationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("clarifications.view_clarification")


@hooks.register("register_admin_menu_item")
def register_clarification_menu_item():
    return ClarificationMenuItem(
        views.LIST_TITLE, reverse("clarifications_admin:index"), icon_name="warning", order=60
    )


@hooks.register("construct_page_action_menu")
def hide_publish_for_notices(menu_items, request, context):
    """A clarification notice goes live only by the approved process (S9.7); unpublishing stays possible."""
    if isinstance(context.get("page"), ClarificationNoticePage):
        menu_items[:] = [item for item in menu_items if item.name not in ("action-publish", "action-submit")]
