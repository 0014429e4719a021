"""The attacker's kit: the demo roles, a live item with an attachment, and what must not change."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, ModelLogEntry, PageLogEntry, PageViewRestriction, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms_pages.models import Category, DisclosureItemAttachment, DisclosureItemPage
from cms_pages.publication import authorised_publication
from organisation.roles import PUBLIC_FILES
from tests.support.people import user

# Every demo role (README), and the superuser.
ROLES = ("xinxiyuan", "kezhang", "fenguan", "zonghe", "baomi", "zhuren", "fabu", "admin")


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.GONGKAI_DEMO_ALLOWED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    call_command("load_demo", stdout=io.StringIO())


def pdf(name, text="公开附件"):
    return ContentFile(f"%PDF-1.4\n% {text}\n%%EOF\n".encode(), name=name)


def make_document(title, collection=None, name="notice.pdf"):
    collection = collection or Collection.get_first_root_node()
    return get_document_model().objects.create(title=title, file=pdf(name), collection=collection)


@pytest.fixture
def live_item(demo, catalogue):
    """A published item with an attachment, published twice (so there is an old revision to revert to)."""
    public_files = Collection.objects.get(name=PUBLIC_FILES)
    attachment = make_document("资金分配表", public_files, "allocation.pdf")
    item = DisclosureItemPage(
        title="2026年第一批州级财政衔接资金分配公告",
        slug="funds-2026-1",
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        formed=datetime.date(2026, 11, 20),
        body="<p>第一版正文</p>",
        live=False,
        owner=user("xinxiyuan"),
    )
    catalogue.add_child(instance=item)
    item.attachments.add(DisclosureItemAttachment(document=attachment, title="分配表"))
    with authorised_publication("test: published through its review"):
        item.save_revision(user=user("xinxiyuan")).publish()
        item.body = "<p>第二版正文</p>"
        item.save_revision(user=user("xinxiyuan")).publish()
    return DisclosureItemPage.objects.get(pk=item.pk)


def edit_form(item, **changes):
    """The page editor's POST for `item` (every field as the form sends it), with `changes`."""
    attachments = [
        {"id": row.pk or "", "document": row.document_id, "title": row.title, "ORDER": index + 1}
        for index, row in enumerate(item.attachments.all())
    ]
    fields = {
        "title": item.title,
        "slug": item.slug,
        "category": item.category_id,
        "publisher": item.publisher,
        "doc_number": item.doc_number,
        "subject_words": item.subject_words,
        "written": "",
        "formed": item.formed.isoformat(),
        "disclosure_method": item.disclosure_method,
        "document_kind": item.document_kind,
        "validity": item.validity,
        "invalid_from": "",
        "summary": item.summary,
        "body": rich_text(item.body),
        "attachments": inline_formset(attachments, initial=len(attachments)),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **changes,
    }
    return nested_form_data(fields)


def stored_state(item):
    """The item's row and revisions, every item's place, the audit trail and the documents."""
    stored = DisclosureItemPage.objects.get(pk=item.pk)
    return {
        "row": (stored.live, stored.live_revision_id, stored.latest_revision_id, stored.path, stored.title),
        "revisions": list(
            Revision.objects.filter(object_id=str(item.pk))
            .order_by("pk")
            .values_list("pk", "approved_go_live_at")
        ),
        "items": list(DisclosureItemPage.objects.order_by("pk").values_list("pk", "live", "path")),
        "audit": (PageLogEntry.objects.count(), ModelLogEntry.objects.count()),
        "documents": list(
            get_document_model().objects.order_by("pk").values_list("pk", "title", "file", "collection_id")
        ),
        "restrictions": PageViewRestriction.objects.count(),
    }


def public_state(item):
    """What the public sees of the item and the catalogue, and `stored_state`."""
    anonymous = Client()
    page = anonymous.get(DisclosureItemPage.objects.get(pk=item.pk).url)
    catalogue = anonymous.get("/catalogue/")
    return {
        "item page": (page.status_code, page.content),
        "catalogue": catalogue.content,
        **stored_state(item),
    }


def refused(response, message):
    """The one refusal: 403, with the reason in Chinese."""
    assert response.status_code == 403, (response.status_code, response.get("Location"))
    assert message in response.content.decode(), response.content.decode()[-2000:]
    return True
