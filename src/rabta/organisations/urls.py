from django.urls import path

from rabta.organisations import join_views, views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("mine/", views.mine, name="mine"),
    path("validation/", views.validation_queue, name="validation_queue"),
    path("join/", join_views.join, name="join"),
    path("join/<int:request_id>/withdraw/", join_views.withdraw, name="join_withdraw"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<str:token>/renew/", views.invitation_renew, name="invitation_renew"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/people/", views.manage, name="manage"),
    path("<slug:slug>/people/<int:member_id>/", views.member_edit, name="member_edit"),
    path("<slug:slug>/people/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<slug:slug>/join-requests/<int:request_id>/approve/",
        join_views.approve,
        name="join_request_approve",
    ),
    path(
        "<slug:slug>/join-requests/<int:request_id>/refuse/",
        join_views.refuse,
        name="join_request_refuse",
    ),
    path("<slug:slug>/approve/", views.approve, name="approve"),
    path("<slug:slug>/reject/", views.reject, name="reject"),
]
