from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.my_group, name="my_group"),
    path("shared/", views.shared_with_me, name="shared_with_me"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/add/", views.group_add_trainee, name="group_add_trainee"),
    path(
        "groups/<int:pk>/members/<int:membership_pk>/remove/",
        views.group_remove_trainee,
        name="group_remove_trainee",
    ),
    path("groups/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("plan/", views.plan, name="plan"),
    path("plan/<int:university_pk>/adapt/", views.plan_adapt, name="plan_adapt"),
    path("plan/<int:university_pk>/themes/new/", views.theme_create, name="theme_create"),
    path("plan/themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("plan/themes/<int:pk>/delete/", views.theme_delete, name="theme_delete"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/intervision/new/", views.intervision_create, name="intervision_create"),
    path("intervision/<int:pk>/edit/", views.intervision_edit, name="intervision_edit"),
    path("aso/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("aso/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("aso/<int:pk>/deadlines/new/", views.deadline_create, name="deadline_create"),
    path("aso/<int:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path("notes/<int:pk>/", views.note_detail, name="note_detail"),
    path("notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("notes/<int:pk>/share/", views.note_share, name="note_share"),
    path("shares/<int:pk>/withdraw/", views.share_withdraw, name="share_withdraw"),
    path("deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
    path("referrals/<int:pk>/edit/", views.referral_edit, name="referral_edit"),
]
