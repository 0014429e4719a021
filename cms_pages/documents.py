"""Attachments belong to the reviewed revision, and only public ones are served to the public (S4.1).

A document attached to a live item, or to one in review, cannot be edited, replaced or deleted in
place (a new file is a new revision, through the review). `/documents/<id>/<file>` serves a document
to anyone only when a live item's live revision has it attached; anything else (drafts, consultation
replies, approval documents, rectification proof) only to staff whose work needs it.
"""

from django.apps import apps
from django.db.models import Q
from django.template.response import TemplateResponse
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from .publication import DOCUMENT_REFUSAL, check_publication_allowed

NOT_PUBLIC = "该文件不存在或未公开。"

# Internal files linked from process records: (model, field, the right that lets a user see the record).
INTERNAL_LINKS = (
    ("flows.PublicationReview", "legal_approval", "flows.view_publicationreview"),
    ("flows.Consultation", "reply_document", "flows.view_publicationreview"),
    ("accountability.AccountabilityCase", "rectification_proof", "accountability.view_accountabilitycase"),
)


def attachments_of(document):
    from .models import DisclosureItemAttachment

    return DisclosureItemAttachment.objects.filter(document=document)


def is_protected(document):
    """Attached to an item that is live or in review."""
    PublicationReview = apps.get_model("flows", "PublicationReview")

    in_review = PublicationReview.objects.filter(outcome=PublicationReview.Outcome.IN_REVIEW).values(
        "page_id"
    )
    return (
        attachments_of(document)
        .filter(Q(item__live=True) | Q(item__locked=True) | Q(item_id__in=in_review))
        .exists()
    )


def refuse_document_change(document):
    if is_protected(document):
        check_publication_allowed(DOCUMENT_REFUSAL)


def attached_document_ids(revision_content):
    return {row.get("document") for row in revision_content.get("attachments", [])}


def is_public(document):
    """Attached to a live item's live revision."""
    from .models import DisclosureItemPage

    live_items = (
        DisclosureItemPage.objects.live()
        .filter(attachments__document=document)
        .select_related("live_revision")
    )
    return any(
        item.live_revision and document.pk in attached_document_ids(item.live_revision.content)
        for item in live_items
    )


def may_see(user, document):
    if not (user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    if policy.user_has_any_permission_for_instance(user, ["add", "change", "choose"], document):
        return True
    return any(
        user.has_perm(right) and apps.get_model(model)._default_manager.filter(**{field: document}).exists()
        for model, field, right in INTERNAL_LINKS
    )


def serve_public_or_permitted(document, request):
    """The `before_serve_document` hook: a response refuses, None lets Wagtail serve the file."""
    if is_public(document) or may_see(request.user, document):
        return None
    return TemplateResponse(
        request, "cms_pages/document_not_public.html", {"message": NOT_PUBLIC}, status=404
    )
