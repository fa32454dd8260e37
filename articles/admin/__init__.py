"""The editors' workspace: articles and their history, the importer, vocabularies, documents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from articles.admin import accounts, article, documents, schedule, site, vocabulary
from healthnews.throttle import ThrottledAdminAuthenticationForm

admin.site.site_header = gettext_lazy("Quản trị Tin tức Y tế")
admin.site.site_title = gettext_lazy("Quản trị Tin tức Y tế")
admin.site.index_title = gettext_lazy("Bảng điều khiển")
admin.site.login_form = ThrottledAdminAuthenticationForm
# The home page lists every model already; the sidebar's 300 px are the changelist's columns.
admin.site.enable_nav_sidebar = False

__all__ = ["accounts", "article", "documents", "schedule", "site", "vocabulary"]
