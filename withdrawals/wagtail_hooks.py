from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from cms_pages.models import DisclosureItemPage

from . import views


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    urls = [
        path("request/<int:page_pk>/", views.RequestWithdrawalView.as_view(), name="request"),
        path("<int:pk>/", views.WithdrawalDetailView.as_view(), name="detail"),
    ]
    return [path("withdrawals/", include((urls, "withdrawals"), namespace="withdrawals"))]


@hooks.register("register_page_header_buttons")
def request_withdrawal_button(page, user, view_name, next_url=None):
    if (
        page.live
        and page.specific_class is DisclosureItemPage
        and user.has_perm("withdrawals.request_withdrawal")
    ):
        url = reverse("withdrawals:request", args=[page.pk])
        yield PageMenuItem("申请撤回公开", url, icon_name="download", priority=55, page=page)


@hooks.register("register_log_actions")
def register_withdrawal_log(actions):
    @actions.register_action("withdrawals.withdraw")
    class WithdrawnAfterReview(LogFormatter):
        label = "撤回公开"

        def format_message(self, log_entry):
            return f"经撤回公开审核批准撤回（申请 #{log_entry.data.get('withdrawal')}）：{log_entry.data.get('reason')}"
