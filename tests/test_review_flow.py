"""Review before publishing: the confidentiality chain of rule 4, in code and through the admin."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from viewflow.workflow.status import STATUS

from cms_pages.models import Category, DisclosureItemPage
from flows import tasks
from flows.flows import PublicationReviewFlow
from flows.models import PublicationReview, ReviewOpinion
from organisation.models import Department

OPEN = [STATUS.NEW, STATUS.ASSIGNED]


@pytest.fixture
def demo(db, settings):
    settings.GONGKAI_DEMO_ALLOWED = True
    call_command("load_demo", stdout=io.StringIO())


def user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def draft(demo, catalogue):
    item = DisclosureItemPage(
        title="2026年第一批州级财政衔接资金分配公告",
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        formed=datetime.date(2026, 11, 20),
        body="<p>第一版正文</p>",
        live=False,
        owner=user("xinxiyuan"),
    )
    catalogue.add_child(instance=item)
    item.save_revision(user=user("xinxiyuan"))
    return item


REVIEW_FORM = {
    "formed": "2026-11-20",
    "secrecy_handling": "none",
    "secrecy_note": "",
    "other_agencies": "",
    "deadline_basis": "",
}


def submit(client, item, **overrides):
    client.force_login(user("xinxiyuan"))
    data = {**REVIEW_FORM, "department": Department.objects.get(name="项目管理科").pk, **overrides}
    response = client.post(f"/admin/inbox/reviews/submit/{item.pk}/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return PublicationReview.objects.get(page=item, outcome=PublicationReview.Outcome.IN_REVIEW)


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def open_task(review, step):
    return review.task_set.get(flow_task=getattr(PublicationReviewFlow, step), status__in=OPEN)


def decide(review, step, username, decision="approve", opinion="同意", **extra):
    task, reviewer = open_task(review, step), user(username)
    if task.status == STATUS.NEW:
        tasks.claim(task, reviewer)
        task.refresh_from_db()
    form = task.flow_task.form_class(
        data={"decision": decision, "opinion": opinion, **extra}, task=task, user=reviewer
    )
    assert form.is_valid(), form.errors
    tasks.complete(task, reviewer, form)
    review.refresh_from_db()


def approve_chain(review):
    for step, username in (
        ("section_head_review", "kezhang"),
        ("leader_in_charge_review", "fenguan"),
        ("general_office_collects", "zonghe"),
        ("confidentiality_group_approval", "baomi"),
    ):
        decide(review, step, username)


@pytest.mark.rule("S4.4")
@pytest.mark.rule("S4.1")
def test_normal_chain_publishes_the_submitted_revision_with_every_opinion(client, draft):
    review = submit(client, draft)
    submitted = review.revision
    draft.refresh_from_db()
    assert draft.locked and not draft.live
    approve_chain(review)

    item = DisclosureItemPage.objects.get(pk=draft.pk)
    assert item.live and item.live_revision_id == submitted.pk and not item.locked
    assert item.index_number.startswith("11532300015167874P-/")
    assert review.outcome == PublicationReview.Outcome.PUBLISHED
    steps = list(review.opinions.values_list("step_label", "decision", "reviewer__username"))
    assert steps == [
        ("信息员报送", "submit", "xinxiyuan"),
        ("科室负责人审查", "approve", "kezhang"),
        ("分管领导审查", "approve", "fenguan"),
        ("综合科收集审查", "approve", "zonghe"),
        ("保密工作领导小组审查核准", "approve", "baomi"),
    ]
    assert client.get(item.url).status_code == 200


@pytest.mark.rule("S4.4")
def test_major_items_need_the_main_leader(client, draft):
    review = submit(client, draft, is_major="on")
    approve_chain(review)
    assert not DisclosureItemPage.objects.get(pk=draft.pk).live
    decide(review, "main_leader_approval", "zhuren")
    assert DisclosureItemPage.objects.get(pk=draft.pk).live


@pytest.mark.rule("S4.4")
def test_returned_item_is_revised_and_the_chain_restarts_on_the_new_revision(client, draft):
    review = submit(client, draft)
    first_revision = review.revision_id
    decide(review, "section_head_review", "kezhang", "return", "资金表缺少县市名称")
    draft.refresh_from_db()
    assert not draft.locked
    assert ReviewOpinion.objects.filter(review=review, decision="return", opinion="资金表缺少县市名称").exists()

    task = open_task(review, "revise")
    assert task.owner == user("xinxiyuan")
    unchanged = task.flow_task.form_class(data={"resubmit": "1"}, task=task, user=user("xinxiyuan"))
    assert not unchanged.is_valid() and "请先在页面编辑中修改" in str(unchanged.errors)

    draft.body = "<p>第二版正文，补充县市名称</p>"
    draft.save_revision(user=user("xinxiyuan"))
    form = task.flow_task.form_class(data={"resubmit": "1", "note": "已补充"}, task=task, user=user("xinxiyuan"))
    assert form.is_valid(), form.errors
    tasks.complete(task, user("xinxiyuan"), form)
    review.refresh_from_db()
    assert review.revision_id != first_revision
    approve_chain(review)
    assert "第二版正文" in DisclosureItemPage.objects.get(pk=draft.pk).body


@pytest.mark.rule("S1.4")
@pytest.mark.rule("S3.3")
def test_referred_item_waits_for_the_secrecy_department_then_resumes(client, draft):
    review = submit(client, draft)
    decide(review, "section_head_review", "kezhang")
    decide(review, "leader_in_charge_review", "fenguan", "refer", "涉及扶贫对象名单，不能确定是否可以公开")
    assert not review.task_set.filter(flow_task=PublicationReviewFlow.general_office_collects).exists()
    decide(
        review,
        "refer_to_secrecy_department",
        "zonghe",
        decision=None,
        opinion=None,
        department="楚雄州国家保密局",
        may_publish="1",
        answer="楚保函〔2026〕8号：删除身份证号后可以公开",
    )
    assert open_task(review, "leader_in_charge_review").owner == user("fenguan")
    decide(review, "leader_in_charge_review", "fenguan")
    decide(review, "general_office_collects", "zonghe")
    decide(review, "confidentiality_group_approval", "baomi")
    assert DisclosureItemPage.objects.get(pk=draft.pk).live


@pytest.mark.rule("S3.3")
def test_secrecy_department_refusal_withholds_the_item(client, draft):
    review = submit(client, draft)
    decide(review, "section_head_review", "kezhang", "refer", "可能涉密")
    decide(
        review,
        "refer_to_secrecy_department",
        "zonghe",
        department="楚雄州国家保密局",
        may_publish="0",
        answer="属于工作秘密，不得公开",
    )
    assert review.outcome == PublicationReview.Outcome.WITHHELD
    draft.refresh_from_db()
    assert not draft.live and not draft.locked


@pytest.mark.rule("S1.2")
@pytest.mark.rule("S3.2")
def test_secrets_and_privacy_need_consent_public_interest_or_redaction(client, draft):
    client.force_login(user("xinxiyuan"))
    url = f"/admin/inbox/reviews/submit/{draft.pk}/"
    base = {**REVIEW_FORM, "department": Department.objects.get(name="项目管理科").pk}
    page = client.post(url, {**base, "touches_state_secrets": "on", "secrecy_handling": "consent", "secrecy_note": "x"})
    assert "涉及国家秘密的信息不得公开" in page.content.decode()
    page = client.post(url, {**base, "touches_privacy": "on"})
    assert "须取得权利人同意" in page.content.decode()
    page = client.post(url, {**base, "touches_privacy": "on", "secrecy_handling": "consent"})
    assert "请说明处理情况" in page.content.decode()
    assert not PublicationReview.objects.exists()
    submit(client, draft, touches_privacy="on", secrecy_handling="redacted", secrecy_note="已删除身份证号")


@pytest.mark.rule("S4.1")
def test_edits_after_submission_do_not_change_what_goes_live(client, draft):
    review = submit(client, draft)
    client.force_login(user("xinxiyuan"))
    client.post(f"/admin/pages/{draft.pk}/edit/", {"title": "篡改", "slug": draft.slug})
    assert "篡改" not in DisclosureItemPage.objects.get(pk=draft.pk).get_latest_revision().content["title"]
    assert DisclosureItemPage.objects.get(pk=draft.pk).get_latest_revision().pk == review.revision_id
    later = DisclosureItemPage.objects.get(pk=draft.pk)
    later.body = "<p>送审后代码直接写入的版本</p>"
    later.save_revision()  # code ignores locks: the approved revision must still be the one that goes live
    approve_chain(review)
    item = DisclosureItemPage.objects.get(pk=draft.pk)
    assert item.live_revision_id == review.revision_id and "第一版正文" in item.body
    assert item.has_unpublished_changes


@pytest.mark.rule("S4.1")
def test_nobody_publishes_around_the_review(client, draft, catalogue):
    from cms_pages.publication import REFUSAL

    client.force_login(user("zonghe"))  # holds page publish rights, for the guide
    edit = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in edit and "保存并报送审查" in edit
    client.post(f"/admin/pages/{draft.pk}/edit/", {"title": draft.title, "slug": draft.slug, "action-publish": "1"})
    assert not DisclosureItemPage.objects.get(pk=draft.pk).live

    with pytest.raises(PermissionDenied, match=REFUSAL):
        draft.get_latest_revision().publish(skip_permission_checks=True)
    sneaky = DisclosureItemPage(title="绕过审核", category=draft.category, publisher="x", live=True)
    with pytest.raises(PermissionDenied):
        catalogue.add_child(instance=sneaky)

    client.force_login(user("admin"))
    assert client.get("/django-admin/wagtailcore/page/").status_code == 404
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.post(f"/api/v3-preview/pages/{draft.pk}/actions/publish/").status_code == 404
    assert not DisclosureItemPage.objects.get(pk=draft.pk).live


@pytest.mark.rule("S4.4")
def test_inbox_menu_count_claim_and_task_form_in_the_admin(client, draft):
    review = submit(client, draft)
    client.force_login(user("kezhang"))
    home = client.get("/admin/").content.decode()
    assert "待办审批（1）".encode("unicode_escape").decode() in home  # the sidebar's JSON
    inbox = client.get("/admin/inbox/").content.decode()
    assert draft.title in inbox and "科室负责人审查" in inbox
    task = open_task(review, "section_head_review")
    page = client.get(f"/admin/inbox/tasks/{task.pk}/").content.decode()
    assert "审核及保密审查表" in page and "项目管理科" in page
    response = client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "return", "opinion": ""})
    assert "请写明理由" in response.content.decode()
    client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "approve", "opinion": "同意公开"})
    decide(review, "leader_in_charge_review", "fenguan")

    client.force_login(user("baomi"))
    assert draft.title not in client.get("/admin/inbox/").content.decode()
    client.force_login(user("zonghe"))
    inbox = client.get("/admin/inbox/").content.decode()
    assert "待认领（1）" in inbox
    pooled = open_task(review, "general_office_collects")
    assert refused(client.get(f"/admin/inbox/tasks/{pooled.pk}/"))
    client.post(f"/admin/inbox/tasks/{pooled.pk}/claim/")
    assert client.get(f"/admin/inbox/tasks/{pooled.pk}/").status_code == 200
    client.force_login(user("xinxiyuan"))
    assert refused(client.get(f"/admin/inbox/tasks/{pooled.pk}/"))
    history = client.get(f"/admin/inbox/reviews/{review.pk}/").content.decode()
    assert "同意公开" in history and "综合科收集审查" in history


@pytest.mark.rule("S1.4")
@pytest.mark.rule("S6.1")
def test_due_date_is_twenty_working_days_and_the_dashboard_flags_late_items(client, draft):
    review = submit(client, draft, formed="2025-09-26")
    from flows.deadlines import review_deadline

    assert review_deadline(review).due == datetime.date(2025, 10, 30)
    client.force_login(user("zonghe"))
    dashboard = client.get("/admin/").content.decode()
    assert "临近或超过公开时限" in dashboard and draft.title in dashboard and "已超期" in dashboard


@pytest.mark.rule("S1.4")
def test_a_legal_override_changes_the_limit_and_needs_its_basis(client, draft):
    client.force_login(user("xinxiyuan"))
    base = {**REVIEW_FORM, "department": Department.objects.get(name="项目管理科").pk}
    page = client.post(f"/admin/inbox/reviews/submit/{draft.pk}/", {**base, "deadline_override_days": 5})
    assert "须写明法律依据" in page.content.decode()
    review = submit(client, draft, formed="2025-09-26", deadline_override_days=5, deadline_basis="《某条例》第十条")
    from flows.deadlines import review_deadline

    assert review_deadline(review).due == datetime.date(2025, 10, 10)
