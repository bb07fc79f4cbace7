from django.urls import path

from rabta.trade import views

app_name = "trade"

urlpatterns = [
    path("", views.corridor, name="corridor"),
    path("hs/<str:code>/", views.hs_code, name="code"),
    path("trends.csv", views.trends_csv, name="trends_csv"),
    path("hs/<str:code>/trends.csv", views.trends_csv, name="code_trends_csv"),
    path("statistics.csv", views.statistics_csv, name="statistics_csv"),
]
