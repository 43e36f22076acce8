from django.urls import path

from . import views

app_name = "workfloor"

urlpatterns = [
    path("now/", views.ask_now, name="ask_now"),
    path("now/<int:pk>/status/", views.code_status, name="code_status"),
    path("now/<int:pk>/withdraw/", views.code_withdraw, name="code_withdraw"),
    path("links/<int:pk>/withdraw/", views.link_withdraw, name="link_withdraw"),
    path("requests/<int:pk>/resend/", views.link_resend, name="link_resend"),
    path("f/<str:token>/", views.bedside, name="bedside"),
    path("l/<str:token>/", views.link, name="link"),
    path("team/", views.team, name="team"),
    path("team/<int:service_pk>/add/", views.team_member_add, name="team_member_add"),
    path("team/members/<int:pk>/remove/", views.team_member_remove, name="team_member_remove"),
]
