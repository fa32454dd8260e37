"""What every public page's layout needs: the site settings, read once per content version."""

from django.utils.functional import SimpleLazyObject

from articles.models import SiteSettings
from healthnews.pagecache import per_version


def site(request):
    return {"site": SimpleLazyObject(lambda: per_version("site-settings", SiteSettings.load))}
