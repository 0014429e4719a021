"""Migration flows 0002: the review's opinions and the consultations' steps move into the one audit trail.

In a module of its own: the test migrates the database back and forth, in a transactional test whose
closing flush would take the module-wide rows of other tests with it.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.trail import entries, history
from cms_pages.models import Category, DisclosureItemPage
from organisation.models import Department
from publication_review.flows import ConsultationFlow, PublicationReviewFlow
from publication_review.models import Consultation, PublicationReview

BEFORE = ("flows", "0001_squashed_0002_field_help_text")
AFTER = ("flows", "0003_delete_reviewopinion_consultationnote")


def migrate(target):
    """Migrate the `flows` app to `target`; the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state(target).apps


def person(username, family_name, given_name):
    return get_user_model().objects.create_user(username, last_name=family_name, first_name=given_name)


@pytest.fixture
def review(catalogue, site_structure):
    officer, head = person("officer", "李", "信息"), person("head", "王", "科长")
    department = Department.objects.create(
        agency=site_structure["agency"], name="项目管理科", information_officer=officer, head=head
    )
    item = DisclosureItemPage(
        title="2026年第一批州级财政衔接资金分配公告",
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        live=False,
    )
    catalogue.add_child(instance=item)
    revision = item.save_revision(user=officer)
    return PublicationReview.objects.create(
        flow_class=PublicationReviewFlow,
        page=item,
        revision=revision,
        submitted_by=officer,
        department=department,
        formed=datetime.date(2026, 11, 20),
    )


def test_opinions_and_consultation_steps_move_into_the_audit_trail(
    migration_data_restored_afterwards, django_db_serialized_rollback, transactional_db, review
):
    consultation = Consultation.objects.create(
        flow_class=ConsultationFlow, review=review, agency="楚雄州财政局", kind="consultation"
    )
    head = review.department.head
    try:
        old = migrate(BEFORE)
        old.get_model("flows", "ReviewOpinion").objects.create(
            review_id=review.pk,
            step="section_head_review",
            step_label="科室负责人审查",
            decision="return",
            opinion="资金表缺少县市名称",
            reviewer_id=head.pk,
            revision_id=review.revision_id,
        )
        old.get_model("flows", "ConsultationNote").objects.create(
            consultation_id=consultation.pk,
            step_label="催办复函",
            text="电话催办，对方答应三日内复函",
            author_id=head.pk,
        )
    finally:
        migrate(AFTER)

    (opinion,) = history(review)
    assert (opinion.step, opinion.step_label, opinion.decision, opinion.decision_label) == (
        "section_head_review",
        "科室负责人审查",
        "return",
        "退回修改",
    )
    assert (opinion.actor, opinion.text) == ("王科长", "资金表缺少县市名称")
    assert entries(review).get().revision_id == review.revision_id
    (step,) = history(consultation)
    assert (step.step, step.step_label, step.actor, step.text) == (
        "chase_reply",
        "催办复函",
        "王科长",
        "电话催办，对方答应三日内复函",
    )
