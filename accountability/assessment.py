"""Scoring the sections against the year's scheme (rule 7, S7.4–S7.6).

Indicators the system can measure are computed from its records for each section: a share of the
cases that were on time gives that share of the indicator's points; a section with nothing to measure
gets full points, and the basis says so. The rest are scored by the leading group with a note.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.trail import record
from disclosure_requests.models import ClockEntry, DisclosureRequest
from organisation.models import Department
from publication_review.deadlines import review_deadline
from publication_review.models import PublicationReview

from .models import AccountabilityCase, AssessmentResult, Complaint, Grade, Indicator, IndicatorScore

SCORE_STEP = "score"  # in the result's audit trail (and Wagtail's site history), with before and after
ONE_PLACE = Decimal("0.1")
UNANSWERED_CLOSED = (DisclosureRequest.Status.WITHDRAWN, DisclosureRequest.Status.TRANSFERRED)


@dataclass(frozen=True)
class Share:
    on_time: int
    counted: int
    what: str

    @property
    def ratio(self):
        return Decimal(1) if not self.counted else Decimal(self.on_time) / Decimal(self.counted)

    @property
    def basis(self):
        if not self.counted:
            return f"本年度无{self.what}，按满分计"
        return f"{self.what} {self.on_time}/{self.counted}（{self.ratio * 100:.1f}%）"


def items_on_time(department, year, today):
    """Items formed in the year: published within their limit, of those published or already late."""
    reviews = PublicationReview.objects.filter(
        department=department,
        formed__year=year,
        outcome__in=(PublicationReview.Outcome.PUBLISHED, PublicationReview.Outcome.IN_REVIEW),
    )
    on_time = counted = 0
    for review in reviews:
        due = review_deadline(review).due
        done = review.outcome == PublicationReview.Outcome.PUBLISHED and review.finished
        if done or due < today:
            counted += 1
            on_time += bool(done and timezone.localdate(review.finished) <= due)
    return Share(on_time, counted, "按时发布的信息")


def requests_of(department, year):
    return DisclosureRequest.objects.filter(department=department, received_date__year=year)


def requests_on_time(department, year, today):
    on_time = counted = 0
    for answered_on, due in (
        requests_of(department, year)
        .exclude(status__in=UNANSWERED_CLOSED)
        .values_list("answered_on", "due_date")
    ):
        if answered_on and due:
            counted += 1
            on_time += answered_on <= due
        elif due and due < today:
            counted += 1
    return Share(on_time, counted, "按时答复的申请")


def no_extension(department, year, today):
    answered = requests_of(department, year).filter(answered_on__isnull=False)
    extended = answered.filter(clock_entries__kind=ClockEntry.Kind.EXTENSION).distinct().count()
    total = answered.count()
    return Share(total - extended, total, "未延期答复的申请")


def complaints_handled(department, year, today):
    on_time = counted = 0
    for complaint in Complaint.objects.filter(department=department, received_on__year=year):
        due = complaint.due
        if complaint.handled_on:
            counted += 1
            on_time += complaint.handled_on <= due
        elif due < today:
            counted += 1
    return Share(on_time, counted, "按期办结的举报投诉")


MEASURES = {
    Indicator.Measure.ITEMS_ON_TIME: items_on_time,
    Indicator.Measure.REQUESTS_ON_TIME: requests_on_time,
    Indicator.Measure.NO_EXTENSION: no_extension,
    Indicator.Measure.COMPLAINTS_HANDLED: complaints_handled,
}


def measured_score(indicator, department, year, today):
    """(score, basis) of an automatic indicator for one section."""
    if indicator.measure == Indicator.Measure.CASES:
        cases = AccountabilityCase.objects.filter(department=department, found_on__year=year).count()
        score = max(Decimal(0), indicator.weight - indicator.deduction_per_case * cases)
        return score, f"本年度责任追究案件 {cases} 件，每件扣 {indicator.deduction_per_case} 分"
    share = MEASURES[indicator.measure](department, year, today)
    return (indicator.weight * share.ratio).quantize(ONE_PLACE, ROUND_HALF_UP), share.basis


@transaction.atomic
def compute(scheme, today=None):
    """Measure every automatic indicator for every section; keep the leading group's scores."""
    if scheme.finalised_on:
        raise ValidationError(f"{scheme.title}已于{scheme.finalised_on:%Y年%m月%d日}定稿，不能重新计算。")
    today = today or timezone.localdate()
    indicators = list(scheme.indicators.all())
    results = []
    for department in Department.objects.order_by("sort_order", "pk"):
        result, _ = AssessmentResult.objects.get_or_create(scheme=scheme, department=department)
        for indicator in indicators:
            row, _ = IndicatorScore.objects.get_or_create(result=result, indicator=indicator)
            if indicator.automatic:
                row.score, row.basis = measured_score(indicator, department, scheme.year, today)
                row.scored_by, row.scored_at = None, timezone.now()
                row.save()
        grade(result)
        results.append(result)
    return results


def grade(result):
    """Total and grade once every indicator is scored, with the consequences S7.6 attaches to it."""
    scores = list(result.scores.all())
    complete = len(scores) == result.scheme.indicators.count() and all(s.score is not None for s in scores)
    result.total = sum((s.score for s in scores if s.score is not None), Decimal(0))
    result.grade = result.scheme.grade_for(result.total) if complete else ""
    result.commended = result.grade == Grade.EXCELLENT
    result.criticised = result.award_eligibility_lost = result.grade == Grade.UNQUALIFIED
    result.computed_at = timezone.now()
    result.save()
    return result


def score_by_hand(result, indicator, score, note, user):
    """The leading group's score of a manual indicator, with the note that justifies it."""
    if result.scheme.finalised_on:
        raise ValidationError("考核结果已定稿，不能修改评分。")
    if not 0 <= score <= indicator.weight:
        raise ValidationError(f"“{indicator.name}”的得分应在 0 到 {indicator.weight} 之间。")
    if not note.strip():
        raise ValidationError(f"请说明“{indicator.name}”的评分理由。")
    before = IndicatorScore.objects.filter(result=result, indicator=indicator).first()
    after, _ = IndicatorScore.objects.update_or_create(
        result=result,
        indicator=indicator,
        defaults={"score": score, "basis": note.strip(), "scored_by": user, "scored_at": timezone.now()},
    )
    if before is None or (before.score, before.basis) != (after.score, after.basis):
        log_score(result, indicator, before, after, user)
    return grade(result)


@transaction.atomic
def score_result(result, manual_scores, user, head_talk_on=None, consequence_note=""):
    """The leading group's scoring of one section: {indicator: (score, note)} and the consequences."""
    if result.scheme.finalised_on:
        raise ValidationError("考核结果已定稿，不能修改评分。")
    for indicator, (score, note) in manual_scores.items():
        score_by_hand(result, indicator, score, note, user)
    result.refresh_from_db()
    result.head_talk_on, result.consequence_note = head_talk_on, consequence_note
    result.save(update_fields=["head_talk_on", "consequence_note"])
    return grade(result)


def log_score(result, indicator, before, after, user):
    """The audit trail of a score given by hand: who changed it, when, from what to what, and why."""
    unscored = before is None or before.score is None
    record(
        result,
        "考核评分",
        user=user,
        step=SCORE_STEP,
        text=after.basis,
        changes=[
            (
                indicator.name,
                "未评分" if unscored else before.score.quantize(ONE_PLACE),
                after.score.quantize(ONE_PLACE),
            )
        ],
    )
