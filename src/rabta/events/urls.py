from django.urls import path

from rabta.events import group_views as gv
from rabta.events import invitation_views, views
from rabta.events import meeting_views as mv
from rabta.events import programme_views as pv
from rabta.events import registration_views as rv

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.create, name="create"),
    path("invitations/<str:token>/", invitation_views.invitation_open, name="invitation_open"),
    path(
        "invitations/<str:token>/renew/",
        invitation_views.invitation_renew,
        name="invitation_renew",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path(
        "<slug:slug>/participants/<int:registration_id>/request/",
        views.request_send,
        name="request_send",
    ),
    path("<slug:slug>/requests/", views.requests, name="requests"),
    path(
        "<slug:slug>/requests/<int:request_id>/answer/", views.request_answer, name="request_answer"
    ),
    path(
        "<slug:slug>/requests/<int:request_id>/online/", views.request_online, name="request_online"
    ),
    path("<slug:slug>/requests/<int:request_id>/book/", views.book, name="book"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/groups/", gv.groups, name="groups"),
    path("<slug:slug>/groups/new/", gv.group_create, name="group_create"),
    path("<slug:slug>/groups/<int:group_id>/join/", gv.group_join, name="group_join"),
    path("<slug:slug>/groups/members/<int:member_id>/", gv.group_decide, name="group_decide"),
    path("<slug:slug>/representatives/", gv.representatives, name="representatives"),
    path(
        "<slug:slug>/agenda/offers/<int:offer_id>/",
        views.meeting_offer_answer,
        name="meeting_offer_answer",
    ),
    path("<slug:slug>/agenda/waiting-list/", views.waiting_list, name="waiting_list"),
    path("<slug:slug>/roster/", views.roster, name="roster"),
    path("<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path("<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/manage/edit/", views.edit, name="edit"),
    path("<slug:slug>/manage/sessions/", views.session_add, name="session_add"),
    path("<slug:slug>/manage/tables/", views.tables_add, name="tables_add"),
    path("<slug:slug>/manage/tables/delete/", views.table_delete, name="table_delete"),
    path("<slug:slug>/manage/interpreters/", views.interpreter_add, name="interpreter_add"),
    path("<slug:slug>/manage/invite/", rv.invite, name="invite"),
    path("<slug:slug>/manage/registrations/", rv.registrations, name="registrations"),
    path(
        "<slug:slug>/manage/registrations/<int:registration_id>/decide/",
        rv.registration_decide,
        name="registration_decide",
    ),
    path(
        "<slug:slug>/manage/registrations/<int:registration_id>/brought-by/",
        rv.registration_brought_by,
        name="registration_brought_by",
    ),
    path("<slug:slug>/manage/co-organisers/", rv.co_organisers_page, name="co_organisers"),
    path(
        "<slug:slug>/manage/co-organisers/<int:co_organiser_id>/remove/",
        rv.co_organiser_remove,
        name="co_organiser_remove",
    ),
    path("<slug:slug>/manage/schedule/", views.schedule_page, name="schedule"),
    path("<slug:slug>/manage/schedule/run/", views.run_start, name="run_start"),
    path("<slug:slug>/manage/schedule/runs/<int:run_id>/", views.run_progress, name="run_progress"),
    path("<slug:slug>/manage/schedule/publish/", views.publish, name="publish"),
    path(
        "<slug:slug>/manage/schedule/versions/<int:version_id>/delivery/",
        views.delivery_progress,
        name="delivery_progress",
    ),
    path(
        "<slug:slug>/manage/schedule/versions/<int:version_id>/delivery/resume/",
        views.delivery_resume,
        name="delivery_resume",
    ),
    path(
        "<slug:slug>/manage/meetings/<int:meeting_id>/lock/",
        views.meeting_lock,
        name="meeting_lock",
    ),
    path("<slug:slug>/manage/schedule/grid/", mv.grid, name="grid"),
    path("<slug:slug>/manage/schedule/unscheduled/", mv.unscheduled, name="unscheduled"),
    path(
        "<slug:slug>/manage/meetings/<int:meeting_id>/move/", mv.meeting_move, name="meeting_move"
    ),
    path(
        "<slug:slug>/manage/requests/<int:request_id>/place/",
        mv.meeting_place,
        name="meeting_place",
    ),
    path("<slug:slug>/manage/requests/arrange/", mv.request_arrange, name="request_arrange"),
    path(
        "<slug:slug>/manage/requests/<int:request_id>/required/",
        mv.request_required,
        name="request_required",
    ),
    path("<slug:slug>/meetings/<int:meeting_id>/cancel/", mv.meeting_cancel, name="meeting_cancel"),
    path(
        "<slug:slug>/requests/<int:request_id>/withdraw/",
        mv.request_withdraw,
        name="request_withdraw",
    ),
    path("<slug:slug>/register/cancel/", mv.registration_cancel, name="registration_cancel"),
    path("<slug:slug>/manage/day/", views.day, name="day"),
    path("<slug:slug>/manage/day/check-in/", views.check_in, name="check_in"),
    path(
        "<slug:slug>/manage/day/attendance/<int:registration_id>/",
        views.attendance,
        name="attendance",
    ),
    path(
        "<slug:slug>/manage/day/out/<str:kind>/<int:resource_id>/",
        views.resource_out,
        name="resource_out",
    ),
    path("<slug:slug>/manage/day/out/table/", views.table_out, name="table_out"),
    path("<slug:slug>/manage/day/repair/", views.repair, name="repair"),
    path("<slug:slug>/manage/print/<str:what>.pdf", views.print_document, name="print"),
    path("<slug:slug>/programme/", pv.programme_page, name="programme"),
    path("<slug:slug>/programme/<int:item_id>/", pv.programme_item, name="programme_item"),
    path("<slug:slug>/programme/<int:item_id>/sign-up/", pv.signup, name="programme_signup"),
    path(
        "<slug:slug>/programme/sign-ups/<int:signup_id>/cancel/",
        pv.signup_cancel,
        name="programme_signup_cancel",
    ),
    path(
        "<slug:slug>/programme/<int:item_id>/protocol/", pv.protocol_add, name="programme_protocol"
    ),
    path(
        "<slug:slug>/programme/<int:item_id>/attendance.pdf",
        pv.attendance_list_pdf,
        name="programme_attendance",
    ),
    path("<slug:slug>/manage/programme/", pv.programme_manage, name="programme_manage"),
    path(
        "<slug:slug>/manage/programme/<int:item_id>/edit/",
        pv.programme_edit,
        name="programme_edit",
    ),
    path(
        "<slug:slug>/manage/programme/<int:item_id>/delete/",
        pv.programme_delete,
        name="programme_delete",
    ),
    path(
        "<slug:slug>/manage/programme/<int:item_id>/invite/",
        pv.programme_invite,
        name="programme_invite",
    ),
    path(
        "<slug:slug>/manage/programme/sign-ups/<int:signup_id>/vip/",
        pv.signup_vip,
        name="programme_vip",
    ),
    path(
        "<slug:slug>/manage/programme/transport.pdf",
        pv.transport_list_pdf,
        name="programme_transport",
    ),
]
