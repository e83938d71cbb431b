"""Reading a person's own downloads: nobody sees another's."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from homeward.accounts.models import User
from homeward.exports.models import Export

NOT_YOURS = "There is no such download of yours."


def exports_of(user: User) -> QuerySet[Export]:
    return Export.objects.filter(requested_by=user)


def export_of(user: User, export_id: int) -> Export:
    """The user's own export, or 404: another's looks the same as one that does not exist."""
    export = exports_of(user).filter(pk=export_id).first()
    if export is None:
        raise Http404(NOT_YOURS)
    return export
