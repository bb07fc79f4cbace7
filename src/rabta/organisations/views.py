from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from rabta.organisations import selectors
from rabta.organisations.models import Organisation


def directory(request):
    return render(request, "organisations/directory.html", {"organisations": selectors.approved_organisations()[:50]})


def detail(request, slug):
    organisation = get_object_or_404(selectors.approved_organisations(), slug=slug)
    return render(request, "organisations/detail.html", {"organisation": organisation})


@login_required
def mine(request):
    membership = request.user.memberships.select_related("organisation").first()
    if membership is None:
        return render(request, "organisations/no_organisation.html")
    return redirect("organisations:detail", membership.organisation.slug)


@login_required
def validation_queue(request):
    if not (request.user.is_organiser or request.user.is_superuser):
        raise PermissionDenied
    pending = Organisation.objects.filter(validation=Organisation.Validation.PENDING)
    return render(request, "organisations/validation_queue.html", {"organisations": pending})
