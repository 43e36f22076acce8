from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.index, name="index"),
    path("aios/<int:pk>/", views.trainee, name="trainee"),
    path("aios/<int:pk>/talks/new/", views.talk_plan, name="talk_plan"),
    path("aios/<int:pk>/duration/", views.duration_decide, name="duration_decide"),
    path("talks/<int:pk>/", views.talk_detail, name="talk_detail"),
    path("talks/<int:pk>/edit/", views.talk_edit, name="talk_edit"),
    path("talks/<int:pk>/report/", views.talk_report, name="talk_report"),
    path("talks/<int:pk>/acknowledge/", views.talk_acknowledge, name="talk_acknowledge"),
    path("talks/<int:pk>/cancel/", views.talk_cancel, name="talk_cancel"),
    path("tracks/<int:pk>/close/", views.track_close, name="track_close"),
    path("stages/<int:pk>/transfer/", views.transfer_start, name="transfer_start"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/edit/", views.transfer_edit, name="transfer_edit"),
    path("transfers/<int:pk>/share/", views.transfer_share, name="transfer_share"),
    path("transfers/<int:pk>/react/", views.transfer_react, name="transfer_react"),
    path("transfers/<int:pk>/hand-over/", views.transfer_hand_over, name="transfer_hand_over"),
    path("transfers/<int:pk>/pdf/", views.transfer_pdf, name="transfer_pdf"),
    path("aios/<int:pk>/goals/", views.goal_places, name="goal_places"),
    path("plans/", views.local_plans, name="local_plans"),
    path("plans/new/", views.local_plan_create, name="local_plan_create"),
    path("plans/<int:pk>/", views.local_plan, name="local_plan"),
    path("plans/<int:pk>/items/new/", views.local_plan_add_item, name="local_plan_add_item"),
    path("groups/", views.teams, name="teams"),
    path("groups/<int:pk>/add/", views.team_add, name="team_add"),
    path("groups/members/<int:pk>/remove/", views.team_member_remove, name="team_member_remove"),
    path(
        "plans/<int:pk>/items/<int:item_pk>/remove/",
        views.local_plan_remove_item,
        name="local_plan_remove_item",
    ),
]
