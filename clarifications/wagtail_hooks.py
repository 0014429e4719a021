from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


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
