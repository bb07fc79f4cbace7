from allauth.account import views as allauth_views
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import int_to_base36, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from rabta.accounts import selectors, services
from rabta.accounts.adapter import VERIFY_SESSION_KEY
from rabta.accounts.forms import AccountDeleteForm, ApiTokenForm, AuditFilterForm, ProfileForm
from rabta.accounts.permissions import site_admin_required
from rabta.core.exceptions import InvalidInput, NotFound
from rabta.core.forms import add_service_errors

NEW_TOKEN_SESSION_KEY = "rabta_new_api_token"


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user's choice is remembered on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    return response


def _remember_language_cookie(response: HttpResponseRedirect, language: str) -> None:
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )


class LoginView(allauth_views.LoginView):
    """allauth's login (e-mail or user name); the browser then remembers the account's language."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.is_authenticated:
            _remember_language_cookie(response, self.request.user.language)
        return response


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's verification page; a link that expired between opening and confirming gets
    the same explanation as a broken one, not a 404."""

    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data())


@require_http_methods(["GET", "POST"])
def verification_sent(request):
    """ "Check your e-mail", after signing up or logging in with an address not yet verified:
    in the account's own language (a Russian newcomer logging in from an English browser reads
    Russian), with the address the link went to and a button that sends it again."""
    address = services.unverified_address(user_id=request.session.get(VERIFY_SESSION_KEY))
    if address is not None and address.user.language:
        translation.activate(address.user.language)
        request.LANGUAGE_CODE = address.user.language
    if request.method == "POST" and address is not None:
        if services.account_verification_resend(request=request, address=address):
            messages.success(
                request, _("We have sent the link again to %(email)s.") % {"email": address.email}
            )
        else:
            messages.info(
                request,
                _(
                    "A link was sent to %(email)s a moment ago and still works. Wait a few minutes before asking for another."
                )
                % {"email": address.email},
            )
        return redirect("account_email_verification_sent")
    return render(request, "account/verification_sent.html", {"address": address})


def legacy_password_reset_link(request, uidb64: str, token: str):
    """A reset link e-mailed before allauth: the same token, at allauth's address."""
    try:
        uid = int_to_base36(int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, UnicodeDecodeError):
        uid = "0"  # allauth then says the link is not valid and offers a new one
    return redirect("account_reset_password_from_key", uidb36=uid, key=token)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    initial = {
        "full_name": user.full_name,
        "language": user.language,
        "spoken_languages": user.spoken_languages,
        "time_zone": user.time_zone,
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            if "time_zone" not in request.POST:  # a form without the field keeps the zone
                data["time_zone"] = None
            services.user_update_profile(user=user, **data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            response = redirect("accounts:profile")
            _remember_language_cookie(response, user.language)
            # The message is read on the next page, in the language just chosen.
            with translation.override(user.language or translation.get_language()):
                messages.success(request, _("Your account has been saved."))
            return response
    status = 422 if form.errors else 200
    return render(
        request, "accounts/profile.html", {"form": form, "profile_user": user}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            request.session[NEW_TOKEN_SESSION_KEY] = {"id": created.token.pk, "key": created.key}
            return redirect("accounts:api_tokens")
    new_token = (
        request.session.pop(NEW_TOKEN_SESSION_KEY, None) if request.method == "GET" else None
    )
    context = {
        "form": form,
        "tokens": selectors.api_tokens_of(request.user),
        "new_token": new_token,
        "api_base": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, "accounts/api_tokens.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def api_token_revoke(request, token_id: int):
    try:
        services.api_token_revoke(user=request.user, token_id=token_id)
    except NotFound as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The token has been revoked; programs using it can no longer sign in.")
        )
    return redirect("accounts:api_tokens")


@site_admin_required
def audit_log(request):
    form = AuditFilterForm(request.GET or None, actions=selectors.audit_action_choices())
    filters = selectors.AuditFilter()
    if form.is_bound and form.is_valid():
        filters = selectors.AuditFilter(**form.cleaned_data)
    paginator = Paginator(selectors.audit_entries(filters), settings.RABTA_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "audit_url": reverse("accounts:audit_log"),
    }
    return render(request, "accounts/audit_log.html", context)


@login_required
def data_export(request):
    """The person's own data as a JSON file (profile, memberships, requests, meetings)."""
    response = JsonResponse(
        services.account_data_export(user=request.user),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="rabta-my-data.json"'
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Delete one's own account, after entering the password again (allauth's re-authentication)."""
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            language = request.user.language or translation.get_language()
            logout(request)
            response = redirect("home")
            _remember_language_cookie(response, language)
            with translation.override(language):
                messages.success(request, _("Your account has been deleted. Goodbye."))
            return response
    status = 422 if form.errors else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)
