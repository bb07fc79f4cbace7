from django.urls import path

from rabta.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("mine/", views.mine, name="mine"),
    path("validation/", views.validation_queue, name="validation_queue"),
    path("<slug:slug>/", views.detail, name="detail"),
]
