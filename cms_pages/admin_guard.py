"""The admin's requests that would publish, take down or alter public information, refused up front.

Wagtail's views check their own rights first and write a draft revision (and its audit entry) before
they publish, so each role would meet a different refusal after something had changed. This middleware
answers every such request — whoever sends it — with one 403 and the reason in Chinese, before the
view runs. The action guards (`cms_pages/guards.py`) stay behind it for every other caller.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.models import Page

from . import guards
from .documents import refuse_document_change
from .publication import REFUSAL, check_publication_allowed

PUBLISH = "action-publish"


def page_or_none(page_id):
    return Page.objects.filter(pk=page_id).first()


def edit(request, page_id, **kwargs):
    """Edit, and revert to an old revision: publishing (now or scheduled) is the review's."""
    page = page_or_none(page_id)
    if page and request.method == "POST" and request.POST.get(PUBLISH):
        guards.refuse_unreviewed_publication(page)


def add(request, content_type_app_name, content_type_model_name, **kwargs):
    content_type = ContentType.objects.filter(
        app_label=content_type_app_name, model=content_type_model_name
    ).first()
    model = content_type.model_class() if content_type else None
    if request.method == "POST" and request.POST.get(PUBLISH) and model and guards.is_item_class(model):
        check_publication_allowed(REFUSAL)


def unpublish(request, page_id, **kwargs):
    if page := page_or_none(page_id):
        guards.refuse_takedown(page)


def delete(request, page_id, **kwargs):
    if page := page_or_none(page_id):
        guards.refuse_deletion(page)


def move(request, page_to_move_id, destination_id=None, **kwargs):
    page = page_or_none(page_to_move_id)
    destination = page_or_none(destination_id) if destination_id else None
    if page and destination:
        guards.refuse_move(page, destination)
    elif page:
        guards.refuse_moving(page)


def copy(request, page_id, **kwargs):
    page = page_or_none(page_id)
    if page and request.method == "POST" and request.POST.get("publish_copies"):
        guards.refuse_live_copy(page, recursive=bool(request.POST.get("copy_subpages")))


def set_privacy(request, page_id, **kwargs):
    """A view restriction takes the items below it off the public site."""
    page = page_or_none(page_id)
    if page and request.method == "POST":
        guards.refuse_takedown(page)


def document(request, document_id=None, doc_id=None, **kwargs):
    found = get_document_model().objects.filter(pk=document_id or doc_id).first()
    if found:
        refuse_document_change(found)


PAGE_BULK_GUARDS = {
    "unpublish": guards.refuse_takedown,
    "delete": guards.refuse_deletion,
    "move": guards.refuse_moving,
}
DOCUMENT_BULK_ACTIONS = ("delete", "add_to_collection")


def bulk_action(request, app_label, model_name, action, **kwargs):
    ids = request.GET.getlist("id")
    if app_label == "wagtailcore" and model_name == "page":
        pages = bulk_pages(ids, request.GET.get("childOf"))
        for page in pages:
            bulk_page_guard(request, action, page)
    elif app_label == "wagtaildocs" and action in DOCUMENT_BULK_ACTIONS:
        for found in get_document_model().objects.filter(pk__in=[pk for pk in ids if pk.isdigit()]):
            refuse_document_change(found)


def bulk_pages(ids, parent_id):
    if "all" in ids:
        parent = page_or_none(parent_id) if parent_id and parent_id.isdigit() else None
        return parent.get_children() if parent else Page.objects.none()
    return Page.objects.filter(pk__in=[pk for pk in ids if pk.isdigit()])


def bulk_page_guard(request, action, page):
    if action == "publish":
        guards.refuse_unreviewed_publication(page)
        if request.POST.get("include_descendants") and guards.items_within(page).exists():
            check_publication_allowed(REFUSAL)
    elif action in PAGE_BULK_GUARDS:
        PAGE_BULK_GUARDS[action](page)


GUARDED_VIEWS = {
    "wagtailadmin_pages:edit": edit,
    "wagtailadmin_pages:revisions_revert": edit,
    "wagtailadmin_pages:add": add,
    "wagtailadmin_pages:unpublish": unpublish,
    "wagtailadmin_pages:delete": delete,
    "wagtailadmin_pages:move": move,
    "wagtailadmin_pages:move_confirm": move,
    "wagtailadmin_pages:copy": copy,
    "wagtailadmin_pages:set_privacy": set_privacy,
    "wagtail_bulk_action": bulk_action,
    "wagtaildocs:edit": document,
    "wagtaildocs:delete": document,
    "wagtaildocs:edit_multiple": document,
    "wagtaildocs:delete_multiple": document,
}


class PublicationGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        guard = GUARDED_VIEWS.get(request.resolver_match.view_name)
        if guard is not None and request.user.is_authenticated:
            guard(request, **view_kwargs)
        return None
