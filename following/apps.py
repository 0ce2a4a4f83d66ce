from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Following")

    def ready(self):
        from accounts.extensions import (
            register_home_section,
            register_nav_entry,
            register_personal_data,
        )
        from following.account import notifications_section
        from following.personal_data import following_data

        register_personal_data("following", following_data)
        register_nav_entry("following:settings", _("Notifications"), order=25)
        register_home_section(notifications_section, order=25)
