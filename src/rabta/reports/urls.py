from django.urls import path

from rabta.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("exports/<str:name>.<str:fmt>", views.export, name="export"),
    path(
        "events/<slug:slug>/exports/<str:name>.<str:fmt>", views.event_export, name="event_export"
    ),
    path("events/<slug:slug>/feedback/", views.my_feedback, name="my_feedback"),
    path("feedback/<int:meeting_id>/", views.feedback_form, name="feedback_form"),
    path("events/<slug:slug>/outcomes/", views.my_outcomes, name="outcomes"),
    path("outcomes/<int:meeting_id>/", views.outcome_form, name="outcome_form"),
    path("imports/", views.import_new, name="import_new"),
    path("imports/<int:job_id>/", views.import_detail, name="import_detail"),
    path("imports/<int:job_id>/invite/", views.import_invite, name="import_invite"),
    path("imports/templates/<str:kind>.<str:fmt>", views.import_template, name="import_template"),
]
