from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from projects import extensions, services
from projects.extensions import detail_sections
from projects.forms import (
    InviteForm,
    ProjectFilterForm,
    ProjectForm,
    SaveChoiceForm,
    TeamActionForm,
    missing_for_submission,
)
from projects.models import Invitation, Project, ProjectMembership, Transition, organisations
from projects.permissions import (
    can_edit,
    can_manage_team,
    can_withdraw,
    get_project_for_user,
    is_moderator,
    role_of,
)
from projects.public import best_practice_projects, published_projects
from taxonomy.public import (
    TargetGroup,
    Topic,
    choropleth,
    count_by_region,
    locator,
    region_url,
    view_switch,
    wants_map,
    without_region,
)
from zukunftsplattform.german import german_order
from zukunftsplattform.pagination import paginate, query_without_page
from zukunftsplattform.ratelimit import ratelimit_search


@require_safe
@ratelimit_search
def project_list(request):
    form = ProjectFilterForm(request.GET)
    context = {"form": form, "query": query_without_page(request), "switch": view_switch(request)}
    if wants_map(request):
        # Every district under the same filters but the region: one aggregate query.
        form.is_valid()  # the filters' errors show as in the list
        counted = ProjectFilterForm(without_region(request)).filter(published_projects())
        context["map"] = _project_map(request, count_by_region(counted), form)
    else:
        context["page"] = paginate(request, form.filter(published_projects()))
    template = (
        "projects/project_list.html#results" if request.htmx else "projects/project_list.html"
    )
    return render(request, template, context)


def _project_map(request, figures, form):
    return choropleth(
        id="projects-map",
        title=_("Published projects per district"),
        figures=figures,
        url=region_url(reverse("projects:list"), request),
        name=lambda label, n: (
            ngettext("%(district)s: %(n)s project", "%(district)s: %(n)s projects", n)
            % {"district": label, "n": n}
        ),
        figure_label=_("Projects"),
        marked=form.cleaned_data.get("region", ""),
    )


@require_safe
def best_practice(request):
    page = paginate(request, best_practice_projects(), per_page=12)
    return render(
        request, "projects/best_practice.html", {"page": page, "query": query_without_page(request)}
    )


def _detail_queryset(user):
    queryset = (
        Project.objects.select_related("carrying_organisation", "funding_programme", "call_round")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.all()),
            Prefetch("target_groups", queryset=TargetGroup.objects.all()),
            "needs",
            "offers",
        )
        .annotate(
            # The page names partners only, so their names come with the project; those
            # the moderation has hidden are not named.
            partner_names=ArraySubquery(
                organisations()
                .public()
                .filter(partner_projects=OuterRef("pk"))
                .order_by(*german_order("name"))
                .values("name")
            )
        )
    )
    if user.is_authenticated:
        # role_of() and can_edit() read the team; anonymous visitors have no role.
        queryset = queryset.prefetch_related("memberships")
    return queryset


@require_safe
def project_detail(request, slug):
    # 404 unless public, the user's, or moderated by them; one load for the whole page.
    project = get_project_for_user(request, slug, queryset=_detail_queryset(request.user))
    if project.carrying_organisation and not project.carrying_organisation.is_published:
        project.carrying_organisation = None  # hidden by the moderation: not named here
    context = {
        "project": project,
        "schema": _schema(request, project),
        "role": role_of(request.user, project),
        "can_edit": can_edit(request.user, project),
        "can_withdraw": can_withdraw(request.user, project),
        "is_moderator": is_moderator(request.user),
        "sections": detail_sections(request, project) if project.is_public else [],
        "helpers": _who_can_help(project) if project.is_public else None,
        "locator": locator(project.region, title=_("Region of the project")),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_safe
def project_preview(request, slug):
    """What waits for moderation (or is being edited), as the public will see it once
    approved: for the team, and for moderators deciding on it."""
    project = get_project_for_user(
        request,
        slug,
        action="preview",
        queryset=_detail_queryset(request.user),
    )
    changes = services.revision_diff(project)
    services.show_revision(project)
    context = {
        "project": project,
        "schema": {},
        "role": role_of(request.user, project),
        "can_edit": can_edit(request.user, project),
        "is_moderator": is_moderator(request.user),
        "sections": [],
        "helpers": None,
        "preview": True,
        "changes": changes,
        "can_withdraw": can_withdraw(request.user, project),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_POST
def project_withdraw(request, slug):
    project = get_project_for_user(request, slug, action="withdraw")
    services.withdraw_submission(project=project, user=request.user)
    messages.success(
        request,
        _(
            "You have withdrawn your submission. It no longer waits for the moderation; "
            "you can edit it and submit it again."
        ),
    )
    return redirect("projects:mine")


def _who_can_help(project) -> dict | None:
    """Organisations, people and projects whose offers meet this project's needs."""
    if not project.needs.all():
        return None
    helpers = extensions.who_can_help(project, limit=6)
    return helpers if any(helpers.values()) else {}


def _schema(request, project) -> dict:
    """schema.org data for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": project.title,
        "description": project.summary,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "keywords": ", ".join(topic.name for topic in project.topics.all()),
    }
    if project.region:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": project.get_region_display()}
    if project.cover:
        data["image"] = request.build_absolute_uri(project.cover.url)
    if project.carrying_organisation:
        data["parentOrganization"] = {
            "@type": "Organization",
            "name": project.carrying_organisation.name,
        }
    if project.website:
        data["sameAs"] = project.website
    return data


@login_required
@require_safe
def my_projects(request):
    memberships = (
        ProjectMembership.objects.filter(user=request.user)
        .select_related("project")
        .order_by("-project__updated_at")
    )
    return render(request, "projects/my_projects.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_create(request):
    is_post = request.method == "POST"
    form = ProjectForm(request.POST if is_post else None, request.FILES if is_post else None)
    if request.method == "POST" and form.is_valid():
        project = services.create_project(owner=request.user, data=form.cleaned_data)
        messages.success(
            request, _("Your project has been saved as a draft. Only your team can see it.")
        )
        return redirect("projects:edit", slug=project.slug)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request, slug):
    project = get_project_for_user(request, slug)
    if role_of(request.user, project) is None:
        raise PermissionDenied
    if not can_edit(request.user, project):
        messages.info(
            request,
            _("This project cannot be edited at the moment: %(state)s.")
            % {"state": _state_text(project)},
        )
        return redirect("projects:mine")
    values = services.working_copy(project)
    initial = {
        name: ([obj.pk for obj in value] if name in services.M2M_FIELDS else value)
        for name, value in values.items()
        if name not in services.IMAGE_FIELDS
    }
    if values.get("carrying_organisation"):
        initial["carrying_organisation"] = values["carrying_organisation"].pk
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=project,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        services.update_project(project=project, user=request.user, data=form.cleaned_data)
        if SaveChoiceForm(request.POST).wants_submission():
            return _submit(request, project)
        if project.is_public:
            messages.success(
                request,
                _(
                    "Your changes have been saved. The public still sees the approved version until you submit them and the moderation approves."
                ),
            )
        else:
            messages.success(request, _("Your changes have been saved."))
        return redirect("projects:edit", slug=project.slug)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "missing": missing_for_submission(values)},
    )


def _submit(request, project):
    project.refresh_from_db()
    values = services.working_copy(project)
    missing = missing_for_submission(values)
    if missing:
        messages.error(
            request,
            _("Before the moderation can review your project, please fill in: %(fields)s.")
            % {"fields": ", ".join(missing)},
        )
        return redirect("projects:edit", slug=project.slug)
    try:
        services.submit_project(project=project, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("projects:mine")
    messages.success(
        request,
        _("Thank you! Your project has been submitted. The moderation will review it soon."),
    )
    return redirect("projects:mine")


@login_required
@require_POST
def project_submit(request, slug):
    project = get_project_for_user(request, slug)
    if role_of(request.user, project) is None:
        raise PermissionDenied
    if not can_edit(request.user, project):
        messages.info(
            request,
            _("This project cannot be submitted at the moment: %(state)s.")
            % {"state": _state_text(project)},
        )
        return redirect("projects:mine")
    return _submit(request, project)


def _state_text(project) -> str:
    if project.revision_state:
        return project.get_revision_state_display()
    return project.get_status_display()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_team(request, slug):
    project = get_project_for_user(request, slug)
    if role_of(request.user, project) is None:
        raise PermissionDenied
    manage = can_manage_team(request.user, project)
    form = InviteForm(request.POST if request.method == "POST" and manage else None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        choice = TeamActionForm(request.POST, project=project)
        if not choice.is_valid():
            messages.error(request, choice.error_text())
            return redirect("projects:team", slug=slug)
        action, membership = choice.chosen_action(), choice.cleaned_data["member"]
        if action == TeamActionForm.INVITE and form.is_valid():
            try:
                services.invite_member(
                    project=project, inviter=request.user, email=form.cleaned_data["email"]
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(request, _("The invitation has been sent."))
                return redirect("projects:team", slug=slug)
        elif action == TeamActionForm.REVOKE:
            invitation = choice.cleaned_data["invitation"]
            try:
                services.revoke_invitation(project=project, invitation=invitation)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("The invitation to %(email)s has been withdrawn.")
                    % {"email": invitation.email},
                )
            return redirect("projects:team", slug=slug)
        elif action != TeamActionForm.INVITE:
            try:
                if action == TeamActionForm.REMOVE:
                    services.remove_member(project=project, membership=membership)
                    messages.success(
                        request, _("%(name)s is no longer in the team.") % {"name": membership.user}
                    )
                else:
                    services.transfer_ownership(
                        project=project, new_owner_membership=membership, by=request.user
                    )
                    messages.success(
                        request, _("%(name)s is now the owner.") % {"name": membership.user}
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("projects:team", slug=slug)
    members = project.memberships.select_related("user").order_by("role", "user__display_name")
    # Open ones only; someone who is in the team already is not listed as invited.
    invitations = (
        services.open_invitations()
        .filter(project=project)
        .exclude(email__in=[member.user.email.lower() for member in members])
        .order_by("-created_at")
    )
    return render(
        request,
        "projects/project_team.html",
        {
            "project": project,
            "members": members,
            "invitations": invitations,
            "form": form,
            "can_manage": manage,
        },
    )


#: The invitation an anonymous visitor opened: after sign-up, email confirmation and login
#: they land on it again (accounts.adapter reads it through pending_invitation_url()).
PENDING_INVITATION = "projects_pending_invitation"


def pending_invitation_url(request) -> str | None:
    """Where a person who just logged in should go to accept an invitation, if anywhere:
    the invitation they opened in this browser, else an open one sent to a confirmed
    address of theirs (the confirmation mail may have been opened in another browser)."""
    token = request.session.get(PENDING_INVITATION)
    invitation = services.open_invitations().filter(token=token).first() if token else None
    if invitation is None and request.user.is_authenticated:
        addresses = services.verified_addresses(request.user)
        invitation = (
            services.open_invitations()
            .filter(email__in=addresses)
            .exclude(project__memberships__user=request.user)
            .order_by("-created_at")
            .first()
        )
    if invitation is None:
        request.session.pop(PENDING_INVITATION, None)
        return None
    return invitation.get_absolute_url()


@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("project"), token=token)
    user = request.user
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        # Remembered through sign-up and email confirmation (allauth drops ``next`` there).
        request.session[PENDING_INVITATION] = token
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(invitation.get_absolute_url())
        request.session.pop(PENDING_INVITATION, None)
        messages.success(
            request, _("Welcome to the team of “%(title)s”.") % {"title": invitation.project.title}
        )
        return redirect("projects:edit", slug=invitation.project.slug)
    context = {
        "invitation": invitation,
        "is_open": invitation.is_open,
        "is_member": user.is_authenticated
        and invitation.project.memberships.filter(user=user).exists(),
        "is_for_user": services.invitation_is_for(invitation, user),
    }
    return render(request, "projects/accept_invitation.html", context)


@login_required
@require_safe
def project_history(request, slug):
    project = get_project_for_user(request, slug)
    if role_of(request.user, project) is None and not is_moderator(request.user):
        raise PermissionDenied
    transitions = Transition.objects.filter(project=project).select_related("actor")
    return render(
        request, "projects/project_history.html", {"project": project, "transitions": transitions}
    )
