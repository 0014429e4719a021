"""Who may see and change which document (issue 13, point 3).

Anonymous visitors get a document only when a live item's live revision has it attached; drafts,
approval documents and consultation replies are for the staff whose work needs them. Attachments of
live or in-review items are not edited, replaced or deleted in place. Roles see their collections only.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Collection, GroupCollectionPermission

from cms_pages.documents import NOT_PUBLIC
from cms_pages.models import DisclosureItemAttachment
from cms_pages.publication import DOCUMENT_REFUSAL
from organisation.roles import INTERNAL_FILES, PUBLIC_FILES
from tests.support.admin import REFUSED_BY_ADMIN, outcome

from .conftest import make_document, pdf, refused, user


def not_public(response):
    assert response.status_code == 404
    assert NOT_PUBLIC in response.content.decode()
    return True


@pytest.fixture
def draft_with_attachment(live_item, catalogue):
    draft = live_item.copy(
        to=catalogue,
        update_attrs={"slug": "draft-copy", "title": "草稿", "index_number": None},
        keep_live=False,
    )
    document = make_document("草稿附件", Collection.objects.get(name=PUBLIC_FILES), "draft.pdf")
    DisclosureItemAttachment.objects.filter(item=draft).update(document=document)
    return draft, document


@pytest.mark.rule("S4.1")
def test_documents_are_served_through_the_view_that_checks(live_item):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert live_item.attachments.get().document.url.startswith("/documents/")


@pytest.mark.rule("S4.1")
def test_a_live_items_attachment_is_kept_in_the_private_root_and_served_to_anyone(live_item):
    document = live_item.attachments.get().document
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(Path(settings.GONGKAI_PRIVATE_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert Client().get(f"/media/{document.file.name}").status_code == 404
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == Path(stored).read_bytes()


@pytest.mark.rule("S4.1")
def test_only_a_live_items_attachment_is_served_to_anonymous_visitors(
    client, live_item, draft_with_attachment
):
    _, draft_document = draft_with_attachment
    internal = make_document("州财政局复函", name="reply.pdf")
    anonymous = Client()
    public = anonymous.get(live_item.attachments.get().document.url)
    assert public.status_code == 200 and b"".join(public.streaming_content).startswith(b"%PDF")
    assert not_public(anonymous.get(draft_document.url))
    assert not_public(anonymous.get(internal.url))

    client.force_login(user("zonghe"))  # 综合科 manages every collection
    assert client.get(internal.url).status_code == 200
    client.force_login(user("xinxiyuan"))  # 信息员: public attachments, and the drafts among them
    assert client.get(draft_document.url).status_code == 200
    assert not_public(client.get(internal.url))


@pytest.mark.rule("S4.1")
def test_reviewers_open_the_approval_document_of_a_review_and_the_public_does_not(client, demo, catalogue):
    from cms_pages.models import Category, DisclosureItemPage
    from tests.test_review_flow import submit

    approval = make_document("州财政局批准文件", Collection.objects.get(name=INTERNAL_FILES), "approval.pdf")
    draft = DisclosureItemPage(
        title="需要批准的信息",
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        live=False,
    )
    catalogue.add_child(instance=draft)
    draft.save_revision(user=user("xinxiyuan"))
    submit(client, draft, legal_approval_required="on", legal_approval=approval.pk)
    client.force_login(user("kezhang"))  # no file rights at all, but he reviews the item
    assert client.get(approval.url).status_code == 200
    assert not_public(Client().get(approval.url))


@pytest.mark.rule("S4.1")
def test_attachments_of_items_in_review_are_not_changed_in_place_and_of_drafts_they_are(
    client, live_item, draft_with_attachment
):
    from tests.test_review_flow import submit

    draft, document = draft_with_attachment
    client.force_login(user("xinxiyuan"))
    data = {"title": "草稿附件（第二稿）", "collection": document.collection_id, "file": pdf("draft2.pdf")}
    assert (
        client.post(f"/admin/documents/edit/{document.pk}/", data).status_code == 302
    )  # a draft's: editable
    draft.save_revision(user=user("xinxiyuan"))
    submit(client, draft)
    client.force_login(user("xinxiyuan"))
    data["title"] = "送审后偷换"
    assert refused(client.post(f"/admin/documents/edit/{document.pk}/", data), DOCUMENT_REFUSAL)
    document.refresh_from_db()
    assert document.title == "草稿附件（第二稿）"


@pytest.mark.rule("S4.1")
def test_roles_see_only_the_collections_their_work_needs(client, live_item):
    internal = make_document("内部整改材料", name="internal.pdf")
    root = Collection.get_first_root_node()
    for group in ("信息员", "信息发布员"):
        assert not GroupCollectionPermission.objects.filter(group__name=group, collection=root).exists()
    client.force_login(user("xinxiyuan"))
    listing = client.get("/admin/documents/").content.decode()
    assert "资金分配表" in listing and "内部整改材料" not in listing
    client.force_login(user("zonghe"))
    assert "内部整改材料" in client.get("/admin/documents/").content.decode()
    client.force_login(user("kezhang"))  # no file rights: Wagtail's own refusal
    assert outcome(client.get(f"/admin/documents/edit/{internal.pk}/")) == REFUSED_BY_ADMIN
