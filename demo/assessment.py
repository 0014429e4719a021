"""Demo data: this year's assessment scheme, so that the leading group can compute and score at once."""

import datetime

from django.utils import timezone

from accountability.models import AssessmentScheme, Heading, Indicator

Measure = Indicator.Measure
DEMO_INDICATORS = (
    (Heading.DUTIES, "工作职责、权责清单等信息按时公开", 25, Measure.ITEMS_ON_TIME),
    (Heading.DECISIONS, "重大决策和重要事项公开情况", 20, Measure.MANUAL),
    (Heading.SERVICES, "依申请公开按时答复", 20, Measure.REQUESTS_ON_TIME),
    (Heading.PROMISES, "服务承诺兑现：不延期答复", 10, Measure.NO_EXTENSION),
    (Heading.COMPLAINTS, "群众投诉按期办结", 15, Measure.COMPLAINTS_HANDLED),
    (Heading.COMPLAINTS, "未发生责任追究", 10, Measure.CASES),
)


def load_demo_assessment(today=None):
    year = (today or timezone.localdate()).year
    scheme, created = AssessmentScheme.objects.get_or_create(
        year=year,
        defaults={
            "title": f"{year}年度政府信息与政务公开工作考核办法",
            "deadline": datetime.date(year + 1, 1, 15),
        },
    )
    if created:
        for order, (heading, name, weight, measure) in enumerate(DEMO_INDICATORS):
            Indicator.objects.create(
                scheme=scheme, heading=heading, name=name, weight=weight, measure=measure, sort_order=order
            )
    return scheme
