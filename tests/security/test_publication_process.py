"""Only the processes publish: code that goes around them is refused where Wagtail acts, and the review
publishes a changed live item, routed by what was submitted; scheduled publication of a reviewed revision."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.publish_revision import PublishRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page, Revision

from cms_pages.models import Category, DisclosureItemPage, HomePage, StandardPage
from cms_pages.publication import REFUSAL, TAKEDOWN_REFUSAL, PublicationRefused, authorised_publication
from publication_review.flows import NewsReviewFlow, PublicationReviewFlow
from tests.test_review_flow import approve_chain, submit

from .conftest import edit_form, public_state, user

PAST = timezone.now() - datetime.timedelta(minutes=5)


def code_paths(item):
    """Code publishing or taking down the item without a process, as a script or a careless helper would."""
    revision = item.get_latest_revision()
    home = HomePage.objects.get()
    return [
        (REFUSAL, lambda: revision.publish()),
        (REFUSAL, lambda: revision.publish(user=user("admin"), skip_permission_checks=True)),
        (REFUSAL, lambda: item.publish(revision)),
        (
            REFUSAL,
            lambda: PublishPageRevisionAction(revision, user=user("zonghe")).execute(
                skip_permission_checks=True
            ),
        ),
        (REFUSAL, lambda: PublishRevisionAction(revision).execute()),
        (
            REFUSAL,
            lambda: item.copy(to=item.get_parent(), update_attrs={"slug": "copy-live"}, keep_live=True),
        ),
        (TAKEDOWN_REFUSAL, lambda: item.unpublish()),
        (TAKEDOWN_REFUSAL, lambda: UnpublishPageAction(item, user=user("admin")).execute()),
        (TAKEDOWN_REFUSAL, lambda: Page.objects.get(pk=item.pk).delete()),
        (TAKEDOWN_REFUSAL, lambda: item.move(home, pos="last-child")),
        (
            TAKEDOWN_REFUSAL,
            lambda: UnpublishPageAction(item.get_parent(), include_descendants=True).execute(),
        ),
    ]


def flip_live(item):
    stored = DisclosureItemPage.objects.get(pk=item.pk)
    stored.live = False
    stored.save()


@pytest.mark.rule("S4.1")
def test_code_is_refused_where_wagtail_publishes_unpublishes_deletes_moves_or_copies(live_item):
    before = public_state(live_item)
    for message, attempt in [*code_paths(live_item), (TAKEDOWN_REFUSAL, lambda: flip_live(live_item))]:
        with pytest.raises(PublicationRefused, match=message):
            attempt()
        assert public_state(live_item) == before


@pytest.mark.rule("S4.1")
@pytest.mark.rule("S4.4")
def test_a_change_to_a_live_item_goes_live_only_through_the_review(client, live_item):
    client.force_login(user("xinxiyuan"))
    client.post(f"/admin/pages/{live_item.pk}/edit/", edit_form(live_item, title="资金分配公告（更正）"))
    review = submit(client, live_item)
    assert review.flow_class is PublicationReviewFlow
    assert DisclosureItemPage.objects.get(pk=live_item.pk).title == live_item.title  # still the old one
    approve_chain(review)
    item = DisclosureItemPage.objects.get(pk=live_item.pk)
    assert item.title == "资金分配公告（更正）" and item.live_revision_id == review.revision_id
    assert "资金分配公告（更正）" in client.get(item.url).content.decode()


@pytest.mark.rule("S4.5")
@pytest.mark.rule("S4.6")
def test_moving_work_news_to_policy_takes_the_full_chain_and_reviewers_read_the_submitted_title(
    client, live_item
):
    news = Category.objects.get(slug="news")
    with authorised_publication("test: work news published through its review"):
        live_item.category = news
        live_item.save_revision().publish()
    item = DisclosureItemPage.objects.get(pk=live_item.pk)
    client.force_login(user("xinxiyuan"))
    policy = Category.objects.get(slug="policy")
    client.post(
        f"/admin/pages/{item.pk}/edit/", edit_form(item, title="改为政策文件的标题", category=policy.pk)
    )
    assert DisclosureItemPage.objects.get(pk=item.pk).category == news  # the live row is unchanged
    review = submit(client, item)
    assert review.flow_class is PublicationReviewFlow and review.flow_class is not NewsReviewFlow
    client.force_login(user("kezhang"))
    inbox = client.get("/admin/inbox/").content.decode()
    assert "改为政策文件的标题" in inbox and item.title not in inbox


def scheduled_draft(catalogue, slug, title, go_live_at):
    item = DisclosureItemPage(
        title=title,
        slug=slug,
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        live=False,
        go_live_at=go_live_at,
        owner=user("xinxiyuan"),
    )
    catalogue.add_child(instance=item)
    item.save_revision(user=user("xinxiyuan"))
    return item


def time_has_come(revision):
    """Move a scheduled revision's go-live time into the past, as if the day had arrived."""
    revision.content["go_live_at"] = PAST.isoformat()
    revision.approved_go_live_at = PAST
    revision.save(update_fields=["content", "approved_go_live_at"])


@pytest.mark.rule("S4.1")
def test_scheduled_publication_publishes_reviewed_revisions_only_and_one_failure_stops_nothing(
    client, live_item, catalogue
):
    forged = scheduled_draft(
        catalogue, "forged", "未经审核的定时发布", timezone.now() + datetime.timedelta(days=1)
    )
    Revision.objects.filter(pk=forged.latest_revision_id).update(
        approved_go_live_at=PAST - datetime.timedelta(hours=1)
    )
    time_has_come(Revision.objects.get(pk=forged.latest_revision_id))

    reviewed = scheduled_draft(
        catalogue, "reviewed", "经审核的定时发布", timezone.now() + datetime.timedelta(days=1)
    )
    review = submit(client, reviewed)
    approve_chain(review)
    assert not DisclosureItemPage.objects.get(pk=reviewed.pk).live  # scheduled, not yet live
    time_has_come(Revision.objects.get(pk=review.revision_id))

    guide = StandardPage(title="依申请公开须知", slug="notice", live=False, go_live_at=PAST)
    HomePage.objects.get().add_child(instance=guide)
    guide_revision = guide.save_revision()
    Revision.objects.filter(pk=guide_revision.pk).update(approved_go_live_at=PAST)
    DisclosureItemPage.objects.filter(pk=live_item.pk).update(expire_at=PAST)  # an expiry set around the form

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 项未能完成"):
        call_command("publish_scheduled", stdout=out, stderr=err)
    assert DisclosureItemPage.objects.get(pk=reviewed.pk).live
    assert StandardPage.objects.get(pk=guide.pk).live
    assert not DisclosureItemPage.objects.get(pk=forged.pk).live
    assert DisclosureItemPage.objects.get(pk=live_item.pk).live
    assert REFUSAL in err.getvalue() and TAKEDOWN_REFUSAL in err.getvalue()
    assert "经审核的定时发布——已完成" in out.getvalue()


@pytest.mark.rule("S4.1")
def test_an_expiry_date_cannot_be_saved_on_an_item(client, live_item):
    client.force_login(user("xinxiyuan"))
    expiring = edit_form(live_item, expire_at="2030-01-01 00:00")
    response = client.post(f"/admin/pages/{live_item.pk}/edit/", expiring)
    assert response.status_code == 200
    assert "公开事项不设到期下线时间" in response.content.decode()
    assert DisclosureItemPage.objects.get(pk=live_item.pk).latest_revision_id == live_item.latest_revision_id
