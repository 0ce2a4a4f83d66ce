"""The page cache's change triggers, here where a reader finds them.

Every table visitors can see gets a deferred trigger that bumps the content generation
(``zukunftsplattform/pagecache.py``) in the same transaction as the change. Tables no
visitor sees (``pagecache.INVISIBLE``: accounts and their ``last_login``, invitations, a
project's history, who edits an organisation) carry none, so a login keeps every stored
page. A later migration that creates a visible table adds ``change_trigger(table)``.
Until this migration the triggers were put on every table after each ``migrate``; the
ones on invisible tables are dropped here.
"""

from django.db import migrations

from zukunftsplattform.pagecache import TRIGGER, change_trigger

BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per transaction; deferred, so it runs at commit after every other lock.
    IF current_setting('portal.content_changed', true)
            IS DISTINCT FROM pg_current_xact_id()::text THEN
        -- A recreated row starts at the clock so it never repeats an old number.
        INSERT INTO pages_contentgeneration (id, number)
        VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
        ON CONFLICT (id) DO UPDATE SET number = pages_contentgeneration.number + 1;
        PERFORM set_config('portal.content_changed', pg_current_xact_id()::text, true);
    END IF;
    RETURN NULL;
END
$$;
"""

VISIBLE = [
    "events_agendaitem",
    "events_agendaitem_presented_projects",
    "events_agendaitem_speakers",
    "events_event",
    "events_event_resulting_projects",
    "events_photo",
    "events_registration",  # seats left, the waitlist
    "events_series",
    "events_slides",
    "network_consentrecord",  # a person is public only with consent
    "network_consenttext",
    "network_organisation",
    "network_organisation_offers",
    "network_organisation_topics",
    "network_person",
    "network_person_offers",
    "network_person_topics",
    "pages_contentpage",
    "projects_project",
    "projects_project_needs",
    "projects_project_offers",
    "projects_project_partner_organisations",
    "projects_project_target_groups",
    "projects_project_topics",
    "projects_projectmembership",  # a person's page lists their projects
    "taxonomy_supportcategory",
    "taxonomy_synonym",  # what a search finds
    "taxonomy_targetgroup",
    "taxonomy_topic",
]

NO_LONGER = [
    "accounts_user",
    "accounts_user_groups",
    "accounts_user_user_permissions",
    "network_organisation_members",
    "pages_feedback",
    "projects_invitation",
    "projects_transition",
]


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_content_generation"),
        ("accounts", "0002_moderation_emails"),
        ("events", "0004_event_picture"),
        ("network", "0007_consent_text_stray_backslash"),
        ("projects", "0008_transition_withdrawn"),
        ("taxonomy", "0004_starter_synonyms"),
    ]

    operations = [
        migrations.RunSQL(
            sql=BUMP_FUNCTION,
            reverse_sql="DROP FUNCTION IF EXISTS portal_content_changed() CASCADE",
        ),
        migrations.RunSQL(
            sql=[
                f'DROP TRIGGER IF EXISTS {TRIGGER}{suffix} ON "{table}"'
                for table in NO_LONGER
                for suffix in ("", "_truncate")
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
        *[change_trigger(table) for table in VISIBLE],
        migrations.RunSQL(
            sql="INSERT INTO pages_contentgeneration (id, number) "
            "VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint) "
            "ON CONFLICT (id) DO NOTHING",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
