"""The withdrawal request form (on a published item) and each request's record page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit.trail import entries
from cms_pages.models import DisclosureItemPage
from organisation.models import Department
from publication_review.models import PublicationReview

from .flows import WithdrawalFlow
from .forms import RequestForm
from .models import Withdrawal

NOT_ALLOWED = "您无权提出撤回公开申请（信息员、综合科可以申请）。"
NOT_LIVE = "只有已发布的公开事项可以申请撤回。"
ALREADY_OPEN = "该信息已有未办结的撤回申请或发布审核，请办结后再申请。"


def refuse(request, reason):
    """403 with the reason (a PermissionDenied raised in an admin view becomes Wagtail's generic redirect)."""
    return TemplateResponse(request, "403.html", {"exception": reason}, status=403)


def open_process_for(item):
    return (
        Withdrawal.objects.filter(page=item, outcome=Withdrawal.Outcome.IN_REVIEW).exists()
        or PublicationReview.objects.filter(page=item, outcome=PublicationReview.Outcome.IN_REVIEW).exists()
    )


class RequestWithdrawalView(WagtailAdminTemplateMixin, FormView):
    page_title = "申请撤回公开"
    header_icon = "doc-empty"
    template_name = "withdrawals/request.html"
    form_class = RequestForm

    def dispatch(self, request, *args, **kwargs):
        self.item = get_object_or_404(DisclosureItemPage, pk=kwargs["page_pk"])
        if not request.user.has_perm("withdrawals.request_withdrawal"):
            return refuse(request, NOT_ALLOWED)
        if not self.item.live:
            return refuse(request, NOT_LIVE)
        if open_process_for(self.item):
            return refuse(request, ALREADY_OPEN)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.item.title

    def get_initial(self):
        user = self.request.user
        return {"department": Department.objects.filter(Q(information_officer=user) | Q(head=user)).first()}

    def form_valid(self, form):
        withdrawal = WithdrawalFlow.start.run(page=self.item, user=self.request.user, request_form=form)
        messages.success(self.request, "已提出撤回申请，经科室负责人审核、综合科批准后撤回。")
        return redirect(withdrawal.get_admin_url())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item}


class WithdrawalDetailView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "history"
    template_name = "withdrawals/detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.withdrawal = get_object_or_404(Withdrawal, pk=kwargs["pk"])
        if not can_see(request.user, self.withdrawal):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"撤回公开：{self.withdrawal.page.title}"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "withdrawal": self.withdrawal}


def can_see(user, withdrawal):
    return (
        user.has_perm("withdrawals.view_withdrawal")
        or withdrawal.requested_by_id == user.pk
        or entries(withdrawal).filter(user=user).exists()
    )
