from django.urls import path
from gongkai_site import private_files

from . import api, views

app_name = "disclosure_requests"

urlpatterns = [
    path("apply/online/", views.apply_online, name="apply"),
    path("apply/status/", views.status, name="status"),
    path("apply/status/supplement/", views.supplement, name="supplement"),
    path("apply/status/letters/<int:letter_pk>/", private_files.applicant_letter, name="letter"),
    path("api/requests/", api.create, name="api_create"),
    path("api/requests/<str:tracking_number>/", api.detail, name="api_detail"),
    # the access code in the X-Access-Code header or the POST body, never in the address
    path(
        "api/requests/<str:tracking_number>/letters/<int:letter_pk>/",
        private_files.applicant_letter,
        name="api_letter",
    ),
]
