from django.urls import path

from . import views

app_name = "annual_report"

urlpatterns = [
    path("annual-reports/", views.index, name="index"),
    path("annual-reports/<int:year>/", views.report_page, name="report"),
    path("annual-reports/<int:year>/report.pdf", views.report_pdf, name="pdf"),
]
