"""What each role meets at every URL pattern: the tables the access matrix checks
(``tests/test_site_access.py``). Declare a new page here."""

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
_site("terms_of_use",                              GET=EVERYONE)  # the version in force

# Account (ours): own data only, so signed in is all it takes
_site("accounts:overview",                         GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data",                          GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data_download",                 GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:my_data_zip",                      GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("accounts:moderation_emails",                GET=SIGNED_IN_405, POST="login 403 403 403 403 403 302 302")  # staff only
_site("accounts:delete",                           GET=SIGNED_IN, POST=SIGNED_IN)  # POST without confirmation: form error
_site("accounts:terms",                            GET=SIGNED_IN_302, POST=SIGNED_IN)  # nothing to accept: sent on; POST without the box: form error

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
# Who has a profile (linked) is sent to edit it; an empty POST is a form error (200).
_site("network:expert_profile_create",             GET="login 200   200   200   200   302   200   200", POST="login 200 200 200 200 302 200 200")
# Organisations people run: anyone signed in proposes one (an empty form: 200 with the
# errors); members see the members page, administrators (the member here) change it (an
# empty POST: back with a message); anyone signed in asks to join a visible one (the
# message is optional: an empty POST asks); leaving needs its button (empty POST: 200).
_site("network:organisation_create",               GET=SIGNED_IN, POST=SIGNED_IN)
_site("network:organisation_members", "visible",   GET="login 403   403   403   200   403   403   403", POST="login 403 403 403 302 403 403 403")
_site("network:organisation_members", "hidden",    GET="login 404   404   404   200   404   403   403", POST="login 404 404 404 302 404 403 403")
_site("network:organisation_join", "visible",      GET="login 200   200   200   302   200   200   200", POST=SIGNED_IN_302)
_site("network:organisation_join", "hidden",       GET="login 404   404   404   302   404   403   403", POST="login 404 404 404 302 404 403 403")
_site("network:organisation_leave", "visible",     GET="login 403   403   403   200   403   403   403", POST="login 403 403 403 200 403 403 403")
_site("network:organisation_leave", "hidden",      GET="login 404   404   404   200   404   403   403", POST="login 404 404 404 200 404 403 403")
# The invitation's link is the permission (bound to the invited, confirmed address, which
# none of the roles has): visitors see how to log in, joining is refused (back to the page).
_site("network:organisation_invitation", "open",   GET=EVERYONE, POST=SIGNED_IN_302)
_site("network:organisation_invitation", "unknown", GET=NOWHERE, POST=NOWHERE)
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

# Open data: the page and its files, the same for everyone (published content only).
_site("opendata:index",                            GET=EVERYONE)
_site("opendata:datapackage",                      GET=EVERYONE)
_site("opendata:file", "csv",                      GET=EVERYONE)
_site("opendata:file", "json",                     GET=EVERYONE)
_site("opendata:file", "unknown",                  GET=NOWHERE)
_site("opendata:catalogue", "ttl",                 GET=EVERYONE)
_site("opendata:catalogue", "jsonld",              GET=EVERYONE)
_site("opendata:catalogue", "unknown",             GET=NOWHERE)

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

# The read API: only what the public sees, the same for everyone (signed in or not);
# reading only (POST: 405). Its docs page is a page like the others.
_site("api_docs",                                  GET=EVERYONE)
_site("api_openapi",                               GET=EVERYONE)
_site("api:index",                                 GET=EVERYONE)
for _list in ["project", "organisation", "person", "event", "series", "vocabulary"]:
    _site(f"api:{_list}_list", "" if _list != "vocabulary" else "regions", GET=EVERYONE)
_site("api:project_detail", "published",           GET=EVERYONE)
_site("api:project_detail", "draft",               GET=NOWHERE)
_site("api:organisation_detail", "visible",        GET=EVERYONE)
_site("api:organisation_detail", "hidden",         GET=NOWHERE)
_site("api:person_detail", "linked",               GET=EVERYONE)
_site("api:person_detail", "hidden",               GET=NOWHERE)
_site("api:event_detail", "published",             GET=EVERYONE)
_site("api:event_detail", "draft",                 GET=NOWHERE)
_site("api:series_detail", "series",               GET=EVERYONE)
_site("api:vocabulary_detail", "region",           GET=EVERYONE)

# Notices (DSA): anyone may report public content (an empty report: form errors, 200);
# what the public cannot see has no report form.
_site("notices:report", "published",               GET=EVERYONE, POST=EVERYONE)
_site("notices:report", "draft",                   GET=NOWHERE, POST=NOWHERE)
_site("notices:report", "hidden_person",           GET=NOWHERE, POST=NOWHERE)
# Contact through the platform. The form for whatever the public sees (the team of the
# project meets a page saying it would write to itself; an empty POST: form errors).
_site("contact:project", "published",              GET=SIGNED_IN, POST=SIGNED_IN)
_site("contact:project", "draft",                  GET=NOWHERE, POST=NOWHERE)
_site("contact:organisation", "visible",           GET=SIGNED_IN, POST=SIGNED_IN)
_site("contact:organisation", "hidden",            GET=NOWHERE, POST=NOWHERE)
_site("contact:person", "linked",                  GET=SIGNED_IN, POST=SIGNED_IN)
_site("contact:person", "hidden",                  GET=NOWHERE, POST=NOWHERE)
# The report link in a relayed mail: the signed token is the permission (GET shows, POST acts).
_site("contact:report", "valid",                   GET=EVERYONE, POST=EVERYONE)
_site("contact:report", "forged",                  GET=NOWHERE, POST=NOWHERE)
_site("contact:my_requests",                       GET=SIGNED_IN, POST=SIGNED_IN_405)
_site("contact:settings",                          GET=SIGNED_IN, POST=SIGNED_IN_302)
# A message from someone outside every role to the published project (team: innovator,
# editor); the sender's own view is in tests/contact.
_site("contact:detail", "message",                 GET="login 200 404 200 404 404 404 404", POST=SIGNED_IN_405)
_site("contact:step", "message",                   GET=SIGNED_IN_405, POST="login 302 404 302 404 404 404 404")
# Following: signed in to follow what is public (empty POST: back to the page with the
# error); drafts and hidden organisations do not exist for the button. Each person sees
# and removes only their own follows; the unsubscribe link's signed token is the permission.
_site("following:follow", "published",             GET=NOT_ALLOWED, POST=SIGNED_IN_302)
_site("following:follow", "series",                GET=NOT_ALLOWED, POST=SIGNED_IN_302)
_site("following:follow", "draft",                 GET=NOT_ALLOWED, POST=NOWHERE)
_site("following:follow", "hidden",                GET=NOT_ALLOWED, POST=NOWHERE)
_site("following:settings",                        GET=SIGNED_IN, POST=SIGNED_IN_302)
_site("following:remove", "innovator",             GET=SIGNED_IN_405, POST="login 302 404 404 404 404 404 404")
_site("following:unsubscribe", "innovator",        GET=EVERYONE, POST=EVERYONE)
_site("following:unsubscribe", "forged",           GET=NOWHERE, POST=NOWHERE)
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
    "projects.fundingprogramme":          ("vac",   "vacd"),
    "projects.callround":                 ("vac",   "vacd"),
    "network.organisation":               ("vacd",  "vacd"),
    "network.person":                     ("vacd",  "vacd"),
    "network.consenttext":                ("va",    "va"),    # the text in force never changes
    "accounts.termsofuse":                ("",      "va"),    # legal text: administrators; the version in force never changes
    "events.series":                      ("vac",   "vacd"),
    "events.event":                       ("vac",   "vacd"),
    "events.registration":                ("vc",    "vcd"),   # people register themselves
    "notices.report":                     ("v",     "vd"),    # from the form; decided on its page
    "contact.contactreport":              ("vc",    "vc"),    # from the mails' links; go with their message
    "contact.blockedsender":              ("vc",    "vc"),    # blocked from a report, unblocked by an action
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
_admin("admin:notices_report_decide", "new",        GET=STAFF_ONLY, POST=STAFF_ONLY)  # no decision: form error
_admin("admin:network_person_review", "hidden",    GET=STAFF_ONLY, POST=STAFF_ONLY)  # nothing to decide: form error
# The dashboard (insights): staff with its permission (the Moderation group has it).
_admin("insights:dashboard",                        GET=STAFF_ONLY, POST=STAFF_ONLY_405)
_admin("insights:export_csv", "events",             GET=STAFF_ONLY, POST=STAFF_ONLY_405)
_admin("insights:export_xlsx", "all",               GET=STAFF_ONLY, POST=STAFF_ONLY_405)
_admin("insights:export_csv", "unknown",            GET="login 403 403 403 403 403 404 404", POST=STAFF_ONLY_405)
_admin(r"admin/(?P<url>.*)$", "unknown",            GET="login 403 403 403 403 403 404 404", POST="login 403 403 403 403 403 404 404")
# fmt: on


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
