"""One generated article after another: its columns, its index row and its related rows."""

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from articles import search
from articles.models import Article
from healthnews.text import vn_fold, vn_slugify

from .reference import fill
from .vocabulary import (
    BYLINES,
    CAPTIONS,
    EVENT_TITLES,
    MENTION_SENTENCES,
    PEOPLE,
    QUALIFIERS,
    STATISTICS,
    TAILS,
    TITLES,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
YEARS = 5
SLUG_LENGTH = Article._meta.get_field("slug").max_length - 6  # as unique_slug() cuts it

# Status mix: published in the past, published in the future (scheduled), review, draft.
STATUS_WEIGHTS = (("past", 90), ("scheduled", 2), ("review", 3), ("draft", 5))


@dataclass
class Generated:
    """One article's rows: the article's columns, its index row and its related rows."""

    article: dict
    index: tuple
    tags: list
    organisations: list
    mentions: list  # (official_id, position_id, as_written)
    figures: list  # (order, position, caption, credit)
    statistics: list  # (order, subject, value, qualifier, unit, year, as_written)


class ArticleGenerator:
    """Makes article rows one after another from a seed, a reference and a day."""

    def __init__(self, reference, seed, today, taken_slugs):
        self.ref = reference
        self.rng = random.Random(seed)
        self.today = today
        self.midnight = datetime.datetime.combine(today, datetime.time(), tzinfo=VN)
        self.taken = taken_slugs
        self.region_weights = [weight for _current, _olds, weight in reference.regions]
        self.event_weights = [weight for _event, weight in reference.events]
        self.mention_texts = {}

    def _slug(self, title):
        """unique_slug()'s answer, against the slugs already taken."""
        base = vn_slugify(title, max_length=SLUG_LENGTH) or "article"
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug

    def _when(self, status):
        """(status, published_at, precision) for a kind of article, at +07:00."""
        rng = self.rng
        if status in ("draft", "review"):
            if rng.random() < 0.7:
                return status, None, Article.DatePrecision.EXACT
            offset = datetime.timedelta(days=rng.randint(1, 20))
        elif status == "scheduled":
            offset = datetime.timedelta(days=rng.randint(1, 30))
        else:
            offset = -datetime.timedelta(days=rng.randint(1, YEARS * 365))
        day = self.midnight + offset
        precisions = Article.DatePrecision
        precision = rng.choices(
            [precisions.EXACT, precisions.DATE, precisions.ESTIMATED], [85, 10, 5]
        )[0]
        if precision == Article.DatePrecision.EXACT:
            day += datetime.timedelta(
                hours=rng.randint(6, 21), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59)
            )
        return ("published" if status in ("past", "scheduled") else status), day, precision

    def _place(self, published_at):
        """A province as named on the article's day: Thừa Thiên Huế in 2024, Huế in 2025."""
        current, olds, _weight = self.rng.choices(self.ref.regions, self.region_weights)[0]
        place = self.rng.choice(olds) if olds and self.rng.random() < 0.5 else current
        day = (published_at or self.midnight).astimezone(VN).date()
        if place.province.valid_to and day > place.province.valid_to:
            return current
        if place.province.valid_from and day < place.province.valid_from:
            return olds[0]
        return place

    def _mention_text(self, position):
        key = position.pk
        if key not in self.mention_texts:
            official = position.official
            self.mention_texts[key] = [
                t.format(name=official.display_name, label=position.label)
                for t in MENTION_SENTENCES
            ]
        return self.rng.choice(self.mention_texts[key])

    def article(self, pk):
        rng = self.rng
        ref = self.ref
        status = rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[0]
        status, published_at, precision = self._when(status)
        place = self._place(published_at)
        topic, tag, category, topic_sentences = rng.choice(ref.topics)

        commemoration = commemoration_year = None
        title = None
        if status == "published" and published_at < self.midnight and rng.random() < 0.06:
            event = rng.choices(ref.events, self.event_weights)[0][0]
            year = published_at.year
            occurrence = event.occurrence(year)
            day = occurrence - datetime.timedelta(days=rng.randint(0, 6))
            candidate = published_at.replace(year=day.year, month=day.month, day=day.day)
            if candidate < self.midnight:
                published_at, commemoration, commemoration_year = candidate, event, year
                place = self._place(published_at)
                title = fill(
                    rng,
                    rng.choice(EVENT_TITLES),
                    place,
                    topic,
                    event=event.name,
                    number=event.anniversary(year),
                    year=year,
                )
        if title is None:
            title = self._title(place, topic, (published_at or self.midnight).year)

        lead = " ".join(
            [rng.choice(place.sentences)]
            + ([rng.choice(topic_sentences)] if rng.random() < 0.6 else [])
        )
        positions = rng.sample(place.positions, rng.choice([0, 1, 1, 2, 2, 3]))
        if rng.random() < 0.05:
            positions.append(rng.choice(ref.central_positions))
        mention_sentences = [self._mention_text(position) for position in positions]
        paragraphs = []
        for number in range(rng.randint(5, 12)):
            sentences = [rng.choice(topic_sentences if number % 2 else place.sentences)]
            for _ in range(rng.randint(1, 3)):
                pool = rng.choices((place.sentences, topic_sentences, ref.plain), (3, 4, 3))[0]
                sentences.append(rng.choice(pool))
            if mention_sentences and number >= 1 and rng.random() < 0.5:
                sentences.append(mention_sentences.pop())
            paragraphs.append(" ".join(sentences))
        if mention_sentences:
            paragraphs.append(" ".join(mention_sentences))

        statistics = []
        if rng.random() < 0.3:
            for order in range(rng.randint(1, 2)):
                subject, unit = rng.choice(STATISTICS)
                qualifier, word = rng.choice(QUALIFIERS)
                value = rng.randint(20, 90_000)
                year = (published_at or self.midnight).year - rng.randint(0, 1)
                as_written = f"{word}{value:,} {subject}".replace(",", ".")
                statistics.append((order, subject, value, qualifier, unit, year, as_written))
                paragraphs.insert(
                    rng.randint(1, len(paragraphs)),
                    f"Năm {year}, toàn {place.kind_word} có {as_written}.",
                )

        # The text holds no &, < or >: it is its own HTML.
        body = "".join(f"<p>{p}</p>" for p in paragraphs)

        figures = [
            (
                order,
                rng.randint(0, len(paragraphs)),
                fill(rng, rng.choice(CAPTIONS), place, topic),
                f"Ảnh: {rng.choice(BYLINES)}" if rng.random() < 0.5 else "",
            )
            for order in range(rng.choices([0, 1, 2, 3], [25, 40, 25, 10])[0])
        ]
        tags = [tag] + ([rng.choice(ref.extra_tags)] if rng.random() < 0.4 else [])
        organisations = {position.organisation_id for position in positions}
        organisations.update(o.pk for o in rng.sample(place.organisations, rng.randint(0, 2)))

        event_fields = {}
        if published_at and rng.random() < 0.7:
            day = (published_at - datetime.timedelta(days=rng.randint(0, 1))).astimezone(VN)
            part = rng.choice(["Sáng", "Chiều", "Ngày", "Tối"])
            event_fields = {
                "event_year": day.year,
                "event_month": day.month,
                "event_day": day.day,
                "event_date_text": f"{part} {day.day}/{day.month}",
            }
        created = (published_at or self.midnight) - datetime.timedelta(
            minutes=rng.randint(30, 4000)
        )
        article = {
            "id": pk,
            "title": title,
            "slug": self._slug(title),
            "lead": lead,
            "body": body,
            "status": status,
            "published_at": published_at,
            "published_at_precision": precision,
            "event_year": None,
            "event_month": None,
            "event_day": None,
            "event_year_inferred": False,
            "event_date_text": "",
            "source_outlet_id": rng.choice(ref.outlets).pk if rng.random() < 0.25 else None,
            "source_url": "",
            "byline": rng.choice(BYLINES) if rng.random() < 0.6 else "",
            "credit_line": f"Theo CDC {place.name}" if rng.random() < 0.1 else "",
            "category_id": category.pk,
            "province_id": place.province.pk,
            "commemoration_id": commemoration and commemoration.pk,
            "commemoration_year": commemoration_year,
            "created_by_id": None,
            "last_editor_id": None,
            "created_at": created,
            "updated_at": min(published_at or created, timezone.now()),
            "version": 1,
            # As Article.save() folds it: html_to_text(body) is one line per paragraph.
            "search_text": vn_fold("\n".join([title, lead, *paragraphs])),
            "needs_title": False,
            "import_file_name": "",
            "import_hash": "",
            "deleted_at": None,
            "deleted_by_id": None,
            **event_fields,
        }
        index = (pk, *search.index_row(title, lead, body))
        return Generated(
            article, index, list(dict.fromkeys(t.pk for t in tags)), sorted(organisations),
            [(p.official_id, p.pk, f"{p.official.full_name}, {p.label}") for p in positions],
            figures, statistics,
        )  # fmt: skip

    def _title(self, place, topic, year):
        rng = self.rng
        for _attempt in range(20):
            values = {
                "Place": place.name,
                "People": rng.choice(PEOPLE).capitalize(),
                "year": year,
            }
            title = fill(rng, rng.choice(TITLES), place, topic, **values)
            while len(title) < 60:
                title += ", " + rng.choice(TAILS)
            if len(title) <= 120:
                return title
        return title[:120].rsplit(" ", 1)[0]
