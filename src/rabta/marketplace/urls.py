from django.urls import path

from rabta.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("interests/", views.interests, name="interests"),
    path(
        "interests/<int:pk>/accept/",
        views.interest_answer,
        {"answer": "accept"},
        name="interest_accept",
    ),
    path(
        "interests/<int:pk>/decline/",
        views.interest_answer,
        {"answer": "decline"},
        name="interest_decline",
    ),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/interest/", views.express_interest, name="interest"),
]
