"""Make the renditions of every figure's photo (and record its size).

Renditions are made after every save; run this after writing figures without save()
(bulk_create(), raw SQL), after restoring MEDIA_ROOT without its `renditions/` folder, and
with --force after changing the widths or the quality in articles/content/photos.py.
"""

from django.core.management.base import BaseCommand

from articles.content import photos
from articles.models import Figure


class Command(BaseCommand):
    help = "Make the missing renditions of every photo (all of them with --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Write every rendition again, even if on disk."
        )

    def handle(self, *args, force, **options):
        figures = Figure.objects.exclude(image="").only(
            "article", "order", "image", "width", "height"
        )
        ready, unreadable = 0, []
        for figure in figures.order_by("pk").iterator():
            if photos.ensure_renditions(figure, force=force):
                ready += 1
            else:
                unreadable.append(figure)
        self.stdout.write(f"Đã có ảnh hiển thị cho {ready} ảnh.")
        for figure in unreadable:
            self.stdout.write(
                f"Không đọc được ảnh {figure.image.name} (bài viết #{figure.article_id}, "
                f"ảnh số {figure.order}): bạn đọc không thấy ảnh này, hãy tải ảnh lên lại."
            )
