"""Review before publishing: the confidentiality chain of rule 4, in code and through the admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from viewflow.workflow.status import STATUS

from audit.trail import entries, history
from cms_pages.models import Category, DisclosureItemPage
from organisation.models import Department
from publication_review.flows import PublicationReviewFlow
from publication_review.models import PublicationReview
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.pdf import pdf_text
from tests.support.people import user
from tests.support.workflow import OPEN, open_task, perform
from workflow import tasks


@pytest.fixture
def demo(demo_rows, db, settings):
    settings.GONGKAI_DEMO_ALLOWED = True


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


def review_form_data():
    from cms_pages.models import Channel

    return {
        **REVIEW_FORM,
        "department": Department.objects.get(name="项目管理科").pk,
        "channels": [Channel.objects.get(code="website").pk],
    }


def submit(client, item, **overrides):
    client.force_login(user("xinxiyuan"))
    data = {**review_form_data(), **overrides}
    response = client.post(f"/admin/inbox/reviews/submit/{item.pk}/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return PublicationReview.objects.get(page=item, outcome=PublicationReview.Outcome.IN_REVIEW)


def decide(review, step, username, decision="approve", opinion="同意", **extra):
    form = perform(open_task(review, step), username, {"decision": decision, "opinion": opinion, **extra})
    assert form.is_valid(), form.errors
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
    steps = [
        (entry.data["step_label"], entry.data["decision"], entry.user.username) for entry in entries(review)
    ]
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
    assert entries(review).filter(data__decision="return", data__text="资金表缺少县市名称").exists()

    task = open_task(review, "revise")
    assert task.owner == user("xinxiyuan")
    unchanged = task.flow_task.form_class(data={"resubmit": "1"}, task=task, user=user("xinxiyuan"))
    assert not unchanged.is_valid() and "请先在页面编辑中修改" in str(unchanged.errors)

    draft.body = "<p>第二版正文，补充县市名称</p>"
    draft.save_revision(user=user("xinxiyuan"))
    form = task.flow_task.form_class(
        data={"resubmit": "1", "note": "已补充"}, task=task, user=user("xinxiyuan")
    )
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
    base = review_form_data()
    page = client.post(
        url, {**base, "touches_state_secrets": "on", "secrecy_handling": "consent", "secrecy_note": "x"}
    )
    assert "涉及国家秘密的信息不得公开" in page.content.decode()
    page = client.post(url, {**base, "touches_privacy": "on"})
    assert "须取得权利人同意" in page.content.decode()
    page = client.post(url, {**base, "touches_privacy": "on", "secrecy_handling": "consent"})
    assert "请说明处理情况" in page.content.decode()
    assert not PublicationReview.objects.exists()
    submit(client, draft, touches_privacy="on", secrecy_handling="redacted", secrecy_note="已删除身份证号")


@pytest.mark.rule("S8.4")
def test_information_that_needs_approval_by_law_is_not_submitted_without_it(client, draft):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    client.force_login(user("xinxiyuan"))
    url = f"/admin/inbox/reviews/submit/{draft.pk}/"
    page = client.post(url, {**review_form_data(), "legal_approval_required": "on"})
    assert "依法需要批准的信息，须附批准文件（制度八第四条）。" in page.content.decode()
    assert not PublicationReview.objects.exists()
    approval = Document.objects.create(
        title="州发改委关于同意公开的批复", file=ContentFile(b"%PDF-1.4", "pifu.pdf")
    )
    review = submit(client, draft, legal_approval_required="on", legal_approval=approval.pk)
    assert review.legal_approval == approval


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
    client.post(
        f"/admin/pages/{draft.pk}/edit/", {"title": draft.title, "slug": draft.slug, "action-publish": "1"}
    )
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
    assert outcome(client.get(f"/admin/inbox/tasks/{pooled.pk}/")) == REFUSED_BY_ADMIN
    client.post(f"/admin/inbox/tasks/{pooled.pk}/claim/")
    assert client.get(f"/admin/inbox/tasks/{pooled.pk}/").status_code == 200
    client.force_login(user("xinxiyuan"))
    assert outcome(client.get(f"/admin/inbox/tasks/{pooled.pk}/")) == REFUSED_BY_ADMIN
    history = client.get(f"/admin/inbox/reviews/{review.pk}/").content.decode()
    assert "同意公开" in history and "综合科收集审查" in history


@pytest.mark.rule("S1.4")
@pytest.mark.rule("S6.1")
def test_due_date_is_twenty_working_days_and_the_dashboard_flags_late_items(client, draft):
    review = submit(client, draft, formed="2025-09-26")
    from publication_review.deadlines import review_deadline

    assert review_deadline(review).due == datetime.date(2025, 10, 30)
    client.force_login(user("zonghe"))
    dashboard = client.get("/admin/").content.decode()
    assert "临近或超过公开时限" in dashboard and draft.title in dashboard and "已超期" in dashboard


@pytest.mark.rule("S1.4")
def test_a_legal_override_changes_the_limit_and_needs_its_basis(client, draft):
    client.force_login(user("xinxiyuan"))
    base = review_form_data()
    page = client.post(f"/admin/inbox/reviews/submit/{draft.pk}/", {**base, "deadline_override_days": 5})
    assert "须写明法律依据" in page.content.decode()
    review = submit(
        client, draft, formed="2025-09-26", deadline_override_days=5, deadline_basis="《某条例》第十条"
    )
    from publication_review.deadlines import review_deadline

    assert review_deadline(review).due == datetime.date(2025, 10, 10)


def consultation_task(review, agency, step):
    from publication_review.models import Consultation

    consultation = Consultation.objects.get(review=review, agency=agency)
    return consultation, open_task(consultation, step)


def do(task, username, **data):
    files = {key: data.pop(key) for key in list(data) if hasattr(data[key], "read")}
    form = perform(task, username, data, files)
    assert form.is_valid(), form.errors


def reply_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("reply.pdf", b"%PDF-1.4 reply", content_type="application/pdf")


LETTER = {
    "basic_facts": "拟公开资金分配公告",
    "office_opinion": "应予主动公开",
    "opinion_basis": "依据条例第十九条",
    "matters": "请核对贵局数据",
}


def consult_until_letters_sent(client, draft, agencies="楚雄州财政局\n楚雄州民政局", joint=""):
    review = submit(client, draft, other_agencies=agencies, joint_authors=joint)
    decide(review, "section_head_review", "kezhang")
    decide(review, "leader_in_charge_review", "fenguan")
    for agency in [line for line in (agencies + "\n" + joint).splitlines() if line]:
        _, task = consultation_task(review, agency, "send_letter")
        do(task, "zonghe", **LETTER, delivery="system", sent_on="2026-11-23")
    return review


@pytest.mark.rule("S8.5")
@pytest.mark.rule("S8.6")
@pytest.mark.rule("S8.7")
def test_parallel_consultations_all_agree_then_the_review_continues(client, draft):
    review = consult_until_letters_sent(client, draft)
    assert not review.task_set.filter(flow_task=PublicationReviewFlow.general_office_collects).exists()
    finance, task = consultation_task(review, "楚雄州财政局", "record_reply")
    assert (finance.basic_facts, finance.office_opinion, finance.opinion_basis, finance.matters) == tuple(
        LETTER.values()
    )
    do(task, "zonghe", agrees="1", reply_file=reply_file(), summary="同意公开")
    assert not review.task_set.filter(flow_task=PublicationReviewFlow.general_office_collects).exists()
    _, task = consultation_task(review, "楚雄州民政局", "record_reply")
    do(task, "zonghe", agrees="1", reply_file=reply_file(), summary="无意见")
    decide(review, "general_office_collects", "zonghe")
    decide(review, "confidentiality_group_approval", "baomi")
    assert DisclosureItemPage.objects.get(pk=draft.pk).live
    assert set(review.consultations.values_list("outcome", flat=True)) == {"agreed"}


@pytest.mark.rule("S8.7")
def test_disagreement_is_negotiated_then_escalated_and_can_withhold_the_item(client, draft):
    review = consult_until_letters_sent(client, draft, agencies="楚雄州财政局")
    _, task = consultation_task(review, "楚雄州财政局", "record_reply")
    do(task, "zonghe", agrees="0", reply_file=reply_file(), summary="数据尚未核定，不同意公开")
    _, task = consultation_task(review, "楚雄州财政局", "negotiate")
    assert task.owner == user("kezhang")  # the producing section sends someone to negotiate
    do(task, "kezhang", agreed="0", record="两次协商未达成一致")
    _, task = consultation_task(review, "楚雄州财政局", "refer_to_authority")
    do(task, "zhuren", report="报请州政务公开办协调")  # the main leader chairs the leading group
    _, task = consultation_task(review, "楚雄州财政局", "authority_answer")
    do(task, "zonghe", may_publish="0", answer="暂缓公开")
    review.refresh_from_db()
    assert review.outcome == PublicationReview.Outcome.WITHHELD
    assert not DisclosureItemPage.objects.get(pk=draft.pk).live
    notes = [entry.step_label for entry in history(review.consultations.get())]
    assert notes == [
        "发送征求意见函",
        "登记书面复函",
        "业务科室沟通协商",
        "领导小组报请州主管部门协调",
        "登记州主管部门协调结果",
    ]


@pytest.mark.rule("S8.7")
def test_no_reply_in_fifteen_working_days_raises_a_reminder(client, draft):
    from django.utils import timezone
    from viewflow.workflow.models import Task
    from viewflow.workflow.timers import fire_due_timers

    review = consult_until_letters_sent(client, draft, agencies="楚雄州财政局")
    consultation, _ = consultation_task(review, "楚雄州财政局", "record_reply")
    timer = Task.objects.get(process=consultation, flow_task_type="TIMER", status=STATUS.SCHEDULED)
    from workdays.calendar import working_days_between

    sent_on = datetime.date(2026, 11, 23)  # the letter's sending date, as recorded in the form
    assert working_days_between(sent_on, timezone.localtime(timer.scheduled).date()) == 15
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_due_timers()
    _, reminder = consultation_task(review, "楚雄州财政局", "chase_reply")
    do(reminder, "zonghe", how="11月24日电话催办，对方承诺本周复函")
    _, task = consultation_task(review, "楚雄州财政局", "record_reply")  # still waiting for the reply
    do(task, "zonghe", agrees="1", reply_file=reply_file(), summary="同意")
    assert open_task(review, "general_office_collects")


@pytest.mark.rule("S8.2")
def test_jointly_formed_information_needs_each_co_authors_confirmation(client, draft):
    review = consult_until_letters_sent(client, draft, agencies="", joint="楚雄州农业农村局")
    joint, task = consultation_task(review, "楚雄州农业农村局", "record_reply")
    assert joint.get_kind_display() == "联合形成会签"
    do(task, "zonghe", agrees="1", reply_file=reply_file(), summary="会签同意")
    assert open_task(review, "general_office_collects")


@pytest.fixture
def news_draft(demo, catalogue):
    item = DisclosureItemPage(
        title="州乡村振兴局召开巩固脱贫成果推进会",
        category=Category.objects.get(slug="news"),
        publisher="楚雄州乡村振兴局",
        live=False,
    )
    catalogue.add_child(instance=item)
    item.save_revision(user=user("xinxiyuan"))
    return item


@pytest.mark.rule("S4.5")
@pytest.mark.rule("S4.6")
def test_work_news_takes_the_short_chain_with_the_stamp(client, news_draft):
    from publication_review.flows import NewsReviewFlow

    review = submit(client, news_draft)
    assert review.flow_class is NewsReviewFlow
    task = review.task_set.get(flow_task=NewsReviewFlow.general_office_first_review, status__in=OPEN)
    tasks.claim(task, user("zonghe"))
    task.refresh_from_db()
    unstamped = task.flow_task.form_class(data={"decision": "approve"}, task=task, user=user("zonghe"))
    assert not unstamped.is_valid() and "加盖印章" in str(unstamped.errors)
    do(task, "zonghe", decision="approve", opinion="已审稿", stamped="on")
    task = review.task_set.get(flow_task=NewsReviewFlow.publicity_leader_approval, status__in=OPEN)
    do(task, "fenguan", decision="escalate", opinion="涉及考核排名，报主任审定")
    task = review.task_set.get(flow_task=NewsReviewFlow.main_leader_approval, status__in=OPEN)
    do(task, "zhuren", decision="approve", opinion="同意")
    assert not DisclosureItemPage.objects.get(pk=news_draft.pk).live
    task = review.task_set.get(flow_task=NewsReviewFlow.post_news, status__in=OPEN)
    do(task, "fabu", decision="approve", opinion="已上网")
    item = DisclosureItemPage.objects.get(pk=news_draft.pk)
    assert item.live and item.index_number
    assert any(
        entry.step_label == "综合科编辑初审" and "已加盖综合科印章" in entry.text for entry in history(review)
    )


@pytest.mark.rule("S6.1")
def test_proactive_limit_across_the_2026_spring_festival_and_into_2027(db):
    from publication_review.deadlines import review_deadline

    # Hand count from 2026-02-10: 11, 12, 13, 14 (调休 Saturday), 24–28 (28 is 调休), 3月2–6, 9–13, 16.
    spring = review_deadline(PublicationReview(formed=datetime.date(2026, 2, 10)))
    assert spring.due == datetime.date(2026, 3, 16) and not spring.warning
    into_2027 = review_deadline(PublicationReview(formed=datetime.date(2026, 12, 18)))
    assert into_2027.due.year == 2027 and into_2027.warning  # shown as provisional until 2027 is entered


@pytest.mark.rule("S4.4")
def test_inbox_queries_do_not_grow_with_the_number_of_tasks(client, demo, catalogue):
    """Reviews, clarifications and annual reports in one inbox: each kind of row is loaded in one go."""
    from django.contrib.auth.models import Permission
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from annual_report.flows import AnnualReportFlow
    from annual_report.models import AnnualReport
    from annual_report.services import report_for
    from clarifications.flows import ClarificationFlow

    def submit_item():
        item = DisclosureItemPage(
            title=f"待审信息{DisclosureItemPage.objects.count()}",
            category=Category.objects.get(slug="funds"),
            publisher="楚雄州乡村振兴局",
            live=False,
        )
        catalogue.add_child(instance=item)
        item.save_revision(user=user("xinxiyuan"))
        submit(client, item)

    def register_clarification(number):  # 项目管理科 assesses it: its head kezhang
        details = {
            "title": f"网传消息{number}",
            "content": "微信群流传：扶贫小额信贷全部停发。",
            "spread": "村民微信群",
            "found_on": datetime.date.today(),
            "department": Department.objects.get(name="项目管理科"),
        }
        ClarificationFlow.register.run(details=details, user=user("zonghe"))

    def add_tasks(count):
        for _ in range(count):
            number = AnnualReport.objects.count()
            submit_item()
            register_clarification(number)
            AnnualReportFlow.start.run(report=report_for(2010 + number))

    def inbox_queries():
        client.force_login(user("kezhang"))
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/admin/inbox/").content.decode()
        assert all(text in html for text in ("待审信息", "网传消息0", "科室研判", "2010年度报告"))
        return len(queries)

    # kezhang drafts annual reports too here, so their tasks join his pool beside the reviews
    user("kezhang").user_permissions.add(
        *Permission.objects.filter(codename__in=["draft_annual_report", "view_annualreportprocess"])
    )
    add_tasks(2)
    inbox_queries()  # the first request fills the calendar and session caches
    few = inbox_queries()
    add_tasks(5)
    assert inbox_queries() == few


@pytest.mark.rule("S4.4")
def test_review_form_prints_as_pdf_with_every_opinion(client, draft):
    review = submit(
        client, draft, touches_privacy="on", secrecy_handling="redacted", secrecy_note="已删除身份证号"
    )
    decide(review, "section_head_review", "kezhang", opinion="数据核实无误")
    client.force_login(user("fenguan"))
    response = client.get(f"/admin/inbox/reviews/{review.pk}/form.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, "-layout")
    for expected in (
        "审核及保密审查表",
        draft.title,
        "项目管理科",
        "已删除身份证号",
        "科室负责人审查",
        "数据核实无误",
        "王科长",
    ):
        assert expected in text.replace(" ", ""), expected
    client.force_login(user("baomi"))  # a reviewer of another step still sees reviews (view right)
    assert client.get(f"/admin/inbox/reviews/{review.pk}/form.pdf").status_code == 200


@pytest.mark.rule("S8.6")
def test_consultation_letter_is_issued_as_a_numbered_pdf_stating_the_three_things(client, draft):
    review = consult_until_letters_sent(client, draft, agencies="楚雄州财政局")
    consultation = review.consultations.get()
    letter = consultation.letter
    assert letter.letter_number and letter.recipient_name == "楚雄州财政局"
    text = pdf_text(letter.pdf.read(), "-layout").replace(" ", "")
    for expected in ("楚雄州财政局", *(value.replace(" ", "") for value in LETTER.values()), "条例第十九条"):
        assert expected in text, expected
    assert letter.letter_number in history(consultation)[0].text


# -- no task without an owner; nobody approves their own item (issue 13, point 6) ----------------------

SELF_APPROVAL = "不能审批本人经手的事项"


def submit_as(client, username, item):
    client.force_login(user(username))
    response = client.post(f"/admin/inbox/reviews/submit/{item.pk}/", review_form_data())
    assert response.status_code == 302, response.content.decode()[-3000:]
    return PublicationReview.objects.get(page=item, outcome=PublicationReview.Outcome.IN_REVIEW)


def claim_as(client, username, task):
    client.force_login(user(username))
    return client.post(f"/admin/inbox/tasks/{task.pk}/claim/")


@pytest.fixture
def section_without_head(demo):
    section = Department.objects.get(name="项目管理科")
    head = section.head
    section.head = None
    section.save(update_fields=["head"])
    yield section
    section.head = head
    section.save(update_fields=["head"])


@pytest.mark.rule("S4.1")
def test_a_vacant_section_head_sends_the_step_to_the_general_office_flagged(
    client, draft, section_without_head
):
    review = submit(client, draft)
    task = open_task(review, "section_head_review")
    assert (task.owner, task.status) == (None, STATUS.NEW)
    assert task.owner_permission == "workflow.cover_as_general_office"

    assert claim_as(client, "fenguan", task).status_code == 302  # not the fallback: refused, nothing changes
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)

    client.force_login(user("zonghe"))
    inbox = client.get("/admin/inbox/").content.decode()
    assert "岗位空缺，已转综合科" in inbox
    assert claim_as(client, "zonghe", task).status_code == 302
    page = client.get(f"/admin/inbox/tasks/{task.pk}/").content.decode()
    assert "岗位空缺，已转综合科" in page
    client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "approve", "opinion": "同意（代科室负责人）"})
    assert open_task(review, "leader_in_charge_review").owner == user("fenguan")
    assert entries(review).filter(data__step="section_head_review", user=user("zonghe")).exists()


@pytest.mark.rule("S4.1")
def test_the_office_may_send_vacant_steps_to_the_main_leader_instead(client, draft, section_without_head):
    from workflow.models import TaskRouting

    routing = TaskRouting.load()
    routing.vacancy_fallback = TaskRouting.Fallback.MAIN_LEADER
    routing.save()
    review = submit(client, draft)
    task = open_task(review, "section_head_review")

    assert task.data["vacancy"] == "岗位空缺，已转主要领导"
    claim_as(client, "zonghe", task)
    task.refresh_from_db()
    assert task.owner is None
    claim_as(client, "zhuren", task)
    task.refresh_from_db()
    assert task.owner == user("zhuren")


@pytest.mark.rule("S4.1")
def test_a_task_with_neither_owner_nor_right_is_nobodys_to_claim(client, draft):
    review = submit(client, draft)
    task = open_task(review, "section_head_review")
    task.owner, task.status, task.owner_permission = None, STATUS.NEW, None  # as before the fallback existed
    task.save()

    for username in ("kezhang", "fenguan", "zonghe"):
        assert claim_as(client, username, task).status_code == 302
        assert task.pk not in tasks.queue(user(username)).values_list("pk", flat=True)
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)


@pytest.mark.rule("S4.1")
def test_the_submitter_can_neither_claim_nor_approve_a_step_of_their_own_item(client, draft):
    review = submit_as(client, "zonghe", draft)  # 综合科 drafts and submits; 综合科 also collects
    decide(review, "section_head_review", "kezhang")
    decide(review, "leader_in_charge_review", "fenguan")
    task = open_task(review, "general_office_collects")

    response = claim_as(client, "zonghe", task)
    assert response.status_code == 403 and SELF_APPROVAL in response.content.decode()
    response = client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "approve", "opinion": "同意"})
    assert outcome(response) == REFUSED_BY_ADMIN  # not theirs to handle: it was never claimed
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)
    with pytest.raises(PermissionDenied):
        tasks.claim(task, user("zonghe"))


@pytest.mark.rule("S4.1")
def test_a_step_assigned_to_its_submitter_before_the_rule_is_refused_on_post(client, draft):
    review = submit(client, draft)
    task = open_task(review, "section_head_review")
    review.submitted_by = user("kezhang")  # the head submitted the item and holds its first review
    review.save(update_fields=["submitted_by"])

    client.force_login(user("kezhang"))
    response = client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "approve", "opinion": "同意"})

    assert response.status_code == 403 and SELF_APPROVAL in response.content.decode()
    task.refresh_from_db()
    assert task.status == STATUS.ASSIGNED and not entries(review).filter(data__step="section_head_review")


@pytest.mark.rule("S4.1")
def test_a_section_head_who_submits_their_own_item_steps_aside_for_the_fallback(
    client, draft, section_without_head
):
    section_without_head.head = user("xinxiyuan")  # a small section: its officer is also its head
    section_without_head.save(update_fields=["head"])
    review = submit(client, draft)

    task = open_task(review, "section_head_review")
    assert task.owner is None and task.data["vacancy"] == "报送人回避，已转综合科"
    claim_as(client, "zonghe", task)
    task.refresh_from_db()
    assert task.owner == user("zonghe")
