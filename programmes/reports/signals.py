"""A plan version's kept PDF leaves the disk with its row: the row goes when the version, its
mentorship or its network is deleted (cascades send post_delete for each row)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import frozen
from .models import FrozenPdf


@receiver(post_delete, sender=FrozenPdf, dispatch_uid="reports.delete_kept_pdf_file")
def delete_kept_pdf_file(sender, instance, **kwargs):
    frozen.delete_file(instance)
