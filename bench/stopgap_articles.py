"""Stop-gap article generator for the benchmarks, until `manage.py generate_articles` lands.

Usage: DATABASE_URL=... python bench/stopgap_articles.py N  (run by pages.py/load.py --stopgap
after `migrate` and `loaddata people articles`). Adds N published articles written by
bench/search_latency.py's generator, linked to the fixtures' categories, provinces, source
outlets, tags, organisations and officials (with the position each holds), so that every public
page type has content; then rebuilds the search index and runs ANALYZE.
"""

import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2000


def main():
    total = int(sys.argv[1])
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthnews.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone
    from search_latency import SEED, make_article

    from articles import search
    from articles.models import Article, Category, OfficialMention, SourceOutlet, Tag
    from people.models import Organisation, Position, Province

    rng = random.Random(SEED)
    categories = list(Category.objects.all())
    provinces = list(Province.objects.all())
    outlets = list(SourceOutlet.objects.all())
    tags = list(Tag.objects.all())
    organisations = list(Organisation.objects.all())
    positions = list(Position.objects.all())
    if not (categories and provinces and tags and organisations and positions):
        sys.exit("Load the fixtures first: manage.py loaddata people articles")
    now = timezone.now()
    span = 5 * 365 * 24 * 3600
    started = time.perf_counter()
    for first in range(0, total, BATCH):
        batch = []
        for number in range(first, min(first + BATCH, total)):
            article = make_article(number, rng, now, span)
            article.category = rng.choice(categories)
            article.province = rng.choice(provinces)
            article.source_outlet = rng.choice(outlets) if rng.random() < 0.5 else None
            batch.append(article)
        with transaction.atomic():
            Article.objects.bulk_create(batch)
            Article.tags.through.objects.bulk_create(
                Article.tags.through(article_id=article.pk, tag_id=tag.pk)
                for article in batch
                for tag in rng.sample(tags, rng.randint(1, 3))
            )
            Article.organisations.through.objects.bulk_create(
                Article.organisations.through(article_id=article.pk, organisation_id=org.pk)
                for article in batch
                for org in rng.sample(organisations, rng.randint(1, 2))
            )
            mentions = []
            for article in batch:
                if rng.random() < 0.3:
                    position = rng.choice(positions)
                    mentions.append(
                        OfficialMention(
                            article_id=article.pk,
                            official_id=position.official_id,
                            position=position,
                        )
                    )
            OfficialMention.objects.bulk_create(mentions)
        print(f"  generated {first + len(batch):,}/{total:,}", end="\r", flush=True)
    print(f"Generated {total:,} articles in {time.perf_counter() - started:.1f} s.")
    started = time.perf_counter()
    indexed = search.rebuild_index()
    print(f"Indexed {indexed:,} articles in {time.perf_counter() - started:.1f} s.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
