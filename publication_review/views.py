"""The review's own admin pages: submitting an item, the review's record, the review form as PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView
from wagtail.models import Page

from cms_pages.models import Channel
from organisation.models import Department
from workflow.views import FlowAdminView, ProcessHistoryView

from . import services
from .documents import review_form_pdf
from .flows import NewsReviewFlow, PublicationReviewFlow
from .forms import SubmitForm
from .kinds import review_context
from .models import PublicationReview
from .submitted import submitted_title, submitted_version

NEWS_CATEGORY = "news"
DEFAULT_CHANNELS = ("website", "feed", "api")


class ReviewHistoryView(ProcessHistoryView):
    template_name = "publication_review/review_history.html"

    def get_process(self):
        review = get_object_or_404(PublicationReview, pk=self.kwargs["review_pk"])
        if not can_see_review(self.request.user, review):
            raise PermissionDenied
        return review

    def get_page_title(self):
        return f"审核记录：{submitted_title(self.process)}"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **review_context(self.process)}


def review_form_download(request, review_pk):
    """审核及保密审查表 as a PDF, with every opinion given so far."""
    review = get_object_or_404(PublicationReview, pk=review_pk)
    if not can_see_review(request.user, review):
        raise PermissionDenied
    response = HttpResponse(review_form_pdf(review), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="review-form-{review.pk}.pdf"'
    return response


def can_see_review(user, review):
    return (
        user.has_perm("flows.view_publicationreview")
        or review.submitted_by_id == user.pk
        or services.has_reviewed(review, user)
    )


class SubmitReviewView(FlowAdminView, FormView):
    """信息员报送: the review form for the latest saved draft of an item."""

    page_title = "报送保密审查"
    header_icon = "doc-full"
    template_name = "publication_review/submit.html"
    form_class = SubmitForm

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_pk"]).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if open_review(self.page) is not None:
            messages.warning(request, "该信息正在审核中，不能重复报送。")
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.title

    def get_initial(self):
        draft = self.page.get_latest_revision_as_object()
        return {
            "formed": getattr(draft, "formed", None),
            "department": default_department(self.request.user),
            "channels": Channel.objects.filter(code__in=DEFAULT_CHANNELS),
        }

    def form_valid(self, form):
        review = flow_for(self.page).submit.run(page=self.page, user=self.request.user, review_form=form)
        messages.success(self.request, "已报送，进入保密审查。审查期间页面锁定，不能修改。")
        return redirect("flows:review", review_pk=review.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page": self.page}


def flow_for(page):
    """Work news (工作动态) takes the short chain of S4.6; everything else the full review of rule 4.

    Judged by the submitted revision: an item moved from 工作动态 to 政策文件 gets the full chain."""
    category = submitted_version(page).category
    return NewsReviewFlow if category.slug == NEWS_CATEGORY else PublicationReviewFlow


def open_review(page):
    return PublicationReview.objects.filter(page=page, outcome=PublicationReview.Outcome.IN_REVIEW).first()


def default_department(user):
    return Department.objects.filter(Q(information_officer=user) | Q(head=user)).first()
