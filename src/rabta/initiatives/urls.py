from django.urls import path

from rabta.initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("new/", views.initiative_create, name="create"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/status/", views.set_status, name="set_status"),
    path("<slug:slug>/milestones/new/", views.milestone_add, name="milestone_add"),
    path(
        "<slug:slug>/milestones/<int:milestone_id>/done/",
        views.milestone_done,
        name="milestone_done",
    ),
]
