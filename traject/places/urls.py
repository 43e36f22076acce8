from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("overview.csv", views.overview_csv, name="overview_csv"),
    path("list/", views.place_list, name="place_list"),
    path("list/add/", views.place_add, name="place_add"),
    path("list/<int:pk>/", views.place_detail, name="place_detail"),
    path("occupations/<int:pk>/vacate/", views.occupation_vacate, name="occupation_vacate"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/advance/", views.plan_advance, name="plan_advance"),
    path("showcase/", views.showcase, name="showcase"),
    path("showcase/compare/", views.showcase_compare, name="showcase_compare"),
    path("showcase/<int:pk>/", views.showcase_group, name="showcase_group"),
    path("showcase/<int:pk>/photo/", views.showcase_photo, name="showcase_photo"),
    path("showcase/mine/", views.showcase_mine, name="showcase_mine"),
    path("showcase/mine/<int:pk>/", views.showcase_edit, name="showcase_edit"),
]
