"""The demo data set: one call fills an empty database with a living, fictional portal."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from accounts.public import User, accept_current_terms, ensure_terms_in_force
from events import demo as events_demo
from network import demo as network_demo
from pages.default_content import ensure_default_pages
from pages.models import ContentPage
from projects import demo as projects_demo
from taxonomy.public import (
    SupportCategory,
    Synonym,
    TargetGroup,
    Topic,
    ensure_synonyms,
    ensure_vocabulary,
)

DEMO_PASSWORD = "Zukunft-Sachsen-2026"  # noqa: S105 - printed for the demo, documented in the README
MODERATOR_EMAIL = "moderation@demo.example"
ADMIN_EMAIL = "admin@demo.example"
STAFF_EMAILS = (MODERATOR_EMAIL, ADMIN_EMAIL)  # with TOTP; `manage.py demo_totp` prints codes


def _user(email, display_name, *, staff=False, superuser=False) -> User:
    user = User.objects.create_user(
        email=email,
        password=DEMO_PASSWORD,
        display_name=display_name,
        is_staff=staff,
        is_superuser=superuser,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    accept_current_terms(user)  # as at sign-up
    return user


def _with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def load() -> str:
    """Create the demo data; return what a newcomer needs to log in."""
    ensure_default_pages(ContentPage)
    ensure_vocabulary(Topic, TargetGroup, SupportCategory)
    ensure_synonyms(Synonym)
    ensure_terms_in_force()
    innovator = _user("innovatorin@demo.example", "Anja Innovatorin")
    colleague = _user("ben@demo.example", "Ben Beispiel")
    moderator = _user(MODERATOR_EMAIL, "Moritz Moderation", staff=True)
    moderator.groups.add(Group.objects.get_or_create(name="Moderation")[0])
    admin = _user(ADMIN_EMAIL, "Ada Administration", staff=True, superuser=True)
    moderator_secret = _with_totp(moderator)
    admin_secret = _with_totp(admin)

    extra: list[str] = []
    extra.append(network_demo.load(innovator=innovator, member=colleague))
    extra.append(projects_demo.load(innovator=innovator, colleague=colleague, moderator=moderator))
    network_demo.link_projects()  # carrying and partner organisations for the projects
    extra.append(events_demo.load(innovator=innovator))  # last: uses people and projects
    lines = [
        "",
        f"Demo accounts (password for all: {DEMO_PASSWORD})",
        f"  Innovator*in:  {innovator.email}  (and {colleague.email})",
        f"  Moderation:    {moderator.email}   TOTP secret: {moderator_secret}",
        f"  Administration:{admin.email}   TOTP secret: {admin_secret}",
        "  Add a TOTP secret to an authenticator app (or run `oathtool --totp -b SECRET`)",
        "  to get the code staff need for /admin/; `make demo-totp` prints secrets and codes",
        "  again at any time.",
        *[line for line in extra if line],
    ]
    return "\n".join(lines)
