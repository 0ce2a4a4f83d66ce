"""Organisations that signed-in people propose, and members with roles.

``Organisation.members`` gets its own relation model (``OrganisationMembership``, with a
role); everyone who was a member becomes an administrator (they managed the profile
before). Invitations by email and requests to join are new; an organisation's first
moderation is its ``admission`` (existing ones are admitted).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def members_become_administrators(apps, schema_editor):
    Organisation = apps.get_model("network", "Organisation")
    Membership = apps.get_model("network", "OrganisationMembership")
    links = Organisation.members.through.objects.all()
    Membership.objects.bulk_create(
        [
            Membership(
                organisation_id=link.organisation_id, user_id=link.user_id, role="administrator"
            )
            for link in links
        ]
    )


def memberships_back(apps, schema_editor):
    Organisation = apps.get_model("network", "Organisation")
    Membership = apps.get_model("network", "OrganisationMembership")
    Organisation.members.through.objects.bulk_create(
        [
            Organisation.members.through(
                organisation_id=membership.organisation_id, user_id=membership.user_id
            )
            for membership in Membership.objects.all()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0010_person_self_service"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="admission",
            field=models.CharField(
                choices=[
                    ("proposed", "Proposed, waiting for the moderation"),
                    ("declined", "Declined by the moderation"),
                    ("admitted", "In the directory"),
                ],
                default="admitted",
                editable=False,
                max_length=20,
                verbose_name="admission to the directory",
            ),
        ),
        migrations.CreateModel(
            name="OrganisationMembership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("administrator", "Administrator"), ("member", "Member")], default="administrator", max_length=20, verbose_name="role")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="member since")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="network.organisation", verbose_name="organisation")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="organisation_memberships", to=settings.AUTH_USER_MODEL, verbose_name="account")),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["organisation", "role", "created_at", "pk"],
                "constraints": [models.UniqueConstraint(fields=("organisation", "user"), name="one_membership")],
            },
        ),
        migrations.RunPython(members_become_administrators, memberships_back),
        migrations.RemoveField(model_name="organisation", name="members"),
        migrations.AddField(
            model_name="organisation",
            name="members",
            field=models.ManyToManyField(
                blank=True,
                help_text="Members edit the profile; their changes wait for the moderation. Members added here are administrators (they manage the members).",
                related_name="organisations",
                through="network.OrganisationMembership",
                to=settings.AUTH_USER_MODEL,
                verbose_name="members",
            ),
        ),
        migrations.CreateModel(
            name="OrganisationInvitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("email", models.EmailField(max_length=254, verbose_name="email address")),
                ("token", models.CharField(max_length=64, unique=True, verbose_name="access key")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("expires_at", models.DateTimeField(verbose_name="valid until")),
                ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="accepted at")),
                ("invited_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="invited by")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="network.organisation", verbose_name="organisation")),
            ],
            options={
                "verbose_name": "invitation to an organisation",
                "verbose_name_plural": "invitations to organisations",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="JoinRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", models.TextField(blank=True, max_length=1000, verbose_name="message to the administrators")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="asked at")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="join_requests", to="network.organisation", verbose_name="organisation")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="organisation_join_requests", to=settings.AUTH_USER_MODEL, verbose_name="account")),
            ],
            options={
                "verbose_name": "request to join",
                "verbose_name_plural": "requests to join",
                "ordering": ["created_at", "pk"],
                "constraints": [models.UniqueConstraint(fields=("organisation", "user"), name="one_join_request")],
            },
        ),
    ]
