"""Many-to-many links kept as tenant rows (a through model with its own `network`): one way to make
an object's links exactly a given set, adding and removing only what differs."""


def replace_links(through, *, owner_field, owner, target_field, targets):
    """Make `owner`'s links in `through` exactly `targets` (model instances of the target)."""
    wanted = {target.pk: target for target in targets}
    links = through.objects.filter(**{owner_field: owner})
    links.exclude(**{f"{target_field}__in": list(wanted)}).delete()
    present = set(links.values_list(f"{target_field}_id", flat=True))
    through.objects.bulk_create(
        through(network=owner.network, **{owner_field: owner, target_field: target})
        for pk, target in wanted.items() if pk not in present
    )
