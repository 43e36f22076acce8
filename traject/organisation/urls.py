from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.index, name="index"),
    path("trainees/", views.trainee_list, name="trainee_list"),
    path("trainees/new/", views.trainee_create, name="trainee_create"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/edit/", views.trainee_edit, name="trainee_edit"),
    path("stages/", views.stage_list, name="stage_list"),
    path("stages/new/", views.stage_create, name="stage_create"),
    path("stages/<int:pk>/", views.stage_edit, name="stage_edit"),
    path("stages/<int:pk>/delete/", views.stage_delete, name="stage_delete"),
    path("services/<int:pk>/overview/", views.service_detail, name="service_detail"),
]
for crud in views.CRUDS:
    urlpatterns += crud.urls()
