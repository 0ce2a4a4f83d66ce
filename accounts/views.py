import json

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import extensions, personal_data
from accounts.forms import DeleteAccountForm, ModerationEmailsForm, TermsAcceptanceForm
from accounts.middleware import has_staff_powers
from accounts.services import delete_account, deletion_notes, set_moderation_emails
from accounts.terms import accept_terms, current_terms, needs_to_accept


@login_required
@require_safe
def overview(request):
    """The account home: what the person owns (sections from every app) and where to
    change how they sign in."""
    user = request.user
    emails = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    factors = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    passkeys = Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count()
    return render(
        request,
        "accounts/overview.html",
        {
            "sections": extensions.home_sections(request),
            "emails": emails,
            "unverified_emails": sum(not address.verified for address in emails),
            "has_totp": Authenticator.Type.TOTP in factors,
            "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in factors,
            "passkeys": passkeys,
            "moderation_form": ModerationEmailsForm(
                initial={"moderation_emails": user.moderation_emails}
            )
            if has_staff_powers(user)
            else None,
        },
    )


@login_required
@require_POST
def moderation_emails(request):
    if not has_staff_powers(request.user):  # staff, in a session that passed a second factor
        raise PermissionDenied
    form = ModerationEmailsForm(request.POST)
    if form.is_valid():
        set_moderation_emails(user=request.user, choice=form.cleaned_data["moderation_emails"])
        messages.success(request, _("Your choice for moderation emails has been saved."))
    else:
        messages.error(request, _("Please choose how you want to hear about submissions."))
    return redirect("accounts:overview")


@login_required
@require_safe
def my_data(request):
    data = personal_data.collect(request.user)
    return render(
        request,
        "accounts/my_data.html",
        {"data_json": json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)},
    )


@login_required
@require_safe
def my_data_download(request):
    data = personal_data.collect(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="zukunftsplattform-daten-{stamp}.json"'
    return response


@login_required
@require_safe
def my_data_zip(request):
    response = HttpResponse(personal_data.as_zip(request.user), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="zukunftsplattform-daten-{stamp}.zip"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@reauthentication_required
def delete(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        delete_account(request=request, user=request.user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("pages:home")
    return render(
        request,
        "accounts/delete.html",
        {"form": form, "notes": deletion_notes(request.user)},
    )


@require_safe
def terms_of_use(request):
    """The terms of use in force, for everyone (linked in the footer and at sign-up)."""
    terms = current_terms()
    if terms is None:
        raise Http404
    return render(request, "accounts/terms_of_use.html", {"terms": terms})


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("accounts:overview")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terms(request):
    """Asks a signed-in person to accept the terms of use in force (the middleware sends
    them here); they may also take their data, delete the account or log out."""
    pending = needs_to_accept(request.user)
    if request.method == "POST":
        form = TermsAcceptanceForm(request.POST)
        if form.is_valid():
            if form.terms is not None:
                accept_terms(user=request.user, terms=form.terms)
            messages.success(request, _("Thank you. You have accepted the terms of use."))
            return redirect(_safe_next(request, form.cleaned_data["next"]))
    else:
        if pending is None:
            return redirect(_safe_next(request, request.GET.get("next", "")))
        form = TermsAcceptanceForm(initial={"next": request.GET.get("next", "")})
    return render(request, "accounts/terms.html", {"form": form, "terms": form.terms})
