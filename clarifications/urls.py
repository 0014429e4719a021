from django.urls import path

app_name = "clarifications"

urlpatterns: list[path] = []
