from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/<slug:kind>.<str:fmt>", views.template, name="template"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/report.csv", views.run_report, name="run_report"),
]
