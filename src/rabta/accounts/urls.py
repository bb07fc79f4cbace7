"""rabta's account pages. Sign-up, login, e-mail verification and password reset are
django-allauth's (mounted under /accounts/ too, see rabta/urls.py); the names below that
predate it (``accounts:login``, ``accounts:password_reset``…) keep working: the same views or
permanent redirects to allauth's, so no old link or bookmark ends on a 404."""

from allauth.account import views as allauth_views
from django.urls import path
from django.views.generic import RedirectView

from rabta.accounts import views

app_name = "accounts"


def moved_to(url_name: str):
    return RedirectView.as_view(pattern_name=url_name, permanent=True, query_string=True)


urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    path("signup/", allauth_views.signup, name="signup"),
    # allauth's "check your e-mail" address (account_email_verification_sent), rabta's page.
    path("confirm-email/", views.verification_sent, name="verification_sent"),
    path("confirm-email/<str:key>/", views.ConfirmEmailView.as_view(), name="confirm_email"),
    # One address per account (User.email): allauth's page for several addresses is not used.
    path("email/", RedirectView.as_view(pattern_name="accounts:profile"), name="email"),
    path("password-reset/", moved_to("account_reset_password"), name="password_reset"),
    path(
        "password-reset/sent/", moved_to("account_reset_password_done"), name="password_reset_done"
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.legacy_password_reset_link,
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        moved_to("account_reset_password_from_key_done"),
        name="password_reset_complete",
    ),
    path("password/", moved_to("account_change_password"), name="password_change"),
    path("password/done/", moved_to("account_change_password"), name="password_change_done"),
    path("profile/", views.profile, name="profile"),
    path("profile/data.json", views.data_export, name="data_export"),
    path("profile/delete/", views.account_delete, name="delete"),
    path("tokens/", views.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("audit/", views.audit_log, name="audit_log"),
    path("language/", views.set_language, name="set_language"),
]
