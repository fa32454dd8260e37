from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Tin bài")

    def ready(self):
        from articles import signals
        from healthnews import pagecache

        signals.connect(self)
        pagecache.connect()
