"""Organisations people run themselves: proposing a new one, its members page (invite,
roles, requests to join), asking to join, leaving, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.public import verified_addresses
from network import services
from network.forms import OrganisationForm
from network.lifecycle import VISIBILITY, visibility_of
from network.membership_forms import (
    InviteColleagueForm,
    JoinRequestForm,
    LeaveForm,
    MemberActionForm,
)
from network.models import OrganisationInvitation, OrganisationMembership
from network.permissions import (
    can_ask_to_join,
    can_manage_members,
    get_organisation_for_user,
    is_member,
    membership_of,
)
from zukunftsplattform.ratelimit import ratelimit_post

Role = OrganisationMembership.Role


def _safe_next(request) -> str:
    """Where to return after proposing (the project form links here with ``next``)."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-propose-organisation", limit=30, period=3600)
def organisation_create(request):
    """A signed-in person proposes an organisation; it is public once the moderation
    publishes it, and they are its first administrator."""
    is_post = request.method == "POST"
    form = OrganisationForm(request.POST if is_post else None, request.FILES if is_post else None)
    back = _safe_next(request)
    if is_post and form.is_valid():
        organisation = services.propose_organisation(data=form.cleaned_data, by=request.user)
        messages.success(
            request,
            _(
                "Thank you! “%(name)s” has been sent to the moderation. It appears in the "
                "directory (and can be chosen for projects) once it is published; we will "
                "tell you by email."
            )
            % {"name": organisation.name},
        )
        return redirect(back or organisation.get_absolute_url())
    return render(request, "network/organisation_create.html", {"form": form, "back": back})


def _members_context(request, organisation, *, invite_form):
    manage = can_manage_members(request.user, organisation)
    members = organisation.memberships.select_related("user").order_by("role", "created_at", "pk")
    context = {
        "organisation": organisation,
        "members": members,
        "can_manage": manage,
        "own": membership_of(request.user, organisation),
        "invite_form": invite_form,
        "state": VISIBILITY.states[visibility_of(organisation)],
    }
    if manage:
        known = [member.user.email.lower() for member in members]
        context["invitations"] = (
            services.open_organisation_invitations()
            .filter(organisation=organisation)
            .exclude(email__in=known)
            .order_by("-created_at")
        )
        context["join_requests"] = organisation.join_requests.select_related("user")
    return context


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_members(request, slug):
    """Every member sees who belongs; administrators invite, decide requests to join,
    change roles and remove members."""
    organisation = get_organisation_for_user(request, slug, action="belong")
    is_post = request.method == "POST"
    invite_form = InviteColleagueForm(
        request.POST if is_post and request.POST.get("action") == "invite" else None
    )
    if is_post:
        if not can_manage_members(request.user, organisation):
            raise PermissionDenied
        if request.POST.get("action") == "invite":
            if invite_form.is_valid():
                try:
                    services.invite_to_organisation(
                        organisation=organisation,
                        inviter=request.user,
                        email=invite_form.cleaned_data["email"],
                    )
                except ValidationError as error:
                    invite_form.add_error("email", error)
                else:
                    messages.success(
                        request,
                        _("The invitation to %(email)s has been sent.")
                        % {"email": invite_form.cleaned_data["email"]},
                    )
                    return redirect("network:organisation_members", slug=organisation.slug)
        else:
            _member_action(request, organisation)
            return redirect("network:organisation_members", slug=organisation.slug)
    return render(
        request,
        "network/organisation_members.html",
        _members_context(request, organisation, invite_form=invite_form),
    )


def _member_action(request, organisation) -> None:
    form = MemberActionForm(request.POST, organisation=organisation)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or _("Nothing was changed.")
        )
        return
    action, target = form.cleaned_data["action"], form.target()
    A = MemberActionForm
    try:
        if action == A.PROMOTE:
            services.set_member_role(membership=target, role=Role.ADMINISTRATOR, by=request.user)
            done = _("%(name)s is now an administrator.")
        elif action == A.DEMOTE:
            services.set_member_role(membership=target, role=Role.MEMBER, by=request.user)
            done = _("%(name)s is now a member without administration.")
        elif action == A.REMOVE:
            services.remove_member(membership=target, by=request.user)
            done = _("%(name)s is no longer a member.")
        elif action == A.REVOKE:
            services.revoke_organisation_invitation(
                organisation=organisation, invitation=target, by=request.user
            )
            messages.success(
                request, _("The invitation to %(email)s has been withdrawn.") % {"email": target}
            )
            return
        else:
            accept = action == A.ACCEPT
            services.decide_join_request(join_request=target, by=request.user, accept=accept)
            done = (
                _("%(name)s is now a member; we have told them by email.")
                if accept
                else _("The request of %(name)s has been declined; we have told them by email.")
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(request, done % {"name": target.user.display_name or target.user.email})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-join-request", limit=20, period=3600)
def organisation_join(request, slug):
    """Ask to join a visible organisation; its administrators decide."""
    organisation = get_organisation_for_user(request, slug)
    if is_member(request.user, organisation):
        messages.info(request, _("You are already a member of this organisation."))
        return redirect("network:organisation_members", slug=organisation.slug)
    if not can_ask_to_join(request.user, organisation):
        raise PermissionDenied
    pending = organisation.join_requests.filter(user=request.user).first()
    form = JoinRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"message": pending.message if pending else ""},
    )
    if request.method == "POST" and form.is_valid():
        services.request_to_join(
            organisation=organisation, user=request.user, message=form.cleaned_data["message"]
        )
        messages.success(
            request,
            _(
                "Your request has been sent to the administrators of “%(name)s”. We will "
                "tell you their answer by email."
            )
            % {"name": organisation.name},
        )
        return redirect(organisation.get_absolute_url())
    return render(
        request,
        "network/organisation_join.html",
        {"organisation": organisation, "form": form, "pending": pending},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_leave(request, slug):
    """Leave the organisation (the last administrator hands over first)."""
    organisation = get_organisation_for_user(request, slug, action="belong")
    form = LeaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leave_organisation(organisation=organisation, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You are no longer a member of “%(name)s”.") % {"name": organisation.name},
            )
            return redirect("accounts:overview")
    return render(
        request,
        "network/organisation_leave.html",
        {
            "organisation": organisation,
            "form": form,
            "own": membership_of(request.user, organisation),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit_post("network-invitation", limit=20, period=600)
def organisation_invitation(request, token):
    """The link in an invitation: log in with the invited address, then join."""
    invitation = get_object_or_404(
        OrganisationInvitation.objects.select_related("organisation", "invited_by"), token=token
    )
    user = request.user
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            services.accept_organisation_invitation(invitation=invitation, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(invitation.get_absolute_url())
        messages.success(
            request,
            _("Welcome to “%(name)s”.") % {"name": invitation.organisation.name},
        )
        return redirect("network:organisation_members", slug=invitation.organisation.slug)
    context = {
        "invitation": invitation,
        "is_open": invitation.is_open,
        "is_member": is_member(user, invitation.organisation),
        "is_for_user": services.organisation_invitation_is_for(invitation, user),
    }
    return render(request, "network/organisation_invitation.html", context)


def pending_organisation_invitation_url(request) -> str | None:
    """After a login (also right after signing up and confirming the address, where
    allauth drops ``next``): an open invitation to a confirmed address of the person, to an
    organisation they are not in yet (``accounts.adapter`` asks every registered app, once
    the person is logged in)."""
    invitation = (
        services.open_organisation_invitations()
        .filter(email__in=verified_addresses(request.user))
        .exclude(organisation__members=request.user)
        .order_by("-created_at")
        .first()
    )
    return invitation.get_absolute_url() if invitation else None
