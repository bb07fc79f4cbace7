from django.urls import path

from rabta.messaging import views

app_name = "messaging"

urlpatterns = [
    path("notifications/", views.notification_centre, name="centre"),
    path("notifications/e-mail/", views.email_choices, name="email_choices"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("notifications/<int:notification_id>/open/", views.open_notification, name="open"),
    path("messages/<slug:slug>/", views.conversations, name="conversations"),
    path(
        "messages/<slug:slug>/with/<int:registration_id>/", views.conversation, name="conversation"
    ),
    path("messages/<slug:slug>/announcements/", views.announcements, name="announcements"),
    path(
        "messages/<slug:slug>/announcements/<int:announcement_id>/",
        views.announcement,
        name="announcement",
    ),
]
