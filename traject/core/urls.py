from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("people/search/", views.people_search, name="people_search"),
    path("people/pick/", views.people_pick, name="people_pick"),
]
