from django.urls import path

from rabta.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.recommendations, name="recommendations"),
    path("hide/", views.hide, name="hide"),
    path("hidden/<int:hidden_id>/show/", views.unhide, name="unhide"),
]
