"""`{{ text|markdown }}`: Markdown written by a network, rendered as a small safe HTML subset.

nh3 (the Rust ammonia sanitiser) removes scripts, event handlers and anything outside
paragraphs, lists, emphasis and links; links get rel="noopener noreferrer".
"""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "ul", "ol", "li", "a", "em", "strong", "br", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text):
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer")


@register.filter(name="markdown")
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above
