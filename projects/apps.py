from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from accounts.extensions import (
            register_deletion_note,
            register_home_section,
            register_login_destination,
            register_nav_entry,
            register_personal_data,
            register_personal_files,
        )
        from projects.signals import (
            forget_accepted_invitations,
            forget_contact_address,
            history_data,
            invitations_data,
            keep_an_owner,
            moderation_messages_data,
            ownership_notes,
            personal_data,
            project_files,
        )

        # Before keep_an_owner: it needs the user's memberships still in place.
        pre_delete.connect(
            forget_contact_address,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="projects_forget_contact_address",
        )
        pre_delete.connect(
            keep_an_owner, sender=settings.AUTH_USER_MODEL, dispatch_uid="projects_keep_an_owner"
        )
        pre_delete.connect(
            forget_accepted_invitations,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="projects_forget_accepted_invitations",
        )
        from projects.views import pending_invitation_url

        register_login_destination(pending_invitation_url)
        register_deletion_note(ownership_notes)
        register_personal_data("project_memberships", personal_data)
        register_personal_data("project_invitations", invitations_data)
        register_personal_data("project_history", history_data)
        register_personal_data("project_moderation_messages", moderation_messages_data)
        register_personal_files(project_files)

        # The account home lists the person's projects; the account navigation links them.
        from projects.account import my_projects_section

        register_nav_entry("projects:mine", _("My projects"), order=10)

        # What the activity records on a project's admin page say.
        from accounts.extensions import register_labels
        from projects.models import Transition

        register_labels(
            actions={
                "project.created": _("Project created"),
                **{f"project.{value}": label for value, label in Transition.Step.choices},
                "project.ownership": _("Ownership handed over"),
            },
            values=dict(Transition.Step.choices),
        )
        register_home_section(my_projects_section, order=10)

        from projects import services as projects_services
        from projects.models import Project
        from zukunftsplattform.search import register_reindexer

        register_reindexer("projects", Project.objects.all, projects_services.refresh_search)
