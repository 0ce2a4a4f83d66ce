"""The admin of versioned legal texts (``versioned_text.py``): drafts are edited, a
version in force is view-only. An app's admin combines it with ``ActivityHistoryAdmin``::

    @admin.register(TermsOfUse)
    class TermsOfUseAdmin(VersionedTextAdmin, ActivityHistoryAdmin):
        form = TermsOfUseAdminForm  # Meta.fields: the fields staff write

        def save_model(self, request, obj, form, change):
            terms_services.save_terms(terms=obj, by=request.user)
"""

from django.contrib import admin


class VersionedTextAdmin(admin.ModelAdmin):
    """Drafts are edited; a version in force is view-only and cannot be deleted.

    The subclass names the fields staff write in its form's ``Meta.fields`` and saves
    through its service in ``save_model``.
    """

    records_saves = False  # the services record (``ActivityHistoryAdmin``)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.published_at:
            return [*fields, "version", *(self.form._meta.fields or []), "published_at"]
        return [*fields, "version", "published_at"] if obj else fields

    def has_change_permission(self, request, obj=None):
        # A version in force is view-only: saving it would only meet the service's refusal.
        return super().has_change_permission(request, obj) and (obj is None or not obj.published_at)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or not obj.published_at)
