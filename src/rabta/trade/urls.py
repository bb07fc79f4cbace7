from django.urls import path

from rabta.trade import guide_views, views

app_name = "trade"

urlpatterns = [
    path("", views.corridor, name="corridor"),
    path("hs/<str:code>/", views.hs_code, name="code"),
    path("trends.csv", views.trends_csv, name="trends_csv"),
    path("hs/<str:code>/trends.csv", views.trends_csv, name="code_trends_csv"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
    path("guides/", guide_views.guide_list, name="guides"),
    path("guides/new/", guide_views.guide_create, name="guide_new"),
    path("guides/<slug:slug>/", guide_views.guide_detail, name="guide"),
    path("guides/<slug:slug>/edit/", guide_views.guide_edit, name="guide_edit"),
    path(
        "guides/<slug:slug>/attachments/<int:attachment_id>/",
        guide_views.guide_attachment,
        name="guide_attachment",
    ),
]
