"""Labels of model choices, for pages and exports that print many of them."""


def choice_labels(model, field):
    """{value: label} of a field's choices, translated once (Django rebuilds the choices for
    every `get_*_display`)."""
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}
