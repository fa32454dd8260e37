"""Reference rows articles point to, and the sentence pools of each province and topic.

Provinces with their 2025 history, organisations, officials and positions, categories, tags,
source outlets and commemorations go through the ORM and are found by slug first, so the seed
fixtures and earlier runs are reused."""

import random
from dataclasses import dataclass, field

from articles.models import Category, CommemorativeEvent, SourceOutlet, Tag
from healthnews.text import vn_slugify
from people.models import Official, Organisation, Position, Province

from .vocabulary import (
    ACTIONS,
    DISEASES,
    EVENTS,
    FAMILY,
    GIVEN,
    HUE_FROM,
    HUE_UNTIL,
    MERGED_UNTIL,
    MIDDLE,
    OUTLETS,
    PEOPLE,
    PLACE_SENTENCES,
    PLAIN_SENTENCES,
    PROVINCES,
    TITLES_OF_OFFICIALS,
    TOPIC_SENTENCES,
    TOPICS,
)


@dataclass
class Place:
    """A province as an article names it, with what the generator needs to write about it."""

    province: Province
    kind_word: str  # "tỉnh" or "thành phố", as in "toàn tỉnh"
    sentences: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    positions: list = field(default_factory=list)

    @property
    def name(self):
        return self.province.name


@dataclass
class Reference:
    regions: list  # [(current Place, [Places merged into it], weight)]
    topics: list  # [(topic as written, Tag, Category, [sentences])]
    plain: list
    central_positions: list
    outlets: list
    events: list  # [(event, weight)]
    extra_tags: list


def _get_or_create(model, slug, **fields):
    """The row with this slug, or a new one saved through the ORM (derived fields by save())."""
    row = model._default_manager.filter(slug=slug).first()
    if row is None:
        row = model(**fields)
        row.save()
    return row


def _province(name, city, **fields):
    return _get_or_create(
        Province,
        vn_slugify(name),
        name=name,
        kind=Province.Kind.CITY if city else Province.Kind.PROVINCE,
        **fields,
    )


def _official(organisation, title):
    """The official holding title in organisation (created with a generated name if none)."""
    position = (
        Position.objects.filter(organisation=organisation, title=title)
        .select_related("official", "organisation")
        .first()
    )
    if position is None:
        # Seeded by the post alone: the same post gets the same name whatever else exists.
        rng = random.Random(f"{organisation.slug}:{title}")
        family, middle, given = rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)
        official = Official(
            full_name=f"{family} {middle} {given}",
            family_name=family,
            middle_name=middle,
            given_name=given,
            titles=rng.choice(TITLES_OF_OFFICIALS),
        )
        official.save()
        position = Position.objects.create(
            official=official, organisation=organisation, title=title
        )
    return position


def fill(rng, template, place=None, topic=None, **extra):
    """The template with random values, a place's names and a topic; capitalised."""
    values = {
        "action": rng.choice(ACTIONS),
        "people": rng.choice(PEOPLE),
        "topic": topic or rng.choice(TOPICS)[0],
        "topic2": rng.choice(TOPICS)[0],
        "disease": topic if topic in DISEASES else rng.choice(DISEASES),
        "n": rng.randint(2, 11),
        "k": rng.randint(3, 950),
        "pct": rng.randint(55, 99),
        "year": rng.randint(2021, 2026),
        "trend": rng.choice(["giảm", "tăng"]),
        **extra,
    }
    if place is not None:
        values.update(place=place.name, full=place.province.full_name, kind=place.kind_word)
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _place(seed, province):
    """A Place with its organisations, officials and sentences."""
    rng = random.Random(f"{seed}:{province.slug}")
    place = Place(province, "thành phố" if province.kind == Province.Kind.CITY else "tỉnh")
    full = province.full_name
    level = Organisation.Level.PROVINCIAL
    kinds = Organisation.Kind
    bodies = [
        (f"Sở Y tế {province.name}", kinds.HEALTH_DEPARTMENT, ["Giám đốc", "Phó Giám đốc"]),
        (f"UBND {full}", kinds.PEOPLES_COMMITTEE, ["Chủ tịch", "Phó Chủ tịch"]),
        (f"Bệnh viện Đa khoa {full}", kinds.HOSPITAL, ["Giám đốc"]),
        (f"Trung tâm Kiểm soát bệnh tật {province.name}", kinds.CDC, ["Giám đốc"]),
    ]
    for name, kind, titles in bodies:
        organisation = _get_or_create(
            Organisation, vn_slugify(name), name=name, kind=kind, level=level, province=province
        )
        place.organisations.append(organisation)
        place.positions.extend(_official(organisation, title) for title in titles)
    place.sentences = [
        fill(rng, template, place) for template in PLACE_SENTENCES for _repeat in range(4)
    ]
    return place


def ensure_reference(seed):
    """Create (or find, by slug) every row articles point to; returns them as a Reference.

    Each pool of sentences has its own random generator, so that the rows found or created
    do not change the text.
    """
    regions = []
    for name, city, merged in PROVINCES:
        current = _province(name, city, valid_from=HUE_FROM if name == "Huế" else None)
        olds = [_province(old, False, valid_to=MERGED_UNTIL, successor=current) for old in merged]
        if name == "Huế":
            olds.append(_province("Thừa Thiên Huế", False, valid_to=HUE_UNTIL, successor=current))
        weight = 6 if name in ("Hà Nội", "Hồ Chí Minh") else 2 if city else 1
        regions.append(
            (_place(seed, current), [_place(seed, old) for old in olds], weight * (1 + len(olds)))
        )
    categories = {}
    topics = []
    for topic, tag_name, category_name in TOPICS:
        if category_name not in categories:
            categories[category_name] = _get_or_create(
                Category, vn_slugify(category_name), name=category_name
            )
        tag = _get_or_create(Tag, vn_slugify(tag_name), name=tag_name)
        rng = random.Random(f"{seed}:{topic}")
        sentences = [
            fill(rng, template, topic=topic) for template in TOPIC_SENTENCES for _repeat in range(5)
        ]
        topics.append((topic, tag, categories[category_name], sentences))
    extra_tags = [
        _get_or_create(Tag, vn_slugify(name), name=name)
        for name in ("y tế cơ sở", "nhân lực y tế", "chuyển đổi số", "bảo hiểm y tế")
    ]
    rng = random.Random(f"{seed}:plain")
    plain = [fill(rng, t) for t in PLAIN_SENTENCES for _repeat in range(8)]
    ministry = _get_or_create(
        Organisation,
        "bo-y-te",
        name="Bộ Y tế",
        kind=Organisation.Kind.MINISTRY,
        level=Organisation.Level.CENTRAL,
    )
    central = [_official(ministry, title) for title in ("Bộ trưởng", "Thứ trưởng")]
    outlets = []
    for code, name, url in OUTLETS:
        outlet = SourceOutlet.objects.filter(code=code).first()
        outlets.append(outlet or SourceOutlet.objects.create(code=code, name=name, url=url))
    events = [
        (_get_or_create(CommemorativeEvent, vn_slugify(name), name=name, origin_date=origin), w)
        for name, origin, w in EVENTS
    ]
    return Reference(regions, topics, plain, central, outlets, events, extra_tags)
