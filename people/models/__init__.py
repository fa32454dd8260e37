"""Who and where: provinces, organisations and facilities, officials and their positions."""

from people.models.base import NamedBySlug, SlugNaturalKeyManager, SortedByName, unique_slug
from people.models.officials import Official, Position, PositionManager, PositionQuerySet
from people.models.organisations import Organisation
from people.models.provinces import HistoryLine, Province

__all__ = [
    "HistoryLine",
    "NamedBySlug",
    "Official",
    "Organisation",
    "Position",
    "PositionManager",
    "PositionQuerySet",
    "Province",
    "SlugNaturalKeyManager",
    "SortedByName",
    "unique_slug",
]
