"""The words generated articles are made of: provinces with their 2025 history, topics, sentence
templates, names, outlets, commemorations and the figures articles report."""

import datetime

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
