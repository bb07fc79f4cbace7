from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from rabta.accounts import services


@require_POST
def set_language(request):
    """Switch the interface language; a signed-in user's choice is remembered on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    return response


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"profile_user": request.user})
