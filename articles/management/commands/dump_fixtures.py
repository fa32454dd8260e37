"""Write the site's content to fixtures/ as loadable JSON, without accounts or history."""

import io
import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Fields that point at user accounts: accounts are not content and never go into the repo.
USER_FIELDS = {"created_by", "last_editor"}
APPS = {"people": [], "articles": ["articles.articlerevision", "articles.searchindexrow"]}


class Command(BaseCommand):
    help = "Dump people and articles to fixtures/<app>.json with natural keys."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=str(settings.BASE_DIR / "fixtures"))

    def handle(self, *args, output_dir, **options):
        for app, excluded in APPS.items():
            out = io.StringIO()
            call_command(
                "dumpdata",
                app,
                exclude=excluded,
                natural_foreign=True,
                natural_primary=True,
                stdout=out,
            )
            rows = json.loads(out.getvalue())
            for row in rows:
                for field in USER_FIELDS & row["fields"].keys():
                    row["fields"][field] = None
            path = f"{output_dir}/{app}.json"
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(rows, handle, ensure_ascii=False, indent=2)
                handle.write("\n")
            self.stdout.write(f"{path}: {len(rows)} đối tượng")
