"""Records for the accountability and assessment tests: sections, items in review, requests, complaints."""

import datetime

from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms_pages.models import Category, DisclosureItemPage
from disclosure_requests.models import ClockEntry, DisclosureRequest, RequestCounter
from organisation.models import Agency, Department
from publication_review.flows import PublicationReviewFlow
from publication_review.models import PublicationReview

D = datetime.date
VALID_ID = "11010519491231002X"


def use_field_key(settings):
    """Requests encrypt applicants' data: the tests need a key of their own."""
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def person(username, surname="张"):
    return get_user_model().objects.create_user(username, last_name=surname, first_name=username)


def section(name, head=None, general_office=False):
    return Department.objects.create(
        agency=Agency.current(), name=name, head=head, is_general_office=general_office
    )


def draft(catalogue, title, owner):
    item = DisclosureItemPage(
        title=title,
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        live=False,
        owner=owner,
    )
    catalogue.add_child(instance=item)
    return item, item.save_revision(user=owner)


def review(catalogue, department, formed, *, published_on=None, title=None, owner=None):
    """An item of `department` formed on `formed`, in review, or published on `published_on`."""
    owner = owner or get_user_model().objects.first()
    item, revision = draft(catalogue, title or f"{department.name}{formed:%m%d}公开事项", owner)
    Outcome = PublicationReview.Outcome
    return PublicationReview.objects.create(
        flow_class=PublicationReviewFlow,
        page=item,
        revision=revision,
        submitted_by=owner,
        department=department,
        formed=formed,
        outcome=Outcome.PUBLISHED if published_on else Outcome.IN_REVIEW,
        finished=at(published_on) if published_on else None,
    )


def request(department=None, *, received, due=None, answered_on=None, status=None, extended=False):
    Status = DisclosureRequest.Status
    record = DisclosureRequest.objects.create(
        tracking_number=RequestCounter.next_number(received.year),
        applicant_type=DisclosureRequest.ApplicantType.CITIZEN,
        name="李明",
        id_type=DisclosureRequest.IdType.RESIDENT_ID,
        id_number=VALID_ID,
        phone="13887654321",
        description="东华镇易地扶贫搬迁安置点建设资金使用情况",
        carrier=DisclosureRequest.Carrier.PAPER,
        delivery=DisclosureRequest.Delivery.COLLECT,
        channel=DisclosureRequest.Channel.ONLINE,
        submitted_at=at(received),
        received_date=received,
        due_date=due,
        answered_on=answered_on,
        department=department,
        status=status or (Status.ANSWERED if answered_on else Status.IN_PROGRESS),
    )
    if extended:
        ClockEntry.objects.create(request=record, kind=ClockEntry.Kind.EXTENSION, date=received, days=15)
    return record
