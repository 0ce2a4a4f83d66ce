"""The world of the access matrix: every role's account and the objects the URLs point at,
built with the factories."""

import time
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from accounts.moderation import MODERATION_GROUP
from contact.models import BlockedSender, ContactReport
from contact.tokens import make_report_token
from events import services as event_services
from following import services as following_services
from network import services as network_services
from network.consent import make_confirm_token, make_withdraw_token
from pages.models import ContentPage, Feedback
from projects import services as project_services
from projects.models import Project, ProjectMembership
from tests.contact.factories import ContactRequestFactory
from tests.events.factories import EventFactory, SeriesFactory
from tests.factories import UserFactory, log_in_with_second_factor, verified
from tests.network.factories import OrganisationFactory, PersonFactory
from tests.notices.factories import ReportFactory
from tests.projects.factories import CallRoundFactory, ProjectFactory

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
        self.call_round = CallRoundFactory(name="1. Aufruf")
        self.published = ProjectFactory(
            owner=innovator,
            published=True,
            title="Öffentliches Repair-Café",
            funding_programme=self.call_round.programme,
            call_round=self.call_round,
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
        self.organisation_invitation = network_services.invite_to_organisation(
            organisation=self.organisation, inviter=member, email="kollegin@example.org"
        )
        self.person = PersonFactory(user=linked, consent=True)
        self.hidden_person = PersonFactory()  # never consented

        self.series = SeriesFactory()
        self.event = EventFactory(series=self.series)
        self.draft_event = EventFactory(series=self.series, draft=True)
        self.registration = event_services.register_guest(
            event=self.event, name="Gustav Gast", email="gast@example.org"
        )

        self.message = ContactRequestFactory(
            sender=stranger, project=self.published, recipients=[innovator, editor]
        )
        self.contact_report = ContactReport.objects.create(request=self.message, reason="Werbung")
        self.blocked = BlockedSender.objects.create(user=UserFactory(display_name="Sperr Gesperrt"))
        self.follow = following_services.follow(user=innovator, target=self.series)

        self.feedback = Feedback.objects.create(
            kind=Feedback.Kind.CONTACT, message="Die Suche ist toll."
        )
        self.report = ReportFactory(
            content=self.published, reporter_name="Rita Reporter", reporter_email="rita@example.org"
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
            **{
                (f"api:{kind}_detail", state): slug(obj)
                for kind, state, obj in [
                    ("project", "published", self.published),
                    ("project", "draft", self.draft),
                    ("organisation", "visible", self.organisation),
                    ("organisation", "hidden", self.hidden_organisation),
                    ("person", "linked", self.person),
                    ("person", "hidden", self.hidden_person),
                    ("event", "published", self.event),
                    ("event", "draft", self.draft_event),
                    ("series", "series", self.series),
                ]
            },
            ("api:vocabulary_list", "regions"): {"kind": "regions"},
            ("api:vocabulary_detail", "region"): {"kind": "regions", "slug": "leipzig"},
            ("events:series", "series"): slug(self.series),
            ("events:series_calendar", "series"): slug(self.series),
            **{
                (name, state): slug(event)
                for name in ["events:detail", "events:register", "events:event_calendar"]
                for state, event in [("published", self.event), ("draft", self.draft_event)]
            },
            **{
                (name, state): slug(organisation)
                for name in [
                    "network:organisation_detail",
                    "network:organisation_edit",
                    "network:organisation_members",
                    "network:organisation_join",
                    "network:organisation_leave",
                ]
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
            ("network:organisation_invitation", "open"): {
                "token": self.organisation_invitation.token
            },
            ("network:organisation_invitation", "unknown"): {"token": "gibt-es-nicht"},
            ("network:consent_confirm", "hidden"): {
                "token": make_confirm_token(self.hidden_person)
            },
            ("network:consent_confirm", "forged"): {"token": "gefaelscht"},
            ("network:consent_withdraw", "linked"): {"token": make_withdraw_token(self.person)},
            ("network:consent_withdraw", "forged"): {"token": "gefaelscht"},
            ("notices:report", "published"): {"kind": "projekt", "slug": self.published.slug},
            ("notices:report", "draft"): {"kind": "projekt", "slug": self.draft.slug},
            ("notices:report", "hidden_person"): {
                "kind": "person",
                "slug": self.hidden_person.slug,
            },
            **{
                (name, state): slug(obj)
                for name, state, obj in [
                    ("contact:project", "published", self.published),
                    ("contact:project", "draft", self.draft),
                    ("contact:organisation", "visible", self.organisation),
                    ("contact:organisation", "hidden", self.hidden_organisation),
                    ("contact:person", "linked", self.person),
                    ("contact:person", "hidden", self.hidden_person),
                ]
            },
            ("contact:report", "valid"): {
                "token": make_report_token(self.message, innovator.email)
            },
            ("contact:report", "forged"): {"token": "gefaelscht"},
            ("contact:detail", "message"): {"pk": self.message.pk},
            ("contact:step", "message"): {"pk": self.message.pk},
            ("following:follow", "published"): {"kind": "projekt", "slug": self.published.slug},
            ("following:follow", "draft"): {"kind": "projekt", "slug": self.draft.slug},
            ("following:follow", "hidden"): {
                "kind": "organisation",
                "slug": self.hidden_organisation.slug,
            },
            ("following:follow", "series"): {"kind": "reihe", "slug": self.series.slug},
            ("following:remove", "innovator"): {"pk": self.follow.pk},
            ("following:unsubscribe", "innovator"): {
                "token": following_services.unsubscribe_token(innovator)
            },
            ("following:unsubscribe", "forged"): {"token": "gefaelscht"},
            ("opendata:file", "csv"): {"slug": "projekte", "fmt": "csv"},
            ("opendata:file", "json"): {"slug": "bedarfe-und-angebote", "fmt": "json"},
            ("opendata:file", "unknown"): {"slug": "gibt-es-nicht", "fmt": "csv"},
            ("opendata:catalogue", "ttl"): {"fmt": "ttl"},
            ("opendata:catalogue", "jsonld"): {"fmt": "jsonld"},
            ("opendata:catalogue", "unknown"): {"fmt": "rdf"},
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
            ("admin:notices_report_decide", "new"): {"pk": self.report.pk},
            ("admin:network_person_review", "hidden"): {"pk": self.hidden_person.pk},
            (r"admin/(?P<url>.*)$", "unknown"): {"url": "gibt-es-nicht/"},
            ("insights:export_csv", "events"): {"figure": "events"},
            ("insights:export_xlsx", "all"): {"figure": "alle"},
            ("insights:export_csv", "unknown"): {"figure": "gibt-es-nicht"},
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
            "contact.contactreport": self.contact_report,
            "contact.blockedsender": self.blocked,
            "accounts.user": self.users["other"],
            "pages.feedback": self.feedback,
            "notices.report": self.report,
            "mfa.authenticator": self.passkey,
            "django_tasks_database.dbtaskresult": self.task_result,
        }
        if label in explicit:
            return explicit[label]
        model = next(m for m in admin.site._registry if m._meta.label_lower == label)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world needs one {label} for its admin pages"
        return obj

    def session(self, role: str) -> str | None:
        """The role's session key as allauth leaves it after a login (staff with TOTP) and a
        confirmation of the password, so that pages behind reauthentication (account
        deletion, passkeys) answer for the object itself, e.g. 404 for another's passkey."""
        user = self.users[role]
        if user is None:
            return None
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
        return client.cookies[settings.SESSION_COOKIE_NAME].value
