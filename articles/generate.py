"""Generated Vietnamese health news for local sites and benchmarks: N articles in one transaction.

Speed comes from folding text once: sentences are drawn from pools built at start, each held
in every form the database stores (as written, ``vn_fold``-ed, its folded words, its exact
words), so an article's ``search_text`` and search index row are joins of ready-made pieces,
equal to what ``Article.save()`` and ``articles.search.index_row()`` compute (tested). Rows
are written with one multi-row statement per table and batch (``executemany`` on SQLite,
``COPY`` on PostgreSQL): no ``save()``, no signal, so the index is written here too.

Reference rows (provinces with their 2025 history, organisations, officials and positions,
categories, tags, source outlets, commemorations) go through the ORM and are reused by slug,
so the seed fixtures and earlier runs are kept.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connections, transaction
from django.utils import timezone

from articles import search
from articles.models import (
    Article,
    Category,
    CommemorativeEvent,
    Figure,
    OfficialMention,
    SourceOutlet,
    Statistic,
    Tag,
)
from healthnews.text import vn_fold, vn_slugify
from people.models import Official, Organisation, Position, Province

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_BATCH = 5000
YEARS = 5
SLUG_LENGTH = Article._meta.get_field("slug").max_length - 6  # as unique_slug() cuts it

# Status mix: published in the past, published in the future (scheduled), review, draft.
STATUS_WEIGHTS = (("past", 90), ("scheduled", 2), ("review", 3), ("draft", 5))

# -------------------------------------------------------------------------------------------
# Vocabulary
# -------------------------------------------------------------------------------------------

# Provinces since 1/7/2025: (name, city?) and the units merged into them that day.
# Huế is a city from 1/1/2025; before that it was the province Thừa Thiên Huế.
PROVINCES = [
    ("Hà Nội", True, []),
    ("Huế", True, []),
    ("Lai Châu", False, []),
    ("Điện Biên", False, []),
    ("Sơn La", False, []),
    ("Lạng Sơn", False, []),
    ("Quảng Ninh", False, []),
    ("Thanh Hóa", False, []),
    ("Nghệ An", False, []),
    ("Hà Tĩnh", False, []),
    ("Cao Bằng", False, []),
    ("Tuyên Quang", False, ["Hà Giang"]),
    ("Lào Cai", False, ["Yên Bái"]),
    ("Thái Nguyên", False, ["Bắc Kạn"]),
    ("Phú Thọ", False, ["Vĩnh Phúc", "Hòa Bình"]),
    ("Bắc Ninh", False, ["Bắc Giang"]),
    ("Hưng Yên", False, ["Thái Bình"]),
    ("Hải Phòng", True, ["Hải Dương"]),
    ("Ninh Bình", False, ["Hà Nam", "Nam Định"]),
    ("Quảng Trị", False, ["Quảng Bình"]),
    ("Đà Nẵng", True, ["Quảng Nam"]),
    ("Quảng Ngãi", False, ["Kon Tum"]),
    ("Gia Lai", False, ["Bình Định"]),
    ("Khánh Hòa", False, ["Ninh Thuận"]),
    ("Lâm Đồng", False, ["Đắk Nông", "Bình Thuận"]),
    ("Đắk Lắk", False, ["Phú Yên"]),
    ("Hồ Chí Minh", True, ["Bình Dương", "Bà Rịa – Vũng Tàu"]),
    ("Đồng Nai", False, ["Bình Phước"]),
    ("Tây Ninh", False, ["Long An"]),
    ("Cần Thơ", True, ["Sóc Trăng", "Hậu Giang"]),
    ("Vĩnh Long", False, ["Bến Tre", "Trà Vinh"]),
    ("Đồng Tháp", False, ["Tiền Giang"]),
    ("Cà Mau", False, ["Bạc Liêu"]),
    ("An Giang", False, ["Kiên Giang"]),
]
MERGED_UNTIL = datetime.date(2025, 6, 30)
HUE_FROM = datetime.date(2025, 1, 1)
HUE_UNTIL = datetime.date(2024, 12, 31)

# (topic as written, tag, category)
TOPICS = [
    ("tiêm chủng mở rộng", "tiêm chủng", "Y tế dự phòng"),
    ("sốt xuất huyết", "sốt xuất huyết", "Y tế dự phòng"),
    ("bệnh tay chân miệng", "tay chân miệng", "Y tế dự phòng"),
    ("phòng, chống dịch bệnh", "phòng chống dịch", "Y tế dự phòng"),
    ("COVID-19", "COVID-19", "Y tế dự phòng"),
    ("bệnh lao", "bệnh lao", "Y tế dự phòng"),
    ("sốt rét", "sốt rét", "Y tế dự phòng"),
    ("bệnh sởi", "sởi", "Y tế dự phòng"),
    ("an toàn thực phẩm", "an toàn thực phẩm", "Y tế dự phòng"),
    ("khám chữa bệnh", "khám chữa bệnh", "Khám chữa bệnh"),
    ("cấp cứu ngoại viện", "cấp cứu", "Khám chữa bệnh"),
    ("ghép tạng", "ghép tạng", "Khám chữa bệnh"),
    ("điều trị ung thư", "xạ trị", "Khám chữa bệnh"),
    ("y học cổ truyền", "y học cổ truyền", "Khám chữa bệnh"),
    ("sức khỏe tâm thần", "sức khỏe tâm thần", "Khám chữa bệnh"),
    ("tăng huyết áp và đái tháo đường", "bệnh không lây nhiễm", "Khám chữa bệnh"),
    ("chuyển đổi số y tế", "chuyển đổi số", "Hoạt động ngành"),
    ("bệnh án điện tử", "chuyển đổi số", "Hoạt động ngành"),
    ("bảo hiểm y tế", "bảo hiểm y tế", "Hoạt động ngành"),
    ("y tế cơ sở", "y tế cơ sở", "Hoạt động ngành"),
    ("nhân lực y tế", "nhân lực y tế", "Hoạt động ngành"),
    ("đấu thầu thuốc", "dược", "Hoạt động ngành"),
    ("dân số và phát triển", "dân số", "Dân số, sức khỏe sinh sản"),
    ("sức khỏe sinh sản", "sức khỏe sinh sản", "Dân số, sức khỏe sinh sản"),
    ("dinh dưỡng trẻ em", "dinh dưỡng", "Dân số, sức khỏe sinh sản"),
    ("chăm sóc người cao tuổi", "người cao tuổi", "Dân số, sức khỏe sinh sản"),
    ("cải cách hành chính", "cải cách hành chính", "Chỉ đạo, điều hành"),
    ("thi đua khen thưởng", "thi đua khen thưởng", "Chỉ đạo, điều hành"),
]
# Topics one counts cases of ("ghi nhận 120 ca sốt xuất huyết").
DISEASES = ["sốt xuất huyết", "bệnh tay chân miệng", "COVID-19", "bệnh lao", "sốt rét", "bệnh sởi"]
ACTIONS = [
    "triển khai", "tăng cường", "tổng kết", "kiểm tra", "hướng dẫn", "đẩy mạnh", "phát động",
    "sơ kết", "tập huấn", "đánh giá", "giám sát", "nâng cao chất lượng",
]  # fmt: skip
PEOPLE = [
    "thầy thuốc", "bác sĩ", "điều dưỡng", "nhân viên y tế", "y tế thôn bản", "cán bộ dân số",
    "người bệnh", "người dân", "học sinh", "phụ nữ mang thai", "trẻ em dưới 5 tuổi",
    "người cao tuổi", "hộ sinh", "dược sĩ", "kỹ thuật viên",
]  # fmt: skip
TAILS = [
    "hướng tới mục tiêu chăm sóc sức khỏe toàn dân", "bảo đảm an toàn cho người dân",
    "trong mùa mưa bão", "tại các xã vùng sâu, vùng xa", "giai đoạn 2021 – 2025",
    "nâng cao chất lượng phục vụ người bệnh", "không để dịch bệnh lan rộng",
    "gắn với chuyển đổi số", "tạo sự hài lòng cho người bệnh", "ngay từ tuyến cơ sở",
    "theo chỉ đạo của Bộ Y tế", "trước diễn biến phức tạp của thời tiết",
]  # fmt: skip
TITLES = [
    "{Place} {action} {topic}",
    "Sở Y tế {place} {action} công tác {topic} năm {year}",
    "{Place} ghi nhận {k} ca mắc {disease} trong {n} tháng đầu năm",
    "Hội nghị {action} công tác {topic} năm {year} tại {full}",
    "{People} {full} tích cực tham gia {topic}",
    "{Place} đẩy mạnh {topic} và {topic2}",
    "Bệnh viện Đa khoa {full} {action} {topic}",
    "Lãnh đạo {full} làm việc với ngành y tế về {topic}",
    "Trung tâm Kiểm soát bệnh tật {place} {action} {topic} cho {people}",
    "{Place}: hơn {k} {people} được hỗ trợ về {topic}",
]  # fmt: skip
# Sentences of a province: {place} {full} are the province's names.
PLACE_SENTENCES = [
    "Theo báo cáo của Sở Y tế {place}, trong {n} tháng đầu năm toàn {kind} ghi nhận {k} ca "
    "{disease}, {trend} {pct}% so với cùng kỳ năm trước.",
    "Sở Y tế {place} đã {action} công tác {topic} tại {k} xã, phường trên địa bàn.",
    "Ngành y tế {full} tiếp tục {action} {topic}, gắn với chuyển đổi số trong khám chữa bệnh.",
    "Bệnh viện Đa khoa {full} đã tiếp nhận, điều trị cho hơn {k} lượt người bệnh trong dịp này.",
    "Trung tâm Kiểm soát bệnh tật {place} khuyến cáo {people} chủ động phòng bệnh, giữ vệ sinh "
    "cá nhân và môi trường sống.",
    "UBND {full} đề nghị các sở, ngành và địa phương phối hợp chặt chẽ với ngành y tế trong công "
    "tác {topic}.",
    "Tại {full}, mạng lưới y tế cơ sở được củng cố với {k} trạm y tế xã, phường đạt chuẩn quốc "
    "gia.",
    "Năm {year}, {full} phấn đấu tỷ lệ người dân tham gia bảo hiểm y tế đạt trên {pct}%.",
    "Đoàn công tác đã đến thăm, động viên đội ngũ {people} đang làm nhiệm vụ tại các cơ sở y tế "
    "của {full}.",
    "Dịp này, Sở Y tế {place} đã khen thưởng {k} tập thể và cá nhân có thành tích xuất sắc trong "
    "công tác {topic}.",
    "Người dân {full} khi có dấu hiệu sốt cao, đau đầu, phát ban cần đến ngay cơ sở y tế gần "
    "nhất để được khám và điều trị.",
    "Hiện {full} có {k} cơ sở khám chữa bệnh triển khai bệnh án điện tử và thanh toán không dùng "
    "tiền mặt.",
]  # fmt: skip
# Sentences about a topic, anywhere.
TOPIC_SENTENCES = [
    "Công tác {topic} được xác định là nhiệm vụ trọng tâm, thường xuyên của ngành y tế.",
    "Các {people} được hướng dẫn quy trình {topic} theo quy định của Bộ Y tế.",
    "Dự kiến đến cuối năm {year}, {pct}% {people} được tiếp cận dịch vụ {topic}.",
    "Đợt {action} kéo dài {n} ngày, tập trung vào {topic} và {topic2}.",
    "Lãnh đạo ngành y tế đề nghị các đơn vị {action} {topic} trong thời gian tới.",
    "Theo các chuyên gia, {topic} cần sự vào cuộc của cả hệ thống chính trị và sự đồng thuận của "
    "người dân.",
    "Kết quả {action} {topic} góp phần nâng cao chất lượng chăm sóc, bảo vệ sức khỏe nhân dân.",
    "Nhiều mô hình hay về {topic} đã được nhân rộng tại các trạm y tế xã.",
    "Kinh phí thực hiện {topic} năm {year} là hơn {k} triệu đồng từ ngân sách địa phương.",
    "Bên cạnh {topic}, các đơn vị cũng chú trọng {topic2} cho {people}.",
]  # fmt: skip
# Sentences without place or topic.
PLAIN_SENTENCES = [
    "Buổi lễ diễn ra trang trọng với sự tham dự của đông đảo cán bộ, {people} và người dân.",
    "Đội ngũ {people} luôn tận tâm, trách nhiệm, vượt qua khó khăn để phục vụ người bệnh.",
    "Cơ sở vật chất, trang thiết bị y tế từng bước được đầu tư đồng bộ, hiện đại.",
    "Tình trạng thiếu nhân lực, nhất là bác sĩ ở tuyến xã, vẫn là khó khăn lớn.",
    "Các đơn vị cần làm tốt công tác thông tin, truyền thông để người dân hiểu và chủ động phòng "
    "bệnh.",
    "Thời gian tới, ngành y tế sẽ tiếp tục nâng cao chất lượng khám chữa bệnh, hướng tới sự hài "
    "lòng của người bệnh.",
    "Trong {n} năm qua, đã có {k} lượt {people} được khám sàng lọc miễn phí.",
    "Tổng số tiền hỗ trợ là hơn {k} triệu đồng, trao trực tiếp cho {people} có hoàn cảnh khó khăn.",
    "Hội nghị cũng đã thảo luận các giải pháp khắc phục những tồn tại, hạn chế trong năm qua.",
    "Tỷ lệ hài lòng của người bệnh đạt {pct}%, tăng so với năm trước.",
]  # fmt: skip
MENTION_SENTENCES = [
    "Phát biểu tại buổi làm việc, đồng chí {name}, {label}, nhấn mạnh yêu cầu nâng cao chất "
    "lượng phục vụ người dân.",
    "Đồng chí {name}, {label}, ghi nhận và biểu dương những kết quả ngành y tế đã đạt được.",
    "Theo đồng chí {name}, {label}, các đơn vị cần tập trung nguồn lực cho y tế cơ sở.",
]  # fmt: skip
CAPTIONS = [
    "Lãnh đạo Sở Y tế {place} thăm hỏi người bệnh đang điều trị.",
    "Quang cảnh hội nghị tại {full}.",
    "Nhân viên y tế {full} {action} {topic}.",
    "Đoàn công tác kiểm tra tại Bệnh viện Đa khoa {full}.",
    "Người dân {full} được tư vấn về {topic}.",
    "Các đại biểu chụp ảnh lưu niệm.",
]  # fmt: skip
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Giàng", "Lò", "Hà", "Đinh"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Xuân", "Thu", "Hồng",
          "Kim", "Công", "Thành", "Khắc", "Anh"]  # fmt: skip
GIVEN = ["An", "Bình", "Cường", "Dũng", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hảo", "Hiền",
         "Hòa", "Hùng", "Hương", "Huy", "Khoa", "Lan", "Linh", "Long", "Mai", "Nam", "Nga",
         "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Thọ", "Thủy", "Trung",
         "Tuấn", "Vân", "Việt", "Yến"]  # fmt: skip
TITLES_OF_OFFICIALS = ["", "", "", "BS", "BSCKII", "ThS.BS", "TS.BS", "PGS.TS"]
BYLINES = ["Minh Anh", "Thu Hà", "Quang Vinh", "Ngọc Lan", "Đức Tâm", "Phương Thảo", "Hải Yến",
           "Việt Hùng", "Thanh Hương", "Khánh Linh", "Hồng Nhung", "Trọng Đạt"]  # fmt: skip
OUTLETS = [
    ("NDO", "Báo Nhân Dân điện tử", "https://nhandan.vn/"),
    ("SKĐS", "Báo Sức khỏe và Đời sống", "https://suckhoedoisong.vn/"),
    ("TTXVN", "Thông tấn xã Việt Nam", "https://www.vnanet.vn/"),
]
EVENTS = [
    ("Ngày Thầy thuốc Việt Nam", datetime.date(1955, 2, 27), 6),
    ("Ngày Dân số Việt Nam", datetime.date(1961, 12, 26), 2),
    ("Ngày Thế giới phòng, chống lao", datetime.date(1982, 3, 24), 1),
    ("Ngày Sức khỏe Thế giới", datetime.date(1948, 4, 7), 1),
]
EVENT_TITLES = [
    "{full} kỷ niệm {number} năm {event}, biểu dương {k} {people} tiêu biểu",
    "Lãnh đạo {full} thăm, chúc mừng ngành y tế nhân {number} năm {event}",
    "Hưởng ứng {event} năm {year}: {place} {action} {topic}",
]  # fmt: skip
# (subject, unit): figures the articles report.
STATISTICS = [
    ("lượt khám chữa bệnh", "lượt"),
    ("ca sốt xuất huyết", "ca"),
    ("trẻ em được tiêm chủng đầy đủ", "trẻ"),
    ("người tham gia bảo hiểm y tế", "người"),
    ("ca phẫu thuật", "ca"),
    ("trạm y tế xã đạt chuẩn", "trạm"),
]
QUALIFIERS = [("", ""), ("gan", "gần "), ("hon", "hơn "), ("khoang", "khoảng ")]


# -------------------------------------------------------------------------------------------
# Text in every form the database stores
# -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text as written (no &, <, >: it is its own HTML) and as the index holds it."""

    text: str
    fold: str  # vn_fold(text): Article.search_text's part
    words: str  # its folded words, space-separated: an FTS column's part
    exact: str  # its exact words (tones normalised, case-folded), space-separated


def make_text(text):
    folded = vn_fold(text)
    return Text(text, folded, search.words_of_folded(folded), " ".join(search.exact_words(text)))


def join_texts(texts):
    """The texts as one, a space between them."""
    return Text(
        " ".join(t.text for t in texts),
        " ".join(t.fold for t in texts),
        " ".join(t.words for t in texts if t.words),
        " ".join(t.exact for t in texts if t.exact),
    )


# -------------------------------------------------------------------------------------------
# Reference rows
# -------------------------------------------------------------------------------------------


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
    topics: list  # [(Text of the topic, Tag, Category, [Text sentences])]
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


def _fill(rng, template, place=None, topic=None, **extra):
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
    """A Place with its organisations, officials and pre-folded sentences."""
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
        make_text(_fill(rng, template, place))
        for template in PLACE_SENTENCES
        for _repeat in range(4)
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
            make_text(_fill(rng, template, topic=topic))
            for template in TOPIC_SENTENCES
            for _repeat in range(5)
        ]
        topics.append((make_text(topic), tag, categories[category_name], sentences))
    extra_tags = [
        _get_or_create(Tag, vn_slugify(name), name=name)
        for name in ("y tế cơ sở", "nhân lực y tế", "chuyển đổi số", "bảo hiểm y tế")
    ]
    rng = random.Random(f"{seed}:plain")
    plain = [make_text(_fill(rng, t)) for t in PLAIN_SENTENCES for _repeat in range(8)]
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


# -------------------------------------------------------------------------------------------
# Articles
# -------------------------------------------------------------------------------------------


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
                make_text(t.format(name=official.display_name, label=position.label))
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
                title = _fill(
                    rng,
                    rng.choice(EVENT_TITLES),
                    place,
                    topic.text,
                    event=event.name,
                    number=event.anniversary(year),
                    year=year,
                )
        if title is None:
            title = self._title(place, topic.text, (published_at or self.midnight).year)
        title_text = make_text(title)

        lead = join_texts(
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
            paragraphs.append(join_texts(sentences))
        if mention_sentences:
            paragraphs.append(join_texts(mention_sentences))

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
                    make_text(f"Năm {year}, toàn {place.kind_word} có {as_written}."),
                )

        # As html_to_text() reads it: one line per paragraph, after the title and the lead.
        body = "".join(f"<p>{p.text}</p>" for p in paragraphs)
        search_text = "\n".join([title_text.fold, lead.fold, *(p.fold for p in paragraphs)])
        body_words = " ".join(p.words for p in paragraphs if p.words)
        exact = " ".join(t.exact for t in (title_text, lead, *paragraphs) if t.exact)

        figures = [
            (
                order,
                rng.randint(0, len(paragraphs)),
                _fill(rng, rng.choice(CAPTIONS), place, topic.text),
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
            "lead": lead.text,
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
            "search_text": search_text,
            "needs_title": False,
            "import_file_name": "",
            "import_hash": "",
            **event_fields,
        }
        index = (pk, title_text.words, lead.words, body_words, search.padded_words(exact))
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
            title = _fill(rng, rng.choice(TITLES), place, topic, **values)
            while len(title) < 60:
                title += ", " + rng.choice(TAILS)
            if len(title) <= 120:
                return title
        return title[:120].rsplit(" ", 1)[0]


# -------------------------------------------------------------------------------------------
# Writing
# -------------------------------------------------------------------------------------------

ARTICLE_FIELDS = [
    "id", "title", "slug", "lead", "body", "status", "published_at", "published_at_precision",
    "event_year", "event_month", "event_day", "event_year_inferred", "event_date_text",
    "source_outlet_id", "source_url", "byline", "credit_line", "category_id", "province_id",
    "commemoration_id", "commemoration_year", "created_by_id", "last_editor_id", "created_at",
    "updated_at", "version", "search_text", "needs_title", "import_file_name", "import_hash",
]  # fmt: skip
DATETIME_FIELDS = ("published_at", "created_at", "updated_at")
MENTION_FIELDS = ["article_id", "official_id", "position_id", "as_written", "published_at"]
FIGURE_FIELDS = ["article_id", "order", "position", "image", "caption", "credit", "alt_text"]
STATISTIC_FIELDS = [
    "article_id", "order", "subject", "value", "qualifier", "unit", "year", "as_written",
]  # fmt: skip


def _table(model, attnames):
    """(table, columns) of a model for these attribute names."""
    return model._meta.db_table, [model._meta.get_field(name).column for name in attnames]


def _insert(connection, cursor, table, columns, rows):
    """Write many rows in one statement per call: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


@dataclass
class Timings:
    reference: float = 0.0
    generate: float = 0.0
    write: float = 0.0
    index: float = 0.0

    @property
    def total(self):
        return self.reference + self.generate + self.write + self.index


def _tune_sqlite(cursor, bulk):
    """Bulk-load settings on this connection only; returns the previous ones to restore."""
    pragmas = {"synchronous": "OFF", "cache_size": "-262144", "temp_store": "MEMORY"}
    previous = {}
    for name, value in pragmas.items():
        cursor.execute(f"PRAGMA {name}")
        previous[name] = cursor.fetchone()[0]
        if bulk:
            cursor.execute(f"PRAGMA {name} = {value}")
    return previous


def generate_articles(
    count, seed=0, batch=DEFAULT_BATCH, using="default", today=None, progress=None
):
    """Generate count articles with their related rows and index rows; returns Timings.

    Everything is written in one transaction: an error leaves the database as it was.
    today: the day publication times are counted from (past ones before it, scheduled ones
    after it); the same seed, day and reference rows give the same articles.
    """
    connection = connections[using]
    today = today or timezone.localdate()
    timings = Timings()
    # PRAGMA synchronous cannot change inside a transaction (a caller's, or a test's).
    tunes = connection.vendor == "sqlite" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        previous = _tune_sqlite(cursor, bulk=True) if tunes else {}
    try:
        with transaction.atomic(using=using):
            started = time.perf_counter()
            reference = ensure_reference(seed)
            timings.reference = time.perf_counter() - started
            _write_articles(connection, reference, count, seed, batch, today, timings, progress)
    finally:
        if tunes:
            with connection.cursor() as cursor:
                for name, value in previous.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
    if not connection.in_atomic_block:
        # Statistics for the planner after a bulk load: without them PostgreSQL guessed 73
        # published articles out of 90,000 and sorted them all for every news page.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return timings


def _write_articles(connection, reference, count, seed, batch, today, timings, progress):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {Article._meta.db_table} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Article._meta.db_table}")
        first = cursor.fetchone()[0] + 1
        taken = set(Article._default_manager.using(connection.alias).values_list("slug", flat=True))
        generator = ArticleGenerator(reference, seed, today, taken)
        article_table = _table(Article, ARTICLE_FIELDS)
        tags_model = Article.tags.through
        orgs_model = Article.organisations.through
        tag_table = _table(tags_model, ["article_id", "tag_id"])
        org_table = _table(orgs_model, ["article_id", "organisation_id", "published_at"])
        mention_table = _table(OfficialMention, MENTION_FIELDS)
        figure_table = _table(Figure, FIGURE_FIELDS)
        stat_table = _table(Statistic, STATISTIC_FIELDS)
        adapt = connection.ops.adapt_datetimefield_value
        search.prepare_bulk_index(first, using=connection.alias)
        for start in range(first, first + count, batch):
            started = time.perf_counter()
            rows = [generator.article(pk) for pk in range(start, min(start + batch, first + count))]
            articles, tags, orgs, mentions, figures, stats = [], [], [], [], [], []
            for row in rows:
                values = row.article
                for name in DATETIME_FIELDS:
                    values[name] = adapt(values[name])
                articles.append(tuple(values[name] for name in ARTICLE_FIELDS))
                pk = values["id"]
                tags.extend((pk, tag) for tag in row.tags)
                # Link rows carry their article's time (ArticleLink).
                when = values["published_at"]
                orgs.extend((pk, org, when) for org in row.organisations)
                mentions.extend((pk, *mention, when) for mention in row.mentions)
                figures.extend(
                    (pk, o, at, "", text, credit, "") for o, at, text, credit in row.figures
                )
                stats.extend((pk, *stat) for stat in row.statistics)
            generated = time.perf_counter()
            _insert(connection, cursor, *article_table, articles)
            _insert(connection, cursor, *tag_table, tags)
            _insert(connection, cursor, *org_table, orgs)
            _insert(connection, cursor, *mention_table, mentions)
            _insert(connection, cursor, *figure_table, figures)
            _insert(connection, cursor, *stat_table, stats)
            written = time.perf_counter()
            search.bulk_index([row.index for row in rows], using=connection.alias)
            indexed = time.perf_counter()
            timings.generate += generated - started
            timings.write += written - generated
            timings.index += indexed - written
            if progress:
                progress(start - first + len(rows))
        if connection.vendor == "postgresql":
            models = [Article, tags_model, orgs_model, OfficialMention, Figure, Statistic]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
