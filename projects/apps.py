from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import pre_delete

        from accounts import personal_data as registry
        from projects.signals import (
            forget_accepted_invitations,
            history_data,
            invitations_data,
            keep_an_owner,
            personal_data,
        )

        pre_delete.connect(
            keep_an_owner, sender=settings.AUTH_USER_MODEL, dispatch_uid="projects_keep_an_owner"
        )
        pre_delete.connect(
            forget_accepted_invitations,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="projects_forget_accepted_invitations",
        )
        registry.register("project_memberships", personal_data)
        registry.register("project_invitations", invitations_data)
        registry.register("project_history", history_data)

        # The account home lists the person's projects; the account navigation links them.
        from accounts.extensions import register_home_section, register_nav_entry
        from projects.account import my_projects_section

        register_nav_entry("projects:mine", _("My projects"), order=10)
        register_home_section(my_projects_section, order=10)
