"""The follow button, the notification settings and the one-click unsubscribe."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.public import User
from following import services
from following.forms import DigestSettingForm, FollowForm, RemoveFollowForm, UnsubscribeForm
from following.models import Follow
from following.permissions import get_follow_for_user, get_public_target
from following.targets import name_of
from following.templatetags.following import button_context


def _announcement(target, following: bool) -> str:
    name = name_of(target)
    if following:
        return _("You now follow “%(name)s”.") % {"name": name}
    return _("You no longer follow “%(name)s”.") % {"name": name}


@require_POST
def follow_toggle(request, kind, slug):
    """Follow or stop following; htmx gets the button back (with the news for screen
    readers), everyone else is sent back to the page with a message."""
    target = get_public_target(kind, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    form = FollowForm(request.POST)
    if not form.is_valid():
        message = str(form.errors["action"][0])
        if request.htmx:
            context = button_context(request, target, announcement=message)
            return render(request, "following/includes/follow_button.html#response", context)
        messages.error(request, message)
        return redirect(target.get_absolute_url())
    if form.cleaned_data["action"] == "follow":
        services.follow(user=request.user, target=target)
        following = True
    else:
        services.unfollow(user=request.user, target=target)
        following = False
    announcement = _announcement(target, following)
    if request.htmx:
        context = button_context(request, target, following=following, announcement=announcement)
        return render(request, "following/includes/follow_button.html#response", context)
    messages.success(request, announcement)
    return redirect(target.get_absolute_url())


def _is_public(follow: Follow) -> bool:
    if follow.project is not None:
        return follow.project.status == "published"
    if follow.organisation is not None:
        return follow.organisation.is_published
    return True  # a series is always public


def _follows_by_kind(user) -> list[dict]:
    """What the person follows, the public ones with name and link; three queries."""
    follows = list(
        Follow.objects.filter(user=user)
        .select_related("project", "organisation", "series")
        .only(
            "pk",
            "created_at",
            "project__slug",
            "project__title",
            "project__status",
            "organisation__slug",
            "organisation__name",
            "organisation__is_published",
            "series__slug",
            "series__title",
        )
    )
    groups: dict[str, dict[str, Any]] = {
        "project": {"label": _("Projects"), "items": []},
        "organisation": {"label": _("Organisations"), "items": []},
        "series": {"label": _("Event series"), "items": []},
    }
    for follow in follows:
        # Still public? (Unfollowing works either way; a hidden one shows no name.)
        follow.is_public = _is_public(follow)
        groups[follow.kind]["items"].append(follow)
    return [group for group in groups.values() if group["items"]]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_settings(request):
    setting = services.digest_setting(request.user)
    form = DigestSettingForm(request.POST if request.method == "POST" else None, instance=setting)
    if request.method == "POST" and form.is_valid():
        services.save_digest_setting(
            user=request.user,
            weekly=form.cleaned_data["weekly"],
            region=form.cleaned_data["region"],
        )
        if form.cleaned_data["weekly"]:
            messages.success(request, _("Saved: you will get the weekly digest."))
        else:
            messages.success(request, _("Saved: you will not get a digest."))
        return redirect("following:settings")
    return render(
        request,
        "following/settings.html",
        {"form": form, "groups": _follows_by_kind(request.user), "remove_form": RemoveFollowForm()},
    )


@login_required
@require_POST
def remove_follow(request, pk):
    follow = get_follow_for_user(request, pk)
    form = RemoveFollowForm(request.POST)
    if form.is_valid():
        services.remove_follow(follow=follow)
        messages.success(request, _("You no longer follow it."))
    return redirect("following:settings")


def _user_of_token(token: str) -> User:
    pk = services.user_pk_of_token(token)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None:
        raise Http404
    return user


# The signed token is the permission, and mail clients send the one-click request
# (RFC 8058) without a session or a form token.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    user = _user_of_token(token)
    if request.method == "POST":
        form = UnsubscribeForm(request.POST)
        if form.is_valid():
            services.unsubscribe(user=user)
            return render(request, "following/unsubscribed.html", {"account": user})
    return render(request, "following/unsubscribe.html", {"account": user, "token": token})
