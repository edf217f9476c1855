"""The site's navigation bar, kept rendered per person, page and language (it is on every page)."""

from django import template

from programmes.tenancy import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def navbar(context):
    request, user = context.get("request"), context.get("user")
    if request is None or user is None:  # a page rendered without its request: render it as it is
        return context.template.engine.get_template("base/navbar.html").render(context)
    current = context.get("current_network")
    networks = [(m.network.pk, m.network.slug, m.network.name) for m in context["switcher_memberships"]] \
        if user.is_authenticated else []
    stamp = (request.get_full_path(), user.pk, user.is_authenticated and (user.display_name, user.is_staff),
             current and (current.pk, current.slug, current.name), networks, context.get("dev_mail_viewer"))
    shared = {key: context.get(key) for key in ("user", "current_network", "switcher_memberships", "dev_mail_viewer")}
    return fragments.render_each(request, "base/navbar.html", [("navbar", stamp)], name="request", shared=shared,
                                 load=lambda ids: {"navbar": request})[0]
