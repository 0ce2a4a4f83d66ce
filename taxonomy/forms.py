from django import forms


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes for vocabulary terms, labelled in the page's language."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name
