from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from contact import conf, permissions, services
from contact.forms import ContactForm, ContactSettingsForm, ReportForm, StepForm
from contact.lifecycle import RECIPIENT, REQUEST
from contact.models import ContactOptOut, ContactRequest
from contact.tokens import InvalidLink, read_report_token
from zukunftsplattform.lifecycle import TransitionError
from zukunftsplattform.ratelimit import ratelimit_post


def contact(request, kind, slug):
    """The contact form for a project, an organisation or a person (POST sends it).

    What the public does not see does not exist here (404, signed in or not); anyone else
    signs in first and comes back.
    """
    obj = permissions.get_addressee(kind, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    target = services.addressee(obj)
    refusal = services.refusal(request.user, target)
    context = {"obj": obj, "kind": kind, "retention_days": conf.retention_days()}
    if refusal:
        return render(request, "contact/unavailable.html", {**context, "reason": refusal})
    initial = {"about": request.GET.get("about", "")}
    form = ContactForm(
        request.POST if request.method == "POST" else None, addressee=obj, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        about, about_kind = form.chosen_about()
        try:
            sent = services.send_request(
                sender=request.user,
                obj=obj,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                about=about,
                about_kind=about_kind,
                share_email=form.cleaned_data["share_email"],
            )
        except services.ContactRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("Your message has been sent to %(name)s. You see its state here.")
                % {"name": target.name},
            )
            return redirect("contact:detail", pk=sent.pk)
    return render(request, "contact/contact_form.html", {**context, "form": form})


@login_required
@require_safe
def my_requests(request):
    """The account's page: requests received and sent, with their state."""
    received = ContactRequest.objects.received_by(request.user).for_lists()
    sent = ContactRequest.objects.sent_by(request.user).for_lists()
    return render(
        request,
        "contact/my_requests.html",
        {"received": received, "sent": sent, "retention_days": conf.retention_days()},
    )


@login_required
@require_safe
def detail(request, pk):
    """One request, for its sender or a recipient; recipients mark it here."""
    contact_request = permissions.get_request_for_user(request.user, pk)
    is_recipient = permissions.is_recipient(request.user, contact_request)
    steps = REQUEST.available(contact_request.status, {RECIPIENT}) if is_recipient else []
    return render(
        request,
        "contact/detail.html",
        {
            "contact_request": contact_request,
            "is_recipient": is_recipient,
            "steps": steps,
            "retention_days": conf.retention_days(),
        },
    )


STEP_MESSAGES = {
    "answer": gettext_lazy("Marked as answered."),
    "decline": gettext_lazy("Marked as declined."),
    "reopen": gettext_lazy("Marked as open again."),
}


@login_required
@require_POST
def step(request, pk):
    """A recipient's button: answered, declined or open again (POST, then back)."""
    contact_request = permissions.get_request_for_user(request.user, pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed. Please use one of the buttons."))
        return redirect("contact:detail", pk=pk)
    action = form.cleaned_data["action"]
    try:
        services.take_step(request=contact_request, user=request.user, action=action)
    except PermissionDenied:
        messages.error(request, _("Only those who received the message can mark it."))
    except TransitionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, STEP_MESSAGES[action])
    return redirect("contact:detail", pk=pk)


@ratelimit_post("contact_report", limit=10, period=600)
def report(request, token):
    """The link in each relayed mail: report the message to the moderation (no login)."""
    try:
        contact_request, address = read_report_token(token)
    except InvalidLink:
        return render(request, "contact/report_invalid.html", status=404)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_request(
            request=contact_request, address=address, reason=form.cleaned_data["reason"]
        )
        return render(request, "contact/report_done.html")
    return render(
        request, "contact/report.html", {"form": form, "contact_request": contact_request}
    )


@login_required
def contact_settings(request):
    """Switch contact through the platform on or off for one's profile and organisations."""
    own = permissions.switchable_by(request.user)
    mine = Q(organisation__in=own["organisations"])
    if own["person"] is not None:
        mine |= Q(person=own["person"])
    off = ContactOptOut.objects.filter(mine)
    allowed = {
        ("person", o.person_id) if o.person_id else ("organisation", o.organisation_id): False
        for o in off
    }
    form = ContactSettingsForm(
        request.POST if request.method == "POST" else None, allowed=allowed, **own
    )
    if request.method == "POST" and form.is_valid():
        changed = False
        for name, obj in form.targets.items():
            changed |= services.set_contact_allowed(obj=obj, allowed=form.cleaned_data[name])
        if changed:
            messages.success(request, _("Your contact settings have been saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("contact:settings")
    return render(request, "contact/settings.html", {"form": form, **own})
