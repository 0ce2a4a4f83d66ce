from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices of content (Digital Services Act)")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from accounts.extensions import (
            register_deletion_note,
            register_labels,
            register_personal_data,
        )
        from notices import personal_data

        register_personal_data("content_reports", personal_data.reports_of)
        register_deletion_note(personal_data.deletion_note)
        pre_delete.connect(
            personal_data.forget_reporter_of_deleted_user,
            sender=get_user_model(),
            dispatch_uid="notices_forget_reporter_of_deleted_user",
        )
        register_labels(
            actions={
                "report.review": _("Report taken into review"),
                "report.dismiss": _("Report decided: no action"),
                "report.restrict": _("Report decided: content restricted"),
            },
            values={
                "law": _("Unlawful content"),
                "terms": _("Incompatible with the terms of use"),
            },
        )
