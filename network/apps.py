from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from accounts.extensions import (
            register_home_section,
            register_personal_data,
            register_personal_files,
        )
        from network.personal_data import forget_deleted_user, network_data, profile_photos

        register_personal_data("network", network_data)
        register_personal_files(profile_photos)
        # Deleting an account deletes the person's own profile with it (their data);
        # accounts does not know the network, so the network listens.
        pre_delete.connect(
            forget_deleted_user, sender=get_user_model(), dispatch_uid="network_forget_user"
        )

        from network.account import my_network_section, my_organisations_section

        register_home_section(my_network_section, order=30)
        register_home_section(my_organisations_section, order=31)

        # After logging in, an open invitation to an organisation is where one goes.
        from accounts.extensions import register_login_destination
        from network.membership_views import pending_organisation_invitation_url

        register_login_destination(pending_organisation_invitation_url)

        from network import services as network_services
        from network.models import Organisation, Person
        from zukunftsplattform.search import register_reindexer

        register_reindexer(
            "organisations", Organisation.objects.all, network_services.refresh_organisation
        )
        register_reindexer("people", Person.objects.all, network_services.refresh_person)

        # Project pages show who can help; projects never import the network.
        from network.public import who_can_help
        from projects.extensions import register_helper_finder

        register_helper_finder(who_can_help)

        # What the activity records on the admin pages say.
        from accounts.extensions import register_labels

        register_labels(
            actions={
                "organisation.create": _("Organisation created"),
                "organisation.update": _("Profile changed"),
                "organisation.show": _("Shown on the public pages"),
                "organisation.hide": _("Hidden from the public pages"),
                "organisation.propose": _("Changes proposed by a member"),
                "organisation.approve": _("Proposed changes approved"),
                "organisation.reject": _("Proposed changes rejected"),
                "organisation.merge": _("Duplicates merged into it"),
                "organisation.propose_new": _("Proposed for the directory"),
                "organisation.publish": _("Published by the moderation"),
                "organisation.decline": _("Declined by the moderation"),
                "organisation.invite": _("Colleague invited"),
                "organisation.revoke": _("Invitation withdrawn"),
                "organisation.join": _("Invitation accepted"),
                "organisation.join_request": _("Asked to join"),
                "organisation.join_accept": _("Request to join accepted"),
                "organisation.join_decline": _("Request to join declined"),
                "organisation.role": _("Member's role changed"),
                "organisation.remove": _("Member removed"),
                "organisation.leave": _("Member left"),
                "person.create": _("Person created"),
                "person.update": _("Profile changed"),
                "person.consent_request": _("Consent requested by email"),
                "person.consent": _("Consent given"),
                "person.withdraw": _("Consent withdrawn"),
                "person.propose": _("Profile proposed by the person"),
                "person.publish": _("Profile published by the moderation"),
                "person.decline": _("Profile declined by the moderation"),
                "consent_text.create": _("Version written"),
                "consent_text.update": _("Version changed"),
                "consent_text.publish": _("Put in force"),
            },
            values=dict(Person.Moderation.choices),
        )
