from django.urls import path

app_name = "annual_report"

urlpatterns: list[path] = []
