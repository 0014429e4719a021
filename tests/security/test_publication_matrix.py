"""Every role × every publishing, unpublishing and attachment path, posted straight to Wagtail's views.

Each attempt must be refused with the one answer (403 and the reason in Chinese), and leave the public
site, the item's revisions and the audit trail exactly as they were. Only the processes publish or
take down (tests/security/test_publication_process.py).
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms_pages.models import CataloguePage, HomePage
from cms_pages.publication import DOCUMENT_REFUSAL, REFUSAL, TAKEDOWN_REFUSAL

from .conftest import ROLES, edit_form, pdf, public_state, refused, stored_state, user

TOMORROW = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")


def publish_edit(client, item):
    return client.post(
        f"/admin/pages/{item.pk}/edit/", edit_form(item, title="未经审核的新标题", **{"action-publish": "1"})
    )


def schedule_edit(client, item):
    data = edit_form(item, title="定时发布未审核的版本", go_live_at=TOMORROW, **{"action-publish": "1"})
    return client.post(f"/admin/pages/{item.pk}/edit/", data)


def revert_and_publish(client, item):
    first = item.revisions.order_by("pk").first()
    data = edit_form(first.as_object(), **{"action-publish": "1"})
    return client.post(f"/admin/pages/{item.pk}/revisions/{first.pk}/revert/", data)


def bulk_publish(client, item):
    return client.post(f"/admin/bulk/wagtailcore/page/publish/?id={item.pk}", {})


def bulk_publish_catalogue_with_descendants(client, item):
    catalogue = CataloguePage.objects.get()
    url = f"/admin/bulk/wagtailcore/page/publish/?id={catalogue.pk}"
    return client.post(url, {"include_descendants": "on"})


def copy_and_publish(client, item):
    data = {
        "new_title": "复制并发布",
        "new_slug": "copied-and-published",
        "new_parent_page": item.get_parent().pk,
        "publish_copies": "on",
    }
    return client.post(f"/admin/pages/{item.pk}/copy/", data)


def create_and_publish(client, item):
    data = edit_form(item, title="新建即发布", slug="created-and-published", **{"action-publish": "1"})
    return client.post(f"/admin/pages/add/cms_pages/disclosureitempage/{item.get_parent().pk}/", data)


def unpublish(client, item):
    return client.post(f"/admin/pages/{item.pk}/unpublish/", {})


def unpublish_catalogue(client, item):
    catalogue = CataloguePage.objects.get()
    return client.post(f"/admin/pages/{catalogue.pk}/unpublish/", {"include_descendants": "on"})


def bulk_unpublish(client, item):
    return client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={item.pk}", {})


def delete(client, item):
    return client.post(f"/admin/pages/{item.pk}/delete/", {})


def bulk_delete(client, item):
    return client.post(f"/admin/bulk/wagtailcore/page/delete/?id={item.pk}", {})


def move_out_of_catalogue(client, item):
    home = HomePage.objects.get()
    return client.post(f"/admin/pages/{item.pk}/move/{home.pk}/confirm/", {})


def bulk_move(client, item):
    home = HomePage.objects.get()
    return client.post(f"/admin/bulk/wagtailcore/page/move/?id={item.pk}", {"chooser": home.pk})


def restrict_view(client, item):
    return client.post(f"/admin/pages/{item.pk}/privacy/", {"restriction_type": "login"})


def attachment(item):
    return item.attachments.get().document


def edit_attachment(client, item):
    document = attachment(item)
    data = {
        "title": "替换后的附件",
        "collection": document.collection_id,
        "file": pdf("replaced.pdf", "替换"),
    }
    return client.post(f"/admin/documents/edit/{document.pk}/", data)


def edit_attachment_in_upload_form(client, item):
    document = attachment(item)
    prefix = f"doc-{document.pk}"
    data = {f"{prefix}-title": "改名", f"{prefix}-collection": document.collection_id, f"{prefix}-tags": ""}
    return client.post(f"/admin/documents/multiple/{document.pk}/", data)


def delete_attachment(client, item):
    return client.post(f"/admin/documents/delete/{attachment(item).pk}/", {})


def bulk_delete_attachment(client, item):
    return client.post(f"/admin/bulk/wagtaildocs/document/delete/?id={attachment(item).pk}", {})


PUBLISHING = (
    publish_edit,
    schedule_edit,
    revert_and_publish,
    bulk_publish,
    bulk_publish_catalogue_with_descendants,
    copy_and_publish,
    create_and_publish,
)
TAKING_DOWN = (
    unpublish,
    unpublish_catalogue,
    bulk_unpublish,
    delete,
    bulk_delete,
    move_out_of_catalogue,
    bulk_move,
    restrict_view,
)
ATTACHMENTS = (edit_attachment, edit_attachment_in_upload_form, delete_attachment, bulk_delete_attachment)
PATHS = [(path, REFUSAL) for path in PUBLISHING] + [(path, TAKEDOWN_REFUSAL) for path in TAKING_DOWN]
PATHS += [(path, DOCUMENT_REFUSAL) for path in ATTACHMENTS]


@pytest.mark.rule("S4.1")
def test_every_role_is_refused_on_every_path_and_nothing_changes(client, live_item):
    before = public_state(live_item)
    stored_before = stored_state(live_item)
    for username in ROLES:
        client.force_login(user(username))
        for path, message in PATHS:
            response = path(client, live_item)
            assert refused(response, message), (username, path.__name__)
            assert stored_state(live_item) == stored_before, (username, path.__name__)
        assert public_state(live_item) == before, username


@pytest.mark.rule("S4.1")
def test_the_same_requests_reach_wagtail_when_they_publish_nothing(client, live_item):
    """Control: the edit form is valid — saving it as a draft works; only publishing is refused."""
    client.force_login(user("zonghe"))
    response = client.post(f"/admin/pages/{live_item.pk}/edit/", edit_form(live_item, title="草稿改动"))
    assert response.status_code == 302
    stored = Page.objects.get(pk=live_item.pk).specific
    assert stored.get_latest_revision().content["title"] == "草稿改动"
    assert stored.title == live_item.title and stored.live_revision_id == live_item.live_revision_id
