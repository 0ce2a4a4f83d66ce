"""What the directory's admin pages share: image uploads validated like everywhere else,
and saving through the services."""

from zukunftsplattform.images import open_validated, render
from zukunftsplattform.slugs import SlugFromNameAdminForm


class ImageAdminForm(SlugFromNameAdminForm):
    """Uploads in the admin are validated and re-encoded like everywhere else."""

    image_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin renders file inputs in a fieldset without a <label>: name them.
        for name in self.image_fields:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-label"] = str(self.fields[name].label)

    def _clean_image(self, name):
        upload = self.cleaned_data.get(name)
        if not upload or not hasattr(upload, "content_type"):  # unchanged or cleared
            return upload
        return render(open_validated(upload), self.image_fields[name])


def adopt(instance, saved) -> None:
    """Let the admin's form instance stand for the object a service created (the admin
    goes on with it: its address, its name in messages and in Django's own log)."""
    instance.__dict__.update(saved.__dict__)


def save_inlines(admin_instance, request, form, formsets, change) -> None:
    """The admin's save_related without ``form.save_m2m()``: the service set the
    relations already (a second write would bypass it)."""
    for formset in formsets:
        admin_instance.save_formset(request, form, formset, change=change)
