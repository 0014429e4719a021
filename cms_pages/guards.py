"""Where Wagtail publishes, unpublishes, deletes, moves or copies a page, public information is guarded.

Every admin view, bulk action, API and `Revision.publish()` ends in one of Wagtail's action classes, so
`install()` wraps their `execute` (DESIGN.md decision 10): a publication of a disclosure item (now or
scheduled, a new revision of a live item, a revert, a live copy) needs the review's authority, and
taking public information down (unpublish, expiry, delete, move out of the catalogue) needs the
withdrawal process's. `cms_pages/admin_guard.py` refuses the same requests earlier, before a view
writes anything; `DisclosureItemPage.save()` catches code that flips `live` itself.
"""

import functools

from django.apps import apps
from django.db.models import Q
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import Page

from .publication import REFUSAL, TAKEDOWN_REFUSAL, authorised_publication, check_publication_allowed


def disclosure_items():
    from .models import DisclosureItemPage

    return DisclosureItemPage.objects.all()


def is_item_class(model):
    from .models import DisclosureItemPage

    return issubclass(model, DisclosureItemPage)


def is_disclosure_item(page):
    return isinstance(page, Page) and is_item_class(page.specific_class or type(page))


def items_within(page):
    """The disclosure items at or below `page`."""
    return disclosure_items().filter(path__startswith=page.path)


def public_items_within(page):
    return items_within(page).filter(live=True)


def recorded_items_within(page):
    """Items whose removal would lose a record: live, ever published, or ever submitted for review."""
    PublicationReview = apps.get_model("flows", "PublicationReview")

    reviewed = PublicationReview.objects.values("page_id")
    return items_within(page).filter(
        Q(live=True)
        | Q(first_published_at__isnull=False)
        | Q(index_number__isnull=False)
        | Q(pk__in=reviewed)
    )


def refuse_unreviewed_publication(page):
    if is_disclosure_item(page):
        check_publication_allowed(REFUSAL)


def refuse_takedown(page):
    if isinstance(page, Page) and public_items_within(page).exists():
        check_publication_allowed(TAKEDOWN_REFUSAL)


def refuse_deletion(page):
    if recorded_items_within(page).exists():
        check_publication_allowed(TAKEDOWN_REFUSAL)


def refuse_moving(page):
    """Items have one place, the catalogue: moving them anywhere else takes them out of it."""
    if recorded_items_within(page).exists():
        check_publication_allowed(TAKEDOWN_REFUSAL)


def refuse_move(page, new_parent):
    if new_parent.pk != page.get_parent().pk:
        refuse_moving(page)


def refuse_live_copy(page, recursive):
    live_items = public_items_within(page) if recursive else disclosure_items().filter(pk=page.pk, live=True)
    if live_items.exists():
        check_publication_allowed(REFUSAL)


def refuse_live_change(item, update_fields):
    """A save that makes an item live, gives it another live revision or takes it down (code paths)."""
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return
    stored = disclosure_items().filter(pk=item.pk).values("live", "live_revision_id").first()
    if item.live and (
        stored is None or not stored["live"] or stored["live_revision_id"] != item.live_revision_id
    ):
        check_publication_allowed(REFUSAL)
    if not item.live and stored is not None and stored["live"]:
        check_publication_allowed(TAKEDOWN_REFUSAL)


def move_target_parent(action):
    return (
        action.target
        if action.pos in ("first-child", "last-child", "sorted-child")
        else action.target.get_parent()
    )


GUARDS = (
    (PublishRevisionAction, lambda action: refuse_unreviewed_publication(action.object)),
    (UnpublishAction, lambda action: refuse_takedown(action.object)),
    (DeletePageAction, lambda action: refuse_deletion(action.page)),
    (MovePageAction, lambda action: refuse_move(action.page, move_target_parent(action))),
    (CopyPageAction, lambda action: action.keep_live and refuse_live_copy(action.page, action.recursive)),
)


def guarded(execute, guard):
    @functools.wraps(execute)
    def execute_if_authorised(action, *args, **kwargs):
        guard(action)
        return execute(action, *args, **kwargs)

    execute_if_authorised.publication_guard = guard
    return execute_if_authorised


def install():
    """Wrap each action's execute once (AppConfig.ready)."""
    for action_class, guard in GUARDS:
        if not hasattr(action_class.execute, "publication_guard"):
            action_class.execute = guarded(action_class.execute, guard)


def scheduled_authority(revision):
    """The review that approved this revision, in words for the audit trail; None if none did."""
    PublicationReview = apps.get_model("flows", "PublicationReview")

    review = PublicationReview.objects.filter(
        revision=revision, outcome=PublicationReview.Outcome.PUBLISHED
    ).first()
    return f"定时发布：发布审核 #{review.pk}" if review else None


def publish_scheduled_revision(revision):
    """A scheduled revision whose time has come: a disclosure item's only if its review approved it."""
    authority = scheduled_authority(revision)
    if authority is None:
        return revision.publish(log_action="wagtail.publish.scheduled")
    with authorised_publication(authority):
        return revision.publish(log_action="wagtail.publish.scheduled")
