from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact through the platform")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from accounts.extensions import (
            register_deletion_note,
            register_home_section,
            register_labels,
            register_nav_entry,
            register_personal_data,
        )
        from contact import account

        register_personal_data("contact_requests", account.personal_data)
        register_nav_entry("contact:my_requests", _("My messages"), order=25)
        register_home_section(account.home_section, order=25)
        register_deletion_note(account.deletion_note)
        # Messages only this account received go with it; those it sent go by cascade.
        pre_delete.connect(
            account.forget_deleted_user,
            sender=get_user_model(),
            dispatch_uid="contact_forget_user",
        )
        register_labels(
            actions={
                "contact.report": _("Message reported"),
                "contact.block_sender": _("Blocked from sending messages"),
                "contact.unblock_sender": _("Allowed to send messages again"),
                "contact.dismiss_report": _("Report dismissed"),
            }
        )
