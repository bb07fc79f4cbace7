"""Pages of the marketplace. Thin: parse, call one service or selector, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rabta.core.cache import cached
from rabta.core.exceptions import InvalidInput, NotPermitted, RabtaError
from rabta.core.files import EXTENSIONS, serve_private
from rabta.marketplace import selectors, services
from rabta.marketplace.forms import (
    AttachmentForm,
    InterestForm,
    ModerationForm,
    OpportunityForm,
    SearchForm,
)
from rabta.marketplace.models import Attachment, Interest, Opportunity
from rabta.marketplace.pagination import CappedPaginator
from rabta.marketplace.permissions import can_edit, member_organisation_ids
from rabta.organisations.models import Organisation


def browse(request):
    form = SearchForm(request.GET or None)
    page = None
    results_html = None
    errors: dict[str, list[str]] = {}
    query = request.GET.copy()
    query.pop("page", None)
    if form.is_valid() or not request.GET:
        values = form.cleaned_data if request.GET else {}
        try:
            filters = selectors.SearchFilters(
                **{k: values.get(k) or "" for k in SearchForm.base_fields}
            ).clean()
        except InvalidInput as error:
            errors = error.field_errors
            for field, field_messages in errors.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            paginator = CappedPaginator(
                selectors.search_opportunities(filters),
                settings.RABTA_PAGE_SIZE,
                cache_parts=(filters,),
            )
            if settings.RABTA_SHARED_CACHE:
                # The results, rendered once per page and language until an opportunity or an
                # organisation changes ("marketplace" is bumped).
                number = paginator.number_of(request.GET.get("page"))
                results_html = mark_safe(  # noqa: S308 (the template's own output)
                    cached(
                        "marketplace",
                        ("results", filters, query.urlencode(), number),
                        lambda: render_to_string(
                            "marketplace/_results.html",
                            {"page": paginator.page(number), "query": query.urlencode()},
                        ),
                        timeout=settings.RABTA_CACHE_SECONDS,
                        per_language=True,
                    )
                )
            else:
                page = paginator.get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": query.urlencode(), "results_html": results_html}
    if getattr(request, "htmx", False):
        if results_html:
            return HttpResponse(results_html)
        return render(request, "marketplace/_results.html", context)
    return render(request, "marketplace/browse.html", context)


def _visible(request, pk: int) -> Opportunity:
    opportunity = selectors.visible_opportunity(request.user, pk)
    if opportunity is None:
        raise Http404
    return opportunity


def detail(request, pk: int):
    opportunity = _visible(request, pk)
    interest = selectors.viewer_interest(request.user, opportunity)
    owner = can_edit(request.user, opportunity)
    contacts = None
    if selectors.owner_contacts_visible(request.user, opportunity, interest):
        contacts = selectors.organisation_contacts(opportunity.organisation)
    # No HS codes typed: the headings its text proposed stand in for them (matching, search);
    # its owner sees which, or nothing on the page would say it.
    proposed = []
    if owner and not opportunity.hs_codes:
        from rabta.marketplace.suggestions import heading_label

        proposed = [heading_label(h, get_language()) for h in opportunity.suggested_headings or []]
    context = {
        "opportunity": opportunity,
        "is_owner": owner,
        "proposed_headings": proposed,
        "interest": interest,
        "contacts": contacts,
        "interest_form": InterestForm(),
        "can_express_interest": bool(
            request.user.is_authenticated
            and member_organisation_ids(request.user)
            and not owner
            and interest is None
            and opportunity.is_live
        ),
        "can_delete": owner and not selectors.has_interests(opportunity),
        "can_moderate": selectors.can_moderate(request.user),
        "moderation_form": ModerationForm(),
    }
    return render(request, "marketplace/detail.html", context)


@login_required
def mine(request):
    ids = member_organisation_ids(request.user)
    if not ids:
        return render(request, "organisations/no_organisation.html")
    return render(
        request,
        "marketplace/mine.html",
        {"opportunities": selectors.organisation_opportunities(ids)[:200]},
    )


def _propose(request, form: OpportunityForm) -> None:
    """The "suggest" step: read the posted text, offer its HS headings, save nothing."""
    form.is_valid()
    form.propose_headings(get_language())
    form.errors.clear()  # not a save: the fields are not judged yet


def _save(request, form: OpportunityForm, opportunity: Opportunity | None):
    if not form.is_valid():
        return None
    try:
        if opportunity is None:
            chosen = form.cleaned_data.get("organisation")
            return services.opportunity_create(
                user=request.user,
                data=form.to_data(),
                organisation=Organisation(pk=chosen) if chosen else None,
                publish="publish" in request.POST,
            )
        return services.opportunity_update(
            user=request.user, opportunity=opportunity, data=form.to_data()
        )
    except InvalidInput as error:
        form.add_service_errors(error.field_errors)
        if not error.field_errors:
            form.add_error(None, error.message)
    return None


@login_required
def create(request):
    ids = member_organisation_ids(request.user)
    if not ids:
        return render(request, "organisations/no_organisation.html")
    organisations = Organisation.objects.filter(pk__in=ids).order_by("name_key")
    form = OpportunityForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and "suggest" in request.POST:
        _propose(request, form)
    elif request.method == "POST":
        try:
            saved = _save(request, form, None)
        except NotPermitted as error:
            form.add_error(None, error.message)
            saved = None
        if saved is not None:
            published = saved.status == Opportunity.Status.PUBLISHED
            messages.success(
                request,
                _("The opportunity is published.") if published else _("The opportunity is saved."),
            )
            return redirect("marketplace:detail", saved.pk)
        form.propose_headings(get_language())
    return render(
        request,
        "marketplace/form.html",
        {
            "form": form,
            "opportunity": None,
            # the one organisation they act for; with several, the form asks which one
            "organisation": None if "organisation" in form.fields else organisations.first(),
        },
        status=_status(request),
    )


@login_required
def edit(request, pk: int):
    opportunity = _visible(request, pk)
    if not can_edit(request.user, opportunity):
        raise Http404
    if request.method == "POST" and "suggest" in request.POST:
        form = OpportunityForm(request.POST)
        _propose(request, form)
    elif request.method == "POST":
        form = OpportunityForm(request.POST)
        if _save(request, form, opportunity) is not None:
            messages.success(request, _("The opportunity is saved."))
            return redirect("marketplace:detail", opportunity.pk)
        form.propose_headings(get_language())
    else:
        form = OpportunityForm(
            initial=OpportunityForm.initial_from(services.current_values(opportunity))
        )
        form.propose_headings(get_language(), stored=opportunity.suggested_headings)
    context = {"form": form, "opportunity": opportunity, "attachment_form": AttachmentForm()}
    return render(request, "marketplace/form.html", context, status=_status(request))


def _status(request) -> int:
    """The form page's status: a save that came back to it was refused (422, as every other
    form of rabta answers); a first view or HS codes suggested on request are 200."""
    return 422 if request.method == "POST" and "suggest" not in request.POST else 200


def _act(request, action, success: str, target: str = "marketplace:detail", **kwargs):
    try:
        action(user=request.user, **kwargs)
    except RabtaError as error:
        field_messages = [str(m) for values in error.field_errors.values() for m in values]
        # On a redirect there are no fields to point at: the reasons alone say what is wrong.
        default = error.message is error.default_message
        general = [] if field_messages and default else [str(error.message)]
        messages.error(request, " ".join([*general, *field_messages]))
    else:
        messages.success(request, success)


@login_required
@require_POST
def publish(request, pk: int):
    _act(
        request,
        services.opportunity_publish,
        _("The opportunity is published."),
        opportunity=_visible(request, pk),
    )
    return redirect("marketplace:detail", pk)


@login_required
@require_POST
def close(request, pk: int):
    _act(
        request,
        services.opportunity_close,
        _("The opportunity is closed."),
        opportunity=_visible(request, pk),
    )
    return redirect("marketplace:detail", pk)


@login_required
@require_POST
def delete(request, pk: int):
    opportunity = _visible(request, pk)
    try:
        services.opportunity_delete(user=request.user, opportunity=opportunity)
    except RabtaError as error:
        messages.error(request, str(error.message))
        return redirect("marketplace:detail", pk)
    messages.success(request, _("The opportunity is deleted."))
    return redirect("marketplace:mine")


@login_required
@require_POST
def moderate(request, pk: int):
    form = ModerationForm(request.POST)
    note = form.data.get("note", "")
    hidden = request.POST.get("action") != "show"
    _act(
        request,
        services.opportunity_moderate,
        _("The moderation is saved."),
        opportunity=_visible(request, pk),
        hidden=hidden,
        note=note,
    )
    return redirect("marketplace:detail", pk)


@login_required
@require_POST
def attachment_add(request, pk: int):
    opportunity = _visible(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
    else:
        _act(
            request,
            services.attachment_add,
            _("The file is attached."),
            opportunity=opportunity,
            file=form.cleaned_data["file"],
        )
    return redirect("marketplace:edit", pk)


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(Attachment.objects.select_related("opportunity"), pk=pk)
    _act(request, services.attachment_delete, _("The file is removed."), attachment=attachment)
    return redirect("marketplace:edit", attachment.opportunity_id)


def attachment_download(request, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk)
    _visible(request, attachment.opportunity_id)
    # Images are shown in the browser; documents are always downloaded, under the display name
    # with the extension of what they are.
    extension = EXTENSIONS[attachment.content_type]
    stem = attachment.name.rsplit(".", 1)[0] if "." in attachment.name else attachment.name
    return serve_private(
        attachment.file,
        content_type=attachment.content_type,
        filename=f"{stem or attachment.pk}.{extension}",
        as_attachment=not attachment.content_type.startswith("image/"),
    )


@login_required
@require_POST
def express_interest(request, pk: int):
    opportunity = _visible(request, pk)
    form = InterestForm(request.POST)
    message = form.data.get("message", "")
    _act(
        request,
        services.interest_express,
        _(
            "The owner has been told of your interest. Their contact details appear here once they accept."
        ),
        opportunity=opportunity,
        message=message,
    )
    return redirect("marketplace:detail", pk)


@login_required
def interests(request):
    ids = member_organisation_ids(request.user)
    context = {
        "received": selectors.interests_received(ids)[:200],
        "sent": selectors.interests_sent(ids)[:200],
    }
    return render(request, "marketplace/interests.html", context)


@login_required
@require_POST
def interest_answer(request, pk: int, answer: str):
    interest = get_object_or_404(
        Interest.objects.select_related("opportunity", "created_by"), pk=pk
    )
    if answer == "accept":
        _act(
            request,
            services.interest_accept,
            _("Accepted: you can now see each other's contact details."),
            interest=interest,
        )
    else:
        _act(request, services.interest_decline, _("Declined."), interest=interest)
    if getattr(request, "htmx", False):
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect("marketplace:interests")
