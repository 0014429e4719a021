from django.urls import path

from . import api, views

app_name = "disclosure_requests"

urlpatterns = [
    path("apply/online/", views.apply_online, name="apply"),
    path("apply/status/", views.status, name="status"),
    path("apply/status/supplement/", views.supplement, name="supplement"),
    path("apply/status/letters/<int:letter_pk>/", views.letter, name="letter"),
    path("api/requests/", api.create, name="api_create"),
    path("api/requests/<str:tracking_number>/", api.detail, name="api_detail"),
    path("api/requests/<str:tracking_number>/letters/<int:letter_pk>/", api.letter, name="api_letter"),
]
