from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts.moderation import sync_moderation_group

        # After the last app's migrations (permissions exist by then), also after flush.
        post_migrate.connect(sync_moderation_group, dispatch_uid="sync_moderation_group")
