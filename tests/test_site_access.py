"""Everything reachable, as everyone.

Every URL pattern of the project (the i18n ones in both languages, the admin included) is
requested by every role with every method, and the outcome must be the one declared in the
tables below. A pattern without a declaration fails the suite, so a page added tomorrow
cannot slip through: declare what each role may do there.

Outcomes: ``200``, ``400`` (form errors on a POST-only endpoint), ``login`` (302 to the
login page of the request's language), ``302`` (a redirect elsewhere, e.g. after a POST),
``403`` (signed in but not allowed), ``404`` (the role must not learn that the object
exists), ``405`` (method not allowed), ``in`` (admin change form: shown again or saved).
In the admin, the redirect to the admin login is followed once: anonymous visitors end at
``login``, signed-in people without staff status at ``403``. Every request runs in a
savepoint that is rolled back, so POSTs (consent, invitations, logout) change nothing.

A new page fails with its actual outcomes printed; ``ACCESS_MATRIX_PROBE=1`` prints the
whole actual matrix. Review each outcome before copying it into a table.
"""

import os
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone, translation

from accounts.moderation import MODERATION_GROUP
from events import services as event_services
from network.consent import make_confirm_token, make_withdraw_token
from pages.models import ContentPage, Feedback
from projects import services as project_services
from projects.models import Project, ProjectMembership
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Each role, in the order the tables list them:
#   anonymous  nobody signed in
#   innovator  owner of the draft and of the published project
#   other      another innovator: in no team, no organisation, no network profile
#   editor     editor in the team of both projects
#   member     member of a visible and of a hidden organisation
#   linked     has a network profile (public, with consent) linked to the account
#   moderator  staff in the "Moderation" group, session passed the second factor
#   superuser  superuser, session passed the second factor
# The tables declare these eight. One more role is checked against them:
#   staff_without_second_factor  a moderator (and event manager) who logged in with the
#              password alone, never set up a second factor. Staff powers count only in a
#              session that passed one: outside the admin this role meets exactly what
#              "other" meets, and every admin page sends it to set up a second factor.
DECLARED_ROLES = [
    "anonymous", "innovator", "other", "editor", "member", "linked", "moderator", "superuser"
]  # fmt: skip
ROLES = [*DECLARED_ROLES, "staff_without_second_factor"]

# --- Outcomes -------------------------------------------------------------------------------

EVERYONE = "200 200 200 200 200 200 200 200"
NOT_ALLOWED = "405 405 405 405 405 405 405 405"
SIGNED_IN = "login 200 200 200 200 200 200 200"
SIGNED_IN_405 = "login 405 405 405 405 405 405 405"
SIGNED_IN_302 = "login 302 302 302 302 302 302 302"
REDIRECTED = "302 302 302 302 302 302 302 302"
#: allauth's entrance pages (login, sign-up, reset): signed-in people are sent on.
ENTRANCE = "200 302 302 302 302 302 302 302"
NOWHERE = "404 404 404 404 404 404 404 404"


# --- The site, outside the admin ------------------------------------------------------------
# (URL name or, unnamed, the route; target in the world) -> outcome of GET and of POST, per
# role in the order of ROLES. Every i18n pattern is checked in German and in English.

SITE: dict[tuple[str, str], dict[str, str]] = {}


def _site(name: str, target: str = "", *, GET: str, POST: str = NOT_ALLOWED) -> None:
    SITE[(name, target)] = {"GET": GET, "POST": POST}


# fmt: off
#                                                       anonymous innovator other editor member linked moderator superuser
# Technical endpoints. Django's sitemap and feed views and static.serve answer any method;
# they only read.
_site("healthz",                                   GET=EVERYONE)
_site("robots_txt",                                GET=EVERYONE)
_site("favicon",                                   GET=EVERYONE)
_site("security_txt",                              GET=EVERYONE)
_site("sitemap",                                   GET=EVERYONE, POST=EVERYONE)
_site(r"^media/(?P<path>.*)$", "file",             GET=EVERYONE, POST=EVERYONE)
_site(r"^media/(?P<path>.*)$", "missing",          GET=NOWHERE,  POST=NOWHERE)

# Home, legal pages, search; the contact page takes a feedback POST (form errors: 200)
_site("pages:home",                                GET=EVERYONE)
_site("pages:content", "impressum",                GET=EVERYONE)
_site("pages:content", "kontakt",                  GET=EVERYONE, POST=EVERYONE)
_site("search",                                    GET=EVERYONE)

# Account (ours): own data only, so signed in is all it takes
_site("accounts:overview",                         GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data",                          GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data_download",                 GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data_zip",                      GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:moderation_emails",                GET=SIGNED_IN_405, POST="login 403 403 403 403 403 302 302")  # staff only
_site("accounts:delete",                           GET=SIGNED_IN, POST=SIGNED_IN)  # POST without confirmation: form error

# Account (allauth)
_site("account_login",                             GET=ENTRANCE, POST=ENTRANCE)
_site("account_signup",                            GET=ENTRANCE, POST=ENTRANCE)
_site("account_logout",                            GET="302 200 200 200 200 200 200 200", POST="302 302 302 302 302 302 302 302")
_site("account_inactive",                          GET=EVERYONE)
_site("account_reauthenticate",                    GET=SIGNED_IN, POST=SIGNED_IN)
_site("account_request_reauthentication_code",     GET=SIGNED_IN, POST=SIGNED_IN)
_site("account_confirm_reauthentication_code",     GET=SIGNED_IN_302, POST=SIGNED_IN_302)  # no code requested
_site("account_email",                             GET=SIGNED_IN, POST=SIGNED_IN_302)
_site("account_email_verification_sent",           GET=EVERYONE)
_site("account_change_password",                   GET=SIGNED_IN, POST=SIGNED_IN)
_site("account_set_password",                      GET=SIGNED_IN_302, POST=SIGNED_IN_302)  # everyone has one
_site("account_reset_password",                    GET=EVERYONE, POST=EVERYONE)
_site("account_reset_password_done",               GET=EVERYONE)
_site("account_reset_password_from_key", "valid",  GET=REDIRECTED, POST=REDIRECTED)  # key moves into the session
_site("account_reset_password_from_key", "unknown", GET=EVERYONE, POST=EVERYONE)     # "invalid link" page
_site("account_reset_password_from_key_done",      GET=EVERYONE)
_site("account_confirm_login_code",                GET=SIGNED_IN_302, POST=SIGNED_IN_302)
# A valid key confirms the address, whoever follows it; the session ends (another's address).
_site("account_confirm_email", "valid",            GET=EVERYONE, POST="login login login login login login login login")
_site("account_confirm_email", "unknown",          GET=EVERYONE, POST=NOWHERE)

# Two factors (allauth.mfa). Staff have TOTP; nobody here has recovery codes.
_site("mfa_index",                                 GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("mfa_authenticate",                          GET=SIGNED_IN_302, POST=SIGNED_IN_302)  # only during a login
_site("mfa_reauthenticate",                        GET="login 302 302 302 302 302 200 200", POST="login 302 302 302 302 302 200 200")
_site("mfa_activate_totp",                         GET="login 200 200 200 200 200 302 302", POST="login 200 200 200 200 200 302 302")
_site("mfa_deactivate_totp",                       GET="login 404 404 404 404 404 200 200", POST="login 404 404 404 404 404 302 302")
_site("mfa_view_recovery_codes",                   GET="login 404 404 404 404 404 404 404", POST=SIGNED_IN_405)
_site("mfa_generate_recovery_codes",               GET=SIGNED_IN, POST="login 200 200 200 200 200 302 302")
_site("mfa_download_recovery_codes",               GET="login 404 404 404 404 404 404 404", POST="login 404 404 404 404 404 404 404")
_site("mfa_list_webauthn",                         GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("mfa_add_webauthn",                          GET=SIGNED_IN, POST=SIGNED_IN)
_site("mfa_reauthenticate_webauthn",               GET=SIGNED_IN_302, POST=SIGNED_IN_302)  # no passkey to ask for
_site("mfa_login_webauthn",                        GET=SIGNED_IN_302, POST=SIGNED_IN_302)
# Someone else's passkey: it does not exist for you.
_site("mfa_remove_webauthn", "foreign",            GET="login 404 404 404 404 404 404 404", POST="login 404 404 404 404 404 404 404")
_site("mfa_edit_webauthn", "foreign",              GET="login 404 404 404 404 404 404 404", POST="login 404 404 404 404 404 404 404")

# Projects. Empty POSTs to forms answer 200 with the errors; submitting an incomplete
# project redirects to its form with the list of what is missing.
_site("projects:list",                             GET=EVERYONE)
_site("projects:best_practice",                    GET=EVERYONE)
_site("projects_feed_rss",                         GET=EVERYONE, POST=EVERYONE)
_site("projects_feed_atom",                        GET=EVERYONE, POST=EVERYONE)
_site("projects:create",                           GET=SIGNED_IN, POST=SIGNED_IN)
_site("projects:mine",                             GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("projects:detail", "draft",                  GET="404   200   404   200   404   404   200   200")
_site("projects:detail", "published",              GET=EVERYONE)
_site("projects:edit", "draft",                    GET="login 200   404   200   404   404   403   403", POST="login 200 404 200 404 404 403 403")
_site("projects:edit", "published",                GET="login 200   403   200   403   403   403   403", POST="login 200 403 200 403 403 403 403")
_site("projects:submit", "draft",                  GET=SIGNED_IN_405, POST="login 302 404 302 404 404 403 403")
_site("projects:submit", "published",              GET=SIGNED_IN_405, POST="login 302 403 302 403 403 403 403")
_site("projects:team", "draft",                    GET="login 200   404   200   404   404   403   403", POST="login 200 404 403 404 404 403 403")
_site("projects:team", "published",                GET="login 200   403   200   403   403   403   403", POST="login 200 403 403 403 403 403 403")
# What waits for moderation, as the public will see it: the team and the moderation.
_site("projects:preview", "draft",                 GET="login 200   404   200   404   404   200   200", POST=SIGNED_IN_405)
_site("projects:preview", "published",             GET="login 200   403   200   403   403   200   200", POST=SIGNED_IN_405)
# Withdrawing needs something under review; neither project is, so the team gets 403 too.
_site("projects:withdraw", "draft",                GET=SIGNED_IN_405, POST="login 403 404 403 404 404 403 403")
_site("projects:withdraw", "published",            GET=SIGNED_IN_405, POST="login 403 403 403 403 403 403 403")
_site("projects:history", "draft",                 GET="login 200   404   200   404   404   200   200", POST=SIGNED_IN_405)
_site("projects:history", "published",             GET="login 200   403   200   403   403   200   200", POST=SIGNED_IN_405)
# The secret link is the permission: whoever is signed in and has it may join.
# Addressed to someone none of the roles is: visitors see how to log in or sign up, the
# signed-in see that it is for another address; joining is refused (back to the page).
_site("projects:accept_invitation", "valid",       GET=EVERYONE, POST=SIGNED_IN_302)
_site("projects:accept_invitation", "unknown",     GET=NOWHERE, POST=NOWHERE)

# Network. Members propose changes to their organisation; people edit their own profile.
_site("network:organisations",                     GET=EVERYONE)
_site("network:people",                            GET=EVERYONE)
_site("network:needs_and_offers",                  GET=EVERYONE)
_site("network:organisation_detail", "visible",    GET=EVERYONE)
_site("network:organisation_detail", "hidden",     GET="404   404   404   404   200   404   200   200")
_site("network:organisation_edit", "visible",      GET="login 403   403   403   200   403   200   200", POST="login 403 403 403 200 403 200 200")
_site("network:organisation_edit", "hidden",       GET="login 404   404   404   200   404   200   200", POST="login 404 404 404 200 404 200 200")
_site("network:person_detail", "linked",           GET=EVERYONE)
_site("network:person_detail", "hidden",           GET="404   404   404   404   404   404   200   200")
_site("network:person_edit", "linked",             GET="login 403   403   403   403   200   200   200", POST="login 403 403 403 403 200 200 200")
_site("network:person_edit", "hidden",             GET="login 404   404   404   404   404   200   200", POST="login 404 404 404 404 404 200 200")
_site("network:account_consent",                   GET=SIGNED_IN_405, POST="login 404 404 404 404 302 404 404")
# Consent links: the signed token is the permission (GET shows, POST acts).
_site("network:consent_confirm", "hidden",         GET=EVERYONE, POST=EVERYONE)
_site("network:consent_confirm", "forged",         GET=NOWHERE, POST=NOWHERE)
_site("network:consent_withdraw", "linked",        GET=EVERYONE, POST=EVERYONE)
_site("network:consent_withdraw", "forged",        GET=NOWHERE, POST=NOWHERE)

# Events. Drafts exist only for the staff who manage events; their calendar file for nobody.
_site("events:list",                               GET=EVERYONE)
_site("events:calendar",                           GET=EVERYONE)
_site("event_feeds:rss",                           GET=EVERYONE, POST=EVERYONE)
_site("event_feeds:atom",                          GET=EVERYONE, POST=EVERYONE)
_site("events:series", "series",                   GET=EVERYONE)
_site("events:series_calendar", "series",          GET=EVERYONE)
_site("events:detail", "published",                GET=EVERYONE)
_site("events:detail", "draft",                    GET="404   404   404   404   404   404   200   200")
_site("events:event_calendar", "published",        GET=EVERYONE)
_site("events:event_calendar", "draft",            GET=NOWHERE)
# GET leads back to the event; an empty registration is refused with the form (400).
_site("events:register", "published",              GET=REDIRECTED, POST="400 400 400 400 400 400 400 400")
_site("events:register", "draft",                  GET="404   404   404   404   404   404   302   302", POST="404 404 404 404 404 404 400 400")
_site("events:my_registrations",                   GET=SIGNED_IN, POST=SIGNED_IN_405)
# A registration is reached through its secret link only.
_site("events:registration", "pending",            GET=EVERYONE)
_site("events:registration", "unknown",            GET=NOWHERE)
_site("events:confirm", "pending",                 GET=EVERYONE, POST=REDIRECTED)
_site("events:confirm", "unknown",                 GET=NOWHERE, POST=NOWHERE)
_site("events:cancel", "pending",                  GET=NOT_ALLOWED, POST=REDIRECTED)
_site("events:cancel", "unknown",                  GET=NOT_ALLOWED, POST=NOWHERE)
# fmt: on


# --- The admin ------------------------------------------------------------------------------
# Only staff get past the admin login; the second-factor middleware lets them in because
# their session passed TOTP. Signed in without staff status: the admin login answers 403.

#: What the moderator and the superuser may do with each model in the admin: v view,
#: a add, c change, d delete, for the object the world uses. Changelist and history need
#: v or c, the change page v (GET) or c (POST), add a, delete d; anything else is 403.
# fmt: off
ADMIN_MODELS: dict[str, tuple[str, str]] = {
    #                                    moderator  superuser
    "auth.group":                         ("",      "vacd"),
    "accounts.user":                      ("",      "vacd"),
    "account.emailaddress":               ("",      "vacd"),
    "mfa.authenticator":                  ("",      "vacd"),
    "django_tasks_database.dbtaskresult": ("",      "v"),     # a log: nobody edits it
    "pages.contentpage":                  ("vc",    "vacd"),
    "pages.feedback":                     ("vc",    "vcd"),   # comes from the forms only
    "taxonomy.topic":                     ("vac",   "vacd"),
    "taxonomy.targetgroup":               ("vac",   "vacd"),
    "taxonomy.supportcategory":           ("vac",   "vacd"),
    "taxonomy.synonym":                   ("vacd",  "vacd"),  # search synonyms
    "projects.project":                   ("vc",    "vcd"),   # teams create projects
    "projects.moderationqueueentry":      ("vc",    "vcd"),
    "projects.invitation":                ("v",     "vcd"),
    "network.organisation":               ("vacd",  "vacd"),
    "network.person":                     ("vacd",  "vacd"),
    "network.consenttext":                ("va",    "va"),    # the text in force never changes
    "events.series":                      ("vac",   "vacd"),
    "events.event":                       ("vac",   "vacd"),
    "events.registration":                ("vc",    "vcd"),   # people register themselves
}
# fmt: on

#: The admin's own views and our custom ones: GET and POST per role.
ADMIN_VIEWS: dict[tuple[str, str], dict[str, str]] = {}
STAFF_ONLY = "login 403 403 403 403 403 200 200"
STAFF_ONLY_405 = "login 403 403 403 403 403 405 405"
STAFF_ONLY_302 = "login 403 403 403 403 403 302 302"


def _admin(name: str, target: str = "", *, GET: str, POST: str) -> None:
    ADMIN_VIEWS[(name, target)] = {"GET": GET, "POST": POST}


# fmt: off
_admin("admin:index",                               GET=STAFF_ONLY, POST=STAFF_ONLY)
_admin("admin:login",                               GET=STAFF_ONLY_302, POST=STAFF_ONLY)  # signed-in staff are sent on
_admin("admin:logout",                              GET="302 302 302 302 302 302 405 405", POST="302 302 302 302 302 302 200 200")
_admin("admin:password_change",                     GET=STAFF_ONLY, POST=STAFF_ONLY)
_admin("admin:password_change_done",                GET=STAFF_ONLY, POST=STAFF_ONLY_405)
_admin("admin:autocomplete",                        GET="login 403 403 403 403 403 403 403", POST=STAFF_ONLY_405)  # no field asked
_admin("admin:jsi18n",                              GET=STAFF_ONLY, POST=STAFF_ONLY_405)
_admin("admin:view_on_site", "published",           GET=STAFF_ONLY_302, POST=STAFF_ONLY_302)
_admin("admin:auth_user_password_change", "other",  GET="login 403 403 403 403 403 403 200", POST="login 403 403 403 403 403 403 200")
_admin("admin:projects_project_moderate", "submitted", GET=STAFF_ONLY, POST=STAFF_ONLY)   # no decision: form error
_admin("admin:network_organisation_review", "visible", GET=STAFF_ONLY, POST=STAFF_ONLY)  # no decision: form error
_admin(r"admin/(?P<url>.*)$", "unknown",            GET="login 403 403 403 403 403 404 404", POST="login 403 403 403 403 403 404 404")
# fmt: on


# --- The world: real objects, built with the factories ---------------------------------------


class World:
    """Every role's account and the objects the URLs point at."""

    def __init__(self):
        now = timezone.now()
        innovator = verified(UserFactory(display_name="Ida Innovatorin"))
        editor = verified(UserFactory(display_name="Emil Editor"))
        member = verified(UserFactory(display_name="Mia Mitglied"))
        linked = verified(UserFactory(display_name="Lea Linked"))
        moderator = verified(UserFactory(display_name="Mo Moderation", is_staff=True))
        moderator.groups.add(Group.objects.get(name=MODERATION_GROUP))
        superuser = verified(
            UserFactory(display_name="Su Superuser", is_staff=True, is_superuser=True)
        )
        for staff in (moderator, superuser):  # staff cannot enter the admin without one
            TOTP.activate(staff, generate_totp_secret())
        # Same group and permissions as the moderator, but password only and no TOTP.
        unverified_staff = verified(UserFactory(display_name="Udo Ungeschützt", is_staff=True))
        unverified_staff.groups.add(Group.objects.get(name=MODERATION_GROUP))
        self.users = {
            "anonymous": None,
            "innovator": innovator,
            "other": verified(UserFactory(display_name="Otto Other")),
            "editor": editor,
            "member": member,
            "linked": linked,
            "moderator": moderator,
            "superuser": superuser,
            "staff_without_second_factor": unverified_staff,
        }
        # Someone outside every role: owns a passkey and a submitted project.
        stranger = verified(UserFactory(display_name="Stella Stranger"))

        self.draft = ProjectFactory(owner=innovator, title="Entwurf Quartiersgarten")
        self.published = ProjectFactory(
            owner=innovator, published=True, title="Öffentliches Repair-Café"
        )
        for project in (self.draft, self.published):
            ProjectMembership.objects.create(
                project=project, user=editor, role=ProjectMembership.Role.EDITOR
            )
        self.submitted = ProjectFactory(
            owner=stranger, status=Project.Status.SUBMITTED, submitted_at=now
        )
        self.invitation = project_services.invite_member(
            project=self.draft, inviter=innovator, email="eingeladen@example.org"
        )

        self.organisation = OrganisationFactory(members=[member])
        self.hidden_organisation = OrganisationFactory(is_published=False, members=[member])
        self.person = PersonFactory(user=linked, consent=True)
        self.hidden_person = PersonFactory()  # never consented

        self.series = SeriesFactory()
        self.event = EventFactory(series=self.series)
        self.draft_event = EventFactory(series=self.series, draft=True)
        self.registration = event_services.register_guest(
            event=self.event, name="Gustav Gast", email="gast@example.org"
        )

        self.feedback = Feedback.objects.create(
            kind=Feedback.Kind.CONTACT, message="Die Suche ist toll."
        )
        self.passkey = Authenticator.objects.create(
            user=stranger,
            type=Authenticator.Type.WEBAUTHN,
            data={"name": "Stellas Schlüssel", "credential": {}},
        )
        newcomer = UserFactory()
        unverified = EmailAddress.objects.create(
            user=newcomer, email=newcomer.email, verified=False, primary=True
        )
        from allauth.account.forms import default_token_generator
        from allauth.account.models import EmailConfirmationHMAC
        from allauth.account.utils import user_pk_to_url_str
        from django_tasks_db.models import DBTaskResult

        self.task_result = DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="zukunftsplattform.mail.deliver_email",
            backend_name="queue",  # see test_access_matrix: the production backend
            run_after=now,
            exception_class_path="",
            traceback="",
        )
        self.media_name = "zugang/probe.txt"
        # The folder the media pattern serves (fixed when the URLconf was first loaded,
        # which may have been under another test's MEDIA_ROOT).
        media_root = resolve(settings.MEDIA_URL + self.media_name).kwargs["document_root"]
        self.media_file = Path(media_root) / self.media_name
        self.media_file.parent.mkdir(parents=True, exist_ok=True)
        self.media_file.write_text("probe")

        def slug(obj):
            return {"slug": obj.slug}

        # (key, target) -> the values for the placeholders of the pattern's route
        self.values = {
            ("projects:accept_invitation", "valid"): {"token": self.invitation.token},
            ("projects:accept_invitation", "unknown"): {"token": "gibt-es-nicht"},
            **{
                (name, state): slug(getattr(self, state))
                for name in [
                    "projects:detail",
                    "projects:edit",
                    "projects:submit",
                    "projects:team",
                    "projects:history",
                    "projects:preview",
                    "projects:withdraw",
                ]
                for state in ["draft", "published"]
            },
            **{
                (name, "pending"): {"token": self.registration.token}
                for name in ["events:registration", "events:confirm", "events:cancel"]
            },
            **{
                (name, "unknown"): {"token": "gibt-es-nicht"}
                for name in ["events:registration", "events:confirm", "events:cancel"]
            },
            ("events:series", "series"): slug(self.series),
            ("events:series_calendar", "series"): slug(self.series),
            **{
                (name, state): slug(event)
                for name in ["events:detail", "events:register", "events:event_calendar"]
                for state, event in [("published", self.event), ("draft", self.draft_event)]
            },
            **{
                (name, state): slug(organisation)
                for name in ["network:organisation_detail", "network:organisation_edit"]
                for state, organisation in [
                    ("visible", self.organisation),
                    ("hidden", self.hidden_organisation),
                ]
            },
            **{
                (name, state): slug(person)
                for name in ["network:person_detail", "network:person_edit"]
                for state, person in [("linked", self.person), ("hidden", self.hidden_person)]
            },
            ("network:consent_confirm", "hidden"): {
                "token": make_confirm_token(self.hidden_person)
            },
            ("network:consent_confirm", "forged"): {"token": "gefaelscht"},
            ("network:consent_withdraw", "linked"): {"token": make_withdraw_token(self.person)},
            ("network:consent_withdraw", "forged"): {"token": "gefaelscht"},
            ("pages:content", "impressum"): {"slug": ContentPage.Slug.IMPRESSUM},
            ("pages:content", "kontakt"): {"slug": ContentPage.Slug.KONTAKT},
            ("account_confirm_email", "valid"): {"key": EmailConfirmationHMAC(unverified).key},
            ("account_confirm_email", "unknown"): {"key": "gibt-es-nicht"},
            ("account_reset_password_from_key", "valid"): {
                "uidb36": user_pk_to_url_str(newcomer),
                "key": default_token_generator.make_token(newcomer),
            },
            ("account_reset_password_from_key", "unknown"): {"uidb36": "zz", "key": "falsch"},
            ("mfa_remove_webauthn", "foreign"): {"pk": self.passkey.pk},
            ("mfa_edit_webauthn", "foreign"): {"pk": self.passkey.pk},
            (r"^media/(?P<path>.*)$", "file"): {"path": self.media_name},
            (r"^media/(?P<path>.*)$", "missing"): {"path": "zugang/fehlt.txt"},
            # admin
            ("admin:view_on_site", "published"): {
                "content_type_id": ContentType.objects.get_for_model(Project).pk,
                "object_id": self.published.pk,
            },
            ("admin:auth_user_password_change", "other"): {"id": self.users["other"].pk},
            ("admin:projects_project_moderate", "submitted"): {"pk": self.submitted.pk},
            ("admin:network_organisation_review", "visible"): {"pk": self.organisation.pk},
            (r"admin/(?P<url>.*)$", "unknown"): {"url": "gibt-es-nicht/"},
        }

    def admin_object(self, label: str):
        """The object whose change, delete and history pages each role asks for."""
        explicit = {
            "projects.project": self.published,
            "projects.moderationqueueentry": self.submitted,
            "projects.invitation": self.invitation,
            "network.organisation": self.organisation,
            "network.person": self.hidden_person,
            "events.series": self.series,
            "events.event": self.event,
            "events.registration": self.registration,
            "accounts.user": self.users["other"],
            "pages.feedback": self.feedback,
            "mfa.authenticator": self.passkey,
            "django_tasks_database.dbtaskresult": self.task_result,
        }
        if label in explicit:
            return explicit[label]
        model = next(m for m in admin.site._registry if m._meta.label_lower == label)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world needs one {label} for its admin pages"
        return obj

    def sessions(self) -> dict[str, str | None]:
        """A session per role as allauth leaves it after a login (staff with TOTP) and a
        confirmation of the password, so that pages behind reauthentication (account
        deletion, passkeys) answer for the object itself, e.g. 404 for another's passkey."""
        keys = {}
        for role, user in self.users.items():
            if user is None:
                keys[role] = None
                continue
            client = Client()
            if user.is_staff and role != "staff_without_second_factor":
                log_in_with_second_factor(client, user)
            else:
                client.force_login(user)
            session = client.session
            session["account_authentication_methods_user"] = str(user.pk)
            session["account_authentication_methods"] = [
                *session.get("account_authentication_methods", []),
                {"method": "password", "at": time.time(), "email": user.email},
                {"method": "password", "at": time.time(), "reauthenticated": True},
            ]
            session.save()
            keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return keys


# --- Discovery ------------------------------------------------------------------------------


@dataclass
class Pattern:
    key: str  # URL name, or the route when the pattern has no name
    route: str  # the full route (German, i.e. without language prefix)
    i18n: bool
    callback: object


def discover_patterns() -> list[Pattern]:
    """Every URL pattern of the project, walking includes and the language prefix."""
    found = []

    def walk(patterns, prefix, namespace, i18n):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner_i18n = i18n or isinstance(entry.pattern, LocalePrefixPattern)
                inner_namespace = namespace
                if entry.namespace:
                    inner_namespace = (
                        f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                    )
                route = "" if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
                walk(entry.url_patterns, prefix + route, inner_namespace, inner_i18n)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if entry.name:
                    key = f"{namespace}:{entry.name}" if namespace else entry.name
                else:
                    key = route
                found.append(Pattern(key=key, route=route, i18n=i18n, callback=entry.callback))

    walk(get_resolver().url_patterns, "", None, False)
    return found


def admin_kind(pattern: Pattern) -> tuple[str, str] | None:
    """(model label, kind) for the admin's generic per-model views, else None."""
    if pattern.key == "admin:app_list":  # one index per app
        return "", "app_list"
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin/{opts.app_label}/{opts.model_name}/"
        if pattern.route == prefix + "<path:object_id>/":
            return opts.label_lower, "object"
        for kind in ["changelist", "add", "change", "delete", "history"]:
            if pattern.key == f"admin:{opts.app_label}_{opts.model_name}_{kind}":
                return opts.label_lower, kind
    return None


def test_every_url_pattern_has_a_declared_expectation():
    missing = []
    for pattern in discover_patterns():
        if kind := admin_kind(pattern):
            if kind[1] != "app_list" and kind[0] not in ADMIN_MODELS:
                missing.append(f"admin model {kind[0]} (add it to ADMIN_MODELS)")
        elif pattern.route.startswith("admin/"):
            if not any(key == pattern.key for key, _target in ADMIN_VIEWS):
                missing.append(f"admin view {pattern.key} (add it to ADMIN_VIEWS)")
        elif not any(key == pattern.key for key, _target in SITE):
            missing.append(f"{pattern.key} /{pattern.route} (add it to SITE)")
    assert not missing, "URL patterns without a declared expectation:\n" + "\n".join(
        sorted(set(missing))
    )


def test_every_declared_expectation_still_has_its_pattern():
    keys = {pattern.key for pattern in discover_patterns()}
    registered = {model._meta.label_lower for model in admin.site._registry}
    stale = [key for key, _target in [*SITE, *ADMIN_VIEWS] if key not in keys]
    stale += [label for label in ADMIN_MODELS if label not in registered]
    assert not stale, f"declared, but no such URL pattern or admin model: {sorted(set(stale))}"


# --- Running the matrix ---------------------------------------------------------------------

ADMIN_GENERIC = {
    # kind: (permissions that let a staff member GET it, ... POST it)
    "changelist": ("vc", "vc"),
    "history": ("vc", "vc"),
    "change": ("vc", "c"),
    "add": ("a", "a"),
    "delete": ("d", "d"),
}
#: Signed in, not staff: the admin login refuses them.
NOT_STAFF = ["login", "403", "403", "403", "403", "403"]


def admin_model_expectation(label: str, kind: str, method: str) -> list[str]:
    """What each role meets on the admin's generic pages of a model (see ADMIN_MODELS)."""
    staff = []
    for permissions in ADMIN_MODELS[label]:
        if kind == "object":  # redirects any staff member to the change page
            staff.append("302")
        elif kind == "change" and method == "POST":
            staff.append("in" if "c" in permissions else "403")
        else:
            needed = ADMIN_GENERIC[kind][method == "POST"]
            staff.append("200" if set(needed) & set(permissions) else "403")
    return NOT_STAFF + staff


def admin_app_expectation(app_label: str) -> list[str]:
    """The app's index: 404 for a moderator who may see nothing in it."""
    moderator = any(
        permissions
        for label, (permissions, _superuser) in ADMIN_MODELS.items()
        if label.split(".")[0] == app_label
    )
    return [*NOT_STAFF, "200" if moderator else "404", "200"]


def fill_route(route: str, values: dict) -> str:
    """The path of a route with its placeholders (path converters or regex groups) filled."""

    def value(match):
        name = match.group("name")
        assert name in values, f"no value for <{name}> in {route}"
        return str(values[name])

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, route)  # re_path groups
    path = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, path)  # path converters
    assert "<" not in path and "(" not in path, path
    return "/" + path.replace("^", "").replace("$", "")


@dataclass
class Request:
    label: str  # what a failure message names
    path: str
    method: str
    expected: str
    language: str
    admin: bool


def matrix_requests(world: World, role: str) -> list[Request]:
    unverified_staff = role == "staff_without_second_factor"
    index = DECLARED_ROLES.index("other" if unverified_staff else role)
    requests = []
    patterns = discover_patterns()
    for pattern in patterns:
        declared: list[tuple[str, dict, dict[str, list[str]]]] = []  # (target, values, by method)
        kind = admin_kind(pattern)
        if kind and kind[1] == "app_list":
            for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
                expected = admin_app_expectation(app_label)
                declared.append((app_label, {"app_label": app_label}, {"GET": expected}))
        elif kind:
            label, kind_name = kind
            obj = world.admin_object(label)
            declared.append(
                (
                    label,
                    {"object_id": obj.pk},
                    {m: admin_model_expectation(label, kind_name, m) for m in ["GET", "POST"]},
                )
            )
        else:
            table = ADMIN_VIEWS if pattern.route.startswith("admin/") else SITE
            for (key, target), by_method in table.items():
                if key == pattern.key:
                    values = world.values.get((key, target), {})
                    declared.append(
                        (target, values, {m: rolls.split() for m, rolls in by_method.items()})
                    )
        for target, values, by_method in declared:
            path = fill_route(pattern.route, values)
            languages = ["de", "en"] if pattern.i18n else ["de"]
            for language in languages:
                localised = path if language == "de" else "/en" + path
                with translation.override(language):  # the path really reaches this pattern
                    assert resolve(localised).func is pattern.callback, (pattern.key, localised)
                for method, expected in by_method.items():
                    assert len(expected) == len(DECLARED_ROLES), (pattern.key, target, method)
                    admin_page = pattern.route.startswith("admin/")
                    requests.append(
                        Request(
                            label=f"{method:4} {pattern.key} {target} [{language}] {localised}",
                            path=localised,
                            method=method,
                            # to the second factor's set-up page
                            expected="302" if unverified_staff and admin_page else expected[index],
                            language=language,
                            admin=pattern.route.startswith("admin/"),
                        )
                    )
    return requests


def outcome(response, language: str) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        login = ("/en" if language == "en" else "") + "/konto/login/"
        return "login" if response["Location"].startswith(login) else "302"
    return str(response.status_code)


def matches(expected: str, actual: str) -> bool:
    if expected == "in":  # the admin took the POST: shows the form again, or saved
        return actual in {"200", "302"}
    return expected == actual


def ask(request: Request, session_key: str | None) -> str:
    """One request in a savepoint that is rolled back: no case changes the world."""
    cache.clear()  # rate limits count per address; every case starts fresh
    savepoint = transaction.savepoint_create()
    try:
        client = Client(raise_request_exception=False)
        if session_key:
            client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: session_key})
        send = getattr(client, request.method.lower())
        with translation.override(request.language):
            response = send(request.path)
            if (
                request.admin
                and response.status_code == 302
                and response["Location"].startswith("/admin/login/")
            ):
                response = client.get(response["Location"])
        if response.streaming:  # the test client closes it (e.g. a media file) once read
            b"".join(response.streaming_content)
        actual = outcome(response, request.language)
        if actual == "500" and response.exc_info:
            actual += f" ({response.exc_info[1]!r})"
        return actual
    finally:
        transaction.savepoint_rollback(savepoint)


CHECKED: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_case_count(request):
    yield
    total = sum(CHECKED.values())
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter and capture and total:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\naccess matrix: {total} cases ({len(CHECKED)} roles)")


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, settings, subtests):
    """One world per role; each cell (URL x method x language) is a subtest of its own, so
    every cell that differs is reported as a failure of its own (SUBFAILED ... role: cell)."""
    # Tests run tasks immediately; the admin's task list needs the backend production uses.
    settings.TASKS = {**settings.TASKS, "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = World()
    session_key = world.sessions()[role]
    requests = matrix_requests(world, role)
    probe = os.environ.get("ACCESS_MATRIX_PROBE")
    try:
        for request in requests:
            with subtests.test(msg=f"{role}: {request.label}"):
                actual = ask(request, session_key)
                if probe:
                    print(f"PROBE {role:10} {actual:6} {request.label}")
                assert matches(request.expected, actual), (
                    f"{role}: {request.label}: expected {request.expected}, got {actual}"
                )
    finally:
        world.media_file.unlink(missing_ok=True)
    CHECKED[role] = len(requests)
    print(f"access matrix ({role}): {len(requests)} cases")
    assert len(requests) > 600, "the matrix lost its pages"
