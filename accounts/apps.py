from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from accounts import audit
        from accounts.extensions import register_nav_entry
        from accounts.moderation import sync_moderation_group
        from accounts.personal_data import register as register_personal_data
        from accounts.terms import acceptances_of, written_by

        user_logged_in.connect(audit.logged_in, dispatch_uid="audit_logged_in")
        user_logged_out.connect(audit.logged_out, dispatch_uid="audit_logged_out")
        user_login_failed.connect(audit.login_failed, dispatch_uid="audit_login_failed")

        # After the last app's migrations (permissions exist by then), also after flush.
        post_migrate.connect(sync_moderation_group, dispatch_uid="sync_moderation_group")

        # The account navigation; projects and events add their pages between the
        # overview and the sign-in settings (orders 10-29).
        register_nav_entry("accounts:overview", _("Overview"), order=0)
        register_nav_entry("account_email", _("Email addresses"), order=30)
        register_nav_entry("account_change_password", _("Password"), order=40)
        register_nav_entry("mfa_index", _("Two-factor authentication"), order=50)
        register_nav_entry("mfa_list_webauthn", _("Passkeys"), order=60)
        register_nav_entry("accounts:my_data", _("My data"), order=70)
        register_nav_entry("accounts:delete", _("Delete account"), order=80)

        register_personal_data("terms_of_use_accepted", acceptances_of)
        register_personal_data("terms_of_use_written", written_by)

        audit.register_labels(
            actions={
                "admin.add": _("Created in the admin"),
                "admin.change": _("Changed in the admin"),
                "terms.create": _("Terms of use written"),
                "terms.update": _("Terms of use changed"),
                "terms.publish": _("Terms of use put in force"),
            }
        )
