#!/usr/bin/python3
"""gen.py - write a synthetic kgbuild fact base shaped like a real who's-who.

    /usr/bin/python3 bench/gen.py --people 100000 --out bench/data/100000

The base is deterministic: the same --people and --seed give byte-identical
files.  Standard library only.  Every key used is one of the ontology's
(docs/facts.md), and the result is meant to pass `kgbuild check` with no
error and no warning:

* a few hundred sources (articles, reports, web pages) with titles,
  publishers (media outlets), authors (journalists), urls, published and
  accessed dates, languages, some derived from others (translations);
* ~24 countries (en/zh/ru names), a government each;
* organisations: ministries -> departments -> offices (`part-of`, acyclic),
  media outlets (state-affiliated or not);
* ranks: three ordered scales (`next-above` chains, `in-scheme`);
* posts (~0.5 per person): minister, director-general, office director,
  staff, each `post-in` its unit, with `rank` or `min-rank`/`max-rank`,
  `reports-to` the post above, some `counterpart-of` across countries,
  some `held-by` (undated holders);
* people: names in en + zh, sometimes ru; born (and rarely died) dates of
  mixed precision; `reports-to` and `counterpart-of` between people;
  `member-of`, `head-of`, descriptions;
* appointments (dated tenures) with start/end of mixed precision
  (2013, 2013-06, 2013-06-15), end never certainly before start;
* events (interviews with interviewer and outlet, meetings, speeches,
  press conferences) with topics; claims made at them; topics in schemes
  with a `broader` tree and `related` pairs.

Every entry cites a source; about half carry a quote; some values are
written in long form (value/source/quote).  About 10 statements per person.

Output: DIR/<section>-NNN.yaml files of at most --max-file-mb MB each
(default 20), written to DIR.tmp-* and renamed into place, plus
DIR/GENERATED (the parameters) which marks a complete base.
"""

import argparse
import os
import random
import shutil
import sys

# Raised whenever the same parameters give different files, so that bench/run.sh
# regenerates the bases it keeps (2: an office's mandates are distinct).
GEN_VERSION = 2

MASK = (1 << 64) - 1

# ---------------------------------------------------------------- tables ----

# (id, en, zh, ru, naming) - naming: which name table people there get.
COUNTRIES = [
    ("china", "China", "中国", "Китай", "zh"),
    ("united-states", "United States", "美国", "США", "west"),
    ("russia", "Russia", "俄罗斯", "Россия", "ru"),
    ("united-kingdom", "United Kingdom", "英国", "Великобритания", "west"),
    ("france", "France", "法国", "Франция", "west"),
    ("germany", "Germany", "德国", "Германия", "west"),
    ("japan", "Japan", "日本", "Япония", "west"),
    ("india", "India", "印度", "Индия", "west"),
    ("brazil", "Brazil", "巴西", "Бразилия", "west"),
    ("canada", "Canada", "加拿大", "Канада", "west"),
    ("australia", "Australia", "澳大利亚", "Австралия", "west"),
    ("south-korea", "South Korea", "韩国", "Южная Корея", "west"),
    ("italy", "Italy", "意大利", "Италия", "west"),
    ("spain", "Spain", "西班牙", "Испания", "west"),
    ("mexico", "Mexico", "墨西哥", "Мексика", "west"),
    ("indonesia", "Indonesia", "印度尼西亚", "Индонезия", "west"),
    ("turkey", "Türkiye", "土耳其", "Турция", "west"),
    ("saudi-arabia", "Saudi Arabia", "沙特阿拉伯", "Саудовская Аравия", "west"),
    ("south-africa", "South Africa", "南非", "ЮАР", "west"),
    ("argentina", "Argentina", "阿根廷", "Аргентина", "west"),
    ("egypt", "Egypt", "埃及", "Египет", "west"),
    ("kazakhstan", "Kazakhstan", "哈萨克斯坦", "Казахстан", "ru"),
    ("vietnam", "Vietnam", "越南", "Вьетнам", "west"),
    ("singapore", "Singapore", "新加坡", "Сингапур", "zh"),
]

# (pinyin, hanzi, cyrillic)
ZH_SURNAMES = [
    ("wang", "王", "Ван"), ("li", "李", "Ли"), ("zhang", "张", "Чжан"),
    ("liu", "刘", "Лю"), ("chen", "陈", "Чэнь"), ("yang", "杨", "Ян"),
    ("zhao", "赵", "Чжао"), ("huang", "黄", "Хуан"), ("zhou", "周", "Чжоу"),
    ("wu", "吴", "У"), ("xu", "徐", "Сюй"), ("sun", "孙", "Сунь"),
    ("ma", "马", "Ма"), ("zhu", "朱", "Чжу"), ("hu", "胡", "Ху"),
    ("guo", "郭", "Го"), ("he", "何", "Хэ"), ("lin", "林", "Линь"),
    ("gao", "高", "Гао"), ("luo", "罗", "Ло"), ("zheng", "郑", "Чжэн"),
    ("liang", "梁", "Лян"), ("xie", "谢", "Се"), ("song", "宋", "Сун"),
]
ZH_GIVEN = [
    ("lei", "磊", "лэй"), ("wei", "伟", "вэй"), ("fang", "芳", "фан"),
    ("min", "敏", "минь"), ("jing", "静", "цзин"), ("qiang", "强", "цян"),
    ("jun", "军", "цзюнь"), ("yong", "勇", "юн"), ("yan", "艳", "янь"),
    ("jie", "杰", "цзе"), ("tao", "涛", "тао"), ("ming", "明", "мин"),
    ("chao", "超", "чао"), ("hua", "华", "хуа"), ("ping", "平", "пин"),
    ("gang", "刚", "ган"), ("hui", "辉", "хуэй"), ("ling", "玲", "лин"),
    ("bin", "斌", "бинь"), ("xin", "欣", "синь"), ("yu", "宇", "юй"),
    ("hao", "浩", "хао"), ("kai", "凯", "кай"), ("ning", "宁", "нин"),
    ("dong", "东", "дун"), ("feng", "峰", "фэн"), ("bo", "波", "бо"),
    ("peng", "鹏", "пэн"), ("xiang", "翔", "сян"), ("rui", "瑞", "жуй"),
    ("jian", "建", "цзянь"), ("guo", "国", "го"), ("hong", "红", "хун"),
]
# (latin, hanzi transliteration, cyrillic)
WEST_GIVEN = [
    ("Christopher", "克里斯托弗", "Кристофер"), ("Jake", "杰克", "Джейк"),
    ("Anne", "安妮", "Энн"), ("Michael", "迈克尔", "Майкл"),
    ("Sarah", "萨拉", "Сара"), ("David", "戴维", "Дэвид"),
    ("Laura", "劳拉", "Лора"), ("Thomas", "托马斯", "Томас"),
    ("Julia", "朱莉娅", "Юлия"), ("Daniel", "丹尼尔", "Даниэль"),
    ("Emma", "埃玛", "Эмма"), ("Pierre", "皮埃尔", "Пьер"),
    ("Marie", "玛丽", "Мари"), ("Hans", "汉斯", "Ханс"),
    ("Sofia", "索菲娅", "София"), ("Carlos", "卡洛斯", "Карлос"),
    ("Ana", "安娜", "Ана"), ("Kenji", "健二", "Кэндзи"),
    ("Priya", "普丽娅", "Прия"), ("Ahmed", "艾哈迈德", "Ахмед"),
]
WEST_SURNAMES = [
    ("Painter", "佩因特", "Пейнтер"), ("Sullivan", "沙利文", "Салливан"),
    ("Smith", "史密斯", "Смит"), ("Johnson", "约翰逊", "Джонсон"),
    ("Brown", "布朗", "Браун"), ("Miller", "米勒", "Миллер"),
    ("Wilson", "威尔逊", "Уилсон"), ("Moore", "穆尔", "Мур"),
    ("Taylor", "泰勒", "Тейлор"), ("Martin", "马丁", "Мартен"),
    ("Dubois", "杜布瓦", "Дюбуа"), ("Schmidt", "施密特", "Шмидт"),
    ("Rossi", "罗西", "Росси"), ("Garcia", "加西亚", "Гарсия"),
    ("Silva", "席尔瓦", "Силва"), ("Tanaka", "田中", "Танака"),
    ("Sharma", "夏尔马", "Шарма"), ("Hassan", "哈桑", "Хасан"),
    ("Kim", "金", "Ким"), ("Nguyen", "阮", "Нгуен"),
]
# (latin, cyrillic, hanzi)
RU_GIVEN = [
    ("Sergei", "Сергей", "谢尔盖"), ("Anna", "Анна", "安娜"),
    ("Dmitry", "Дмитрий", "德米特里"), ("Olga", "Ольга", "奥尔加"),
    ("Andrei", "Андрей", "安德烈"), ("Elena", "Елена", "叶连娜"),
    ("Ivan", "Иван", "伊万"), ("Natalia", "Наталья", "娜塔莉亚"),
    ("Alexei", "Алексей", "阿列克谢"), ("Maria", "Мария", "玛丽亚"),
]
RU_SURNAMES = [
    ("Ivanov", "Иванов", "伊万诺夫"), ("Petrov", "Петров", "彼得罗夫"),
    ("Smirnov", "Смирнов", "斯米尔诺夫"), ("Volkov", "Волков", "沃尔科夫"),
    ("Kuznetsov", "Кузнецов", "库兹涅佐夫"), ("Sokolov", "Соколов", "索科洛夫"),
    ("Lavrov", "Лавров", "拉夫罗夫"), ("Orlov", "Орлов", "奥尔洛夫"),
    ("Morozov", "Морозов", "莫罗佐夫"), ("Novikov", "Новиков", "诺维科夫"),
]

# (slug, en, zh, short)
MINISTRIES = [
    ("foreign-affairs", "Foreign Affairs", "外交部", "MFA"),
    ("commerce", "Commerce", "商务部", "MOC"),
    ("defence", "Defence", "国防部", "MOD"),
    ("finance", "Finance", "财政部", "MOF"),
    ("justice", "Justice", "司法部", "MOJ"),
    ("science-technology", "Science and Technology", "科学技术部", "MOST"),
    ("industry-it", "Industry and Information Technology", "工业和信息化部", "MIIT"),
    ("public-security", "Public Security", "公安部", "MPS"),
    ("state-security", "State Security", "国家安全部", "MSS"),
    ("transport", "Transport", "交通运输部", "MOT"),
    ("education", "Education", "教育部", "MOE"),
    ("ecology-environment", "Ecology and Environment", "生态环境部", "MEE"),
]
# (slug, en, zh)
AREAS = [
    ("arms-control", "Arms Control", "军控"),
    ("treaty-law", "Treaty and Law", "条约法律"),
    ("policy-planning", "Policy Planning", "政策规划"),
    ("international-economic", "International Economic Affairs", "国际经济"),
    ("cyber-affairs", "Cyber Affairs", "网络事务"),
    ("consular", "Consular Affairs", "领事"),
    ("protocol", "Protocol", "礼宾"),
    ("information", "Information", "新闻"),
    ("asian", "Asian Affairs", "亚洲"),
    ("european", "European Affairs", "欧洲"),
    ("north-american", "North American and Oceanian Affairs", "北美大洋洲"),
    ("african", "African Affairs", "非洲"),
    ("latin-american", "Latin American Affairs", "拉丁美洲"),
    ("international-organisations", "International Organisations", "国际组织"),
    ("digital-economy", "Digital Economy", "数字经济"),
    ("trade-remedies", "Trade Remedies", "贸易救济"),
    ("export-control", "Export Control", "出口管制"),
    ("critical-infrastructure", "Critical Infrastructure", "关键基础设施"),
]
# staff posts: (slug, en, zh, rank level low, rank level high)
STAFF = [
    ("counsellor", "Counsellor", "参赞", 4, 4),
    ("first-secretary", "First Secretary", "一等秘书", 3, 3),
    ("second-secretary", "Second Secretary", "二等秘书", 2, 2),
    ("third-secretary", "Third Secretary", "三等秘书", 1, 2),
    ("attache", "Attaché", "随员", 0, 1),
    ("deputy-director", "Deputy Director", "副处长", 4, 4),
    ("senior-officer", "Senior Officer", "高级官员", 2, 3),
    ("officer", "Officer", "官员", 1, 2),
]
# rank scales: (slug, en, zh, [(rank slug, en, zh)] from lowest to highest)
RANK_SCALES = [
    ("civil-service-ranks", "civil-service ranks", "公务员职级", [
        ("clerk", "clerk", "办事员"), ("section-member", "section member", "科员"),
        ("deputy-section-chief", "deputy section chief", "副科长"),
        ("section-chief", "section chief", "科长"),
        ("deputy-division-director", "deputy division director", "副处长"),
        ("division-director", "division director", "处长"),
        ("deputy-director-general", "deputy director-general", "副司长"),
        ("director-general", "director-general", "司长"),
        ("vice-minister", "vice-minister", "副部长"), ("minister", "minister", "部长")]),
    ("foreign-service-ranks", "foreign-service ranks", "外交职衔", [
        ("fs-6", "FS-6", "六级外交官"), ("fs-5", "FS-5", "五级外交官"),
        ("fs-4", "FS-4", "四级外交官"), ("fs-3", "FS-3", "三级外交官"),
        ("fs-2", "FS-2", "二级外交官"), ("fs-1", "FS-1", "一级外交官"),
        ("counselor", "Counselor", "参赞衔"), ("minister-counselor", "Minister-Counselor", "公使衔参赞"),
        ("career-minister", "Career Minister", "职业公使"),
        ("career-ambassador", "Career Ambassador", "职业大使")]),
    ("senior-service-grades", "senior service grades", "高级公务员等级", [
        ("grade-7", "Grade 7", "七级"), ("grade-6", "Grade 6", "六级"),
        ("heo", "Higher Executive Officer", "高级执行官"),
        ("seo", "Senior Executive Officer", "资深执行官"),
        ("scs-1", "Deputy Director (SCS1)", "副司长级"),
        ("scs-2", "Director (SCS2)", "司长级"),
        ("scs-3", "Director General (SCS3)", "总司长级"),
        ("scs-4", "Permanent Secretary (SCS4)", "常务次官"),
        ("junior-minister", "junior minister", "政务次官"),
        ("secretary-of-state", "Secretary of State", "大臣")]),
]
# (slug, en, zh)
TOPIC_WORDS = [
    ("cyber", "cyber", "网络"), ("maritime", "maritime", "海洋"),
    ("trade", "trade", "贸易"), ("energy", "energy", "能源"),
    ("climate", "climate", "气候"), ("nuclear", "nuclear", "核"),
    ("space", "space", "太空"), ("ai", "artificial intelligence", "人工智能"),
    ("semiconductor", "semiconductor", "半导体"), ("data", "data", "数据"),
    ("health", "public health", "公共卫生"), ("finance", "financial", "金融"),
    ("telecom", "telecommunications", "电信"), ("transport", "transport", "交通"),
    ("arctic", "Arctic", "北极"), ("migration", "migration", "移民"),
]
TOPIC_KINDS = [
    ("security", "security", "安全"), ("governance", "governance", "治理"),
    ("cooperation", "cooperation", "合作"), ("diplomacy", "diplomacy", "外交"),
    ("standards", "standards", "标准"), ("sanctions", "sanctions", "制裁"),
    ("espionage", "espionage", "间谍活动"), ("infrastructure", "infrastructure", "基础设施"),
    ("dialogue", "dialogue", "对话"), ("regulation", "regulation", "监管"),
]
TOPIC_SCHEMES = [
    ("policy-areas", "policy areas", "政策领域"),
    ("critical-infrastructure-sectors", "critical-infrastructure sectors", "关键基础设施部门"),
    ("security-issues", "security issues", "安全议题"),
    ("economic-issues", "economic issues", "经济议题"),
    ("technology-issues", "technology issues", "技术议题"),
    ("regional-issues", "regional issues", "地区议题"),
]
OUTLET_WORDS = [
    ("daily", "Daily", "日报"), ("times", "Times", "时报"), ("herald", "Herald", "先驱报"),
    ("review", "Review", "评论"), ("observer", "Observer", "观察"),
    ("tribune", "Tribune", "论坛报"), ("news", "News", "新闻"),
    ("broadcast", "Broadcasting", "广播"), ("wire", "Wire", "通讯社"),
]

WORDS = (
    "the minister said that both sides had agreed to strengthen cooperation on "
    "cybersecurity and to resume the dialogue mechanism which had been suspended "
    "since last year while officials noted persistent differences over export "
    "controls sanctions and the protection of critical infrastructure including "
    "telecommunications finance and transportation sectors the department will "
    "coordinate with relevant agencies to formulate international rules within "
    "the UN framework and promote an open secure stable accessible and peaceful "
    "cyberspace the spokesperson urged the other side to stop groundless "
    "accusations and to meet its own standards before demanding from others "
    "delegations exchanged views on regional security maritime disputes climate "
    "finance energy transition and the governance of artificial intelligence "
    "according to people familiar with the talks the envoy reported directly to "
    "the vice-minister and held the rank of director-general until the "
    "reorganisation of the office in the following spring"
).split()

ZH_PHRASES = [
    "双方同意加强网络安全合作", "恢复中断的对话机制", "在联合国框架内制定国际规则",
    "反对无端指责", "维护网络空间和平与稳定", "关键基础设施安全",
    "相互尊重、和平共处、合作共赢", "推动构建网络空间命运共同体", "出口管制问题",
    "深入交换意见", "共同应对全球性挑战", "坚定维护国家主权、安全、发展利益",
    "加强政策沟通", "推动数字经济合作", "妥善管控分歧",
]

TITLE_PATTERNS = [
    "{a} Pushes Back Against {b} Accusations: {c}",
    "Inside the {b} Office That Shapes {a} Policy",
    "{a} and {b} Resume Talks on {c}",
    "Who Runs {c}? A Guide to the {a} Bureaucracy",
    "Report: {c} in {a}–{b} Relations, {y}",
    "Profile: The Officials Behind {a}'s {c} Strategy",
]

# --------------------------------------------------------------- helpers ----


def mix(seed, salt, i):
    """splitmix64 of (seed, salt, i): per-index decisions that every section
    agrees on, without storing them."""
    z = (seed * 0x9E3779B97F4A7C15 + salt * 0xBF58476D1CE4E5B9 + i * 0x94D049BB133111EB
         + 0x632BE59BD9B4E5BB) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def q(text):
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def langmap(d):
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in d.items()) + "}"


class Shape:
    """The sizes and the cross-section structure, all derived from
    (people, seed): every section computes the same ids and links."""

    def __init__(self, people, seed):
        P = self.P = max(people, 200)
        self.seed = seed
        self.C = len(COUNTRIES)
        self.Q = P // 2                              # posts
        self.O = max(8, self.Q // 12)               # offices
        self.D = max(4, self.O // 5)                # departments
        self.Mi = max(self.C, self.D // 8)          # ministries
        self.post_base_minister = 0
        self.post_base_dept = self.Mi
        self.post_base_office = self.Mi + self.D
        self.post_base_staff = self.Mi + self.D + self.O
        assert self.post_base_staff < self.Q
        self.S = min(800, 150 + P // 200)           # sources
        self.M = 30 + P // 2000                     # media outlets
        self.T = 96 + P // 1000                     # topics
        self.E = max(10, P // 10)                   # events
        self.CL = max(10, P // 5)                   # claims
        self.NJ = (P - self.Q + 3) // 4             # journalists
        self._person_ids = {}

    def m(self, salt, i):
        return mix(self.seed, salt, i)

    # countries and organisations
    def ministry_country(self, k):
        return k % self.C

    def dept_ministry(self, d):
        return d % self.Mi

    def office_dept(self, o):
        return o % self.D

    def office_country(self, o):
        return self.ministry_country(self.dept_ministry(self.office_dept(o)))

    def ministry_id(self, k):
        return f"{COUNTRIES[k % self.C][0]}-ministry-{k}-{MINISTRIES[(k // self.C) % len(MINISTRIES)][0]}"

    def dept_id(self, d):
        return f"dept-{d}-{AREAS[d % len(AREAS)][0]}"

    def office_id(self, o):
        return f"office-{o}-{AREAS[(o * 7 + 3) % len(AREAS)][0]}"

    def outlet_id(self, m):
        return f"outlet-{m}-{OUTLET_WORDS[m % len(OUTLET_WORDS)][0]}"

    def outlet_country(self, m):
        return (m * 5) % self.C

    def source_id(self, s):
        return f"src-{s:04d}"

    def topic_id(self, t):
        w = TOPIC_WORDS[t % len(TOPIC_WORDS)][0]
        k = TOPIC_KINDS[(t // len(TOPIC_WORDS)) % len(TOPIC_KINDS)][0]
        return f"topic-{t}-{w}-{k}"

    def rank_id(self, scale, level):
        return f"{RANK_SCALES[scale][0].rsplit('-', 1)[0]}-{RANK_SCALES[scale][3][level][0]}"

    def country_scale(self, c):
        return c % len(RANK_SCALES)

    # posts: [ministers | department heads | office heads | staff]
    def post_tier(self, j):
        if j < self.post_base_dept:
            return "minister"
        if j < self.post_base_office:
            return "dept"
        if j < self.post_base_staff:
            return "office"
        return "staff"

    def staff_office(self, j):
        return (j - self.post_base_staff) % self.O

    def post_unit(self, j):
        """(kind, index) of the organisation the post is in."""
        tier = self.post_tier(j)
        if tier == "minister":
            return ("ministry", j)
        if tier == "dept":
            return ("dept", j - self.post_base_dept)
        if tier == "office":
            return ("office", j - self.post_base_office)
        return ("office", self.staff_office(j))

    def post_country(self, j):
        kind, i = self.post_unit(j)
        if kind == "ministry":
            return self.ministry_country(i)
        if kind == "dept":
            return self.ministry_country(self.dept_ministry(i))
        return self.office_country(i)

    def post_parent(self, j):
        """The post this one reports to (always a lower index), or None."""
        tier = self.post_tier(j)
        if tier == "minister":
            return None
        if tier == "dept":
            return self.post_base_minister + self.dept_ministry(j - self.post_base_dept)
        if tier == "office":
            return self.post_base_dept + self.office_dept(j - self.post_base_office)
        return self.post_base_office + self.staff_office(j)

    def post_id(self, j):
        tier = self.post_tier(j)
        if tier == "minister":
            return f"post-{j}-minister"
        if tier == "dept":
            return f"post-{j}-director-general"
        if tier == "office":
            return f"post-{j}-director"
        return f"post-{j}-{STAFF[j % len(STAFF)][0]}"

    def post_held_by(self, j):
        """Does the post name its holder (person j) undated, in held-by?"""
        return self.m(11, j) % 5 < 2

    # people: [0, Q) hold post j; then journalists and former holders
    def is_journalist(self, i):
        return i >= self.Q and (i - self.Q) % 4 == 0

    def journalist(self, k):
        return self.Q + 4 * (k % self.NJ)

    def journalist_outlet(self, i):
        return ((i - self.Q) // 4) % self.M

    def person_country(self, i):
        if i < self.Q:
            return self.post_country(i)
        if self.is_journalist(i):
            return self.outlet_country(self.journalist_outlet(i))
        return self.post_country(self.m(12, i) % self.Q)

    def person_name(self, i):
        """(id, {lang: name}); ru added for some, depending on the naming."""
        h = self.m(13, i)
        naming = COUNTRIES[self.person_country(i)][4]
        with_ru = (h >> 40) % 7 == 0
        if naming == "zh":
            s = ZH_SURNAMES[h % len(ZH_SURNAMES)]
            g1 = ZH_GIVEN[(h >> 8) % len(ZH_GIVEN)]
            two = (h >> 16) % 3 == 0
            g2 = ZH_GIVEN[(h >> 20) % len(ZH_GIVEN)] if two else None
            given = g1[0] + (g2[0] if g2 else "")
            en = f"{s[0].capitalize()} {given.capitalize()}"
            names = {"en": en, "zh": s[1] + g1[1] + (g2[1] if g2 else "")}
            if with_ru:
                names["ru"] = f"{s[2]} {(g1[2] + (g2[2] if g2 else '')).capitalize()}"
            slug = f"{s[0]}-{given}"
        elif naming == "ru":
            g = RU_GIVEN[h % len(RU_GIVEN)]
            s = RU_SURNAMES[(h >> 8) % len(RU_SURNAMES)]
            names = {"en": f"{g[0]} {s[0]}", "ru": f"{g[1]} {s[1]}", "zh": f"{g[2]}·{s[2]}"}
            slug = f"{g[0]}-{s[0]}".lower()
        else:
            g = WEST_GIVEN[h % len(WEST_GIVEN)]
            s = WEST_SURNAMES[(h >> 8) % len(WEST_SURNAMES)]
            names = {"en": f"{g[0]} {s[0]}", "zh": f"{g[1]}·{s[1]}"}
            if with_ru:
                names["ru"] = f"{g[2]} {s[2]}"
            slug = f"{g[0]}-{s[0]}".lower()
        return f"{slug}-{i}", names

    def person_id(self, i):
        return self.person_name(i)[0]

    def event_kind(self, e):
        r = self.m(14, e) % 20
        return "interview" if r < 10 else "meeting" if r < 14 else "speech" if r < 17 else "press-conference"

    def event_people(self, e):
        """The people at event e: the first is its speaker/interviewee."""
        h = self.m(15, e)
        first = h % self.Q
        if self.event_kind(e) != "meeting":
            return [first]
        n = 2 + (h >> 20) % 3
        others = sorted({(first + 1 + ((h >> (24 + 6 * k)) % 997) * 7) % self.Q for k in range(n - 1)} - {first})
        return [first] + others

    def event_id(self, e):
        return f"event-{e}-{self.event_kind(e)}"

    def cite(self, salt, i):
        return self.m(salt, i) % self.S


class Text:
    """Text of plausible length and character mix, from a seeded RNG."""

    def __init__(self, rng):
        self.r = rng

    def sentence(self, lo, hi, about=None):
        r = self.r
        n = r.randint(lo, hi)
        start = r.randrange(len(WORDS))
        words = [WORDS[(start + k) % len(WORDS)] for k in range(n)]
        if about:
            words.insert(r.randint(0, len(words)), about)
        s = " ".join(words)
        s = s[0].upper() + s[1:]
        roll = r.random()
        if roll < 0.08:
            s = s.replace(" the ", " China’s ", 1)
        elif roll < 0.14:
            s = s.replace(" and ", " — and ", 1)
        elif roll < 0.20:
            s = s + ', calling it "a serious step"'
        elif roll < 0.24:
            s = s + ": a first"
        return s + "."

    def paragraph(self, lo, hi, about=None):
        n = self.r.randint(lo, hi)
        return " ".join(self.sentence(8, 24, about if k == 0 else None) for k in range(n))

    def zh(self, lo, hi):
        n = self.r.randint(lo, hi)
        return "，".join(self.r.choice(ZH_PHRASES) for _ in range(n)) + "。"


class Dates:
    def __init__(self, rng):
        self.r = rng

    def day(self, y0, y1):
        """(y, m, d), a real calendar day."""
        r = self.r
        y = r.randint(y0, y1)
        m = r.randint(1, 12)
        d = r.randint(1, 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30 if m != 2 else
                      29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28)
        return (y, m, d)

    def after(self, ymd, y1):
        """A day strictly after ymd, up to year y1."""
        y, m, d = ymd
        while True:
            c = self.day(y, max(y, y1))
            if c > ymd:
                return c

    def write(self, ymd, weights=(4, 3, 3)):
        """The day at a random precision: 2013, 2013-06 or 2013-06-15."""
        y, m, d = ymd
        p = self.r.choices((0, 1, 2), weights)[0]
        return f"{y:04d}" if p == 0 else f"{y:04d}-{m:02d}" if p == 1 else f"{y:04d}-{m:02d}-{d:02d}"


class Writer:
    """Entries of one section into <section>-NNN.yaml files, starting a new
    file when the current one reaches max_bytes."""

    def __init__(self, out, section, max_bytes, header):
        self.out, self.section, self.max_bytes, self.header = out, section, max_bytes, header
        self.n = 0
        self.f = None
        self.size = 0
        self.files = []

    def _open(self):
        if self.f:
            self.f.close()
        self.n += 1
        name = os.path.join(self.out, f"{self.section}-{self.n:03d}.yaml")
        self.files.append(name)
        self.f = open(name, "w", encoding="utf-8", newline="\n")
        head = f"# {self.header}\n\n{self.section}:\n"
        self.f.write(head)
        self.size = len(head.encode())

    def entry(self, lines):
        text = "\n".join(lines) + "\n\n"
        size = len(text.encode())
        if self.f is None or (self.size + size > self.max_bytes and self.size > 200):
            self._open()
        self.f.write(text)
        self.size += size

    def close(self):
        if self.f is None:
            self._open()
        self.f.close()


def provenance(lines, sh, text, r, salt, i, about=None, quote_p=0.5, ind="    "):
    """source: (one id, sometimes a list) and often a quote."""
    s = sh.cite(salt, i)
    if r.random() < 0.06:
        s2 = (s + 1 + r.randrange(sh.S - 1)) % sh.S
        lines.append(f"{ind}source: [{sh.source_id(s)}, {sh.source_id(s2)}]")
    else:
        lines.append(f"{ind}source: {sh.source_id(s)}")
    if r.random() < quote_p:
        lines.append(f"{ind}quote: {q(text.sentence(10, 40, about))}")


def long_form(lines, key, value, sh, text, r, salt, i, about=None, ind="    "):
    lines.append(f"{ind}{key}:")
    lines.append(f"{ind}  value: {value}")
    lines.append(f"{ind}  source: {sh.source_id(sh.cite(salt, i))}")
    lines.append(f"{ind}  quote: {q(text.sentence(12, 40, about))}")


def ref_list(lines, key, ids, ind="    "):
    if len(ids) == 1:
        lines.append(f"{ind}{key}: {ids[0]}")
    elif len(ids) <= 3:
        lines.append(f"{ind}{key}: [{', '.join(ids)}]")
    else:
        lines.append(f"{ind}{key}:")
        lines.extend(f"{ind}  - {x}" for x in ids)


# -------------------------------------------------------------- sections ----


def gen_sources(sh, w, r):
    text, dates = Text(r), Dates(r)
    for s in range(sh.S):
        kind = "article" if s % 5 < 3 else "report" if s % 5 == 3 else "web-page"
        a = COUNTRIES[sh.m(21, s) % sh.C][1]
        b = COUNTRIES[sh.m(22, s) % sh.C][1]
        c = AREAS[s % len(AREAS)][1]
        outlet = sh.m(23, s) % sh.M
        pub = dates.day(2008, 2024)
        L = [f"  - id: {sh.source_id(s)}", f"    type: {kind}",
             f"    title: {q(TITLE_PATTERNS[s % len(TITLE_PATTERNS)].format(a=a, b=b, c=c, y=pub[0]))}"]
        lang = "zh" if s % 7 == 3 else "en"
        L.append(f"    language: {lang}")
        if s % 10 != 9:
            L.append(f"    publisher: {sh.outlet_id(outlet)}")
        if kind == "article" and s % 3 == 0:
            # a journalist of the same outlet
            k = outlet + sh.M * (sh.m(24, s) % max(1, sh.NJ // sh.M))
            L.append(f"    author: {sh.person_id(sh.journalist(k))}")
        if s % 8 != 7:
            L.append(f"    url: https://{sh.outlet_id(outlet)}.example/{pub[0]}/{pub[1]:02d}/story-{s}")
        if s % 6 != 5:
            L.append(f"    published: {dates.write(pub)}")
            if s % 2 == 0:
                L.append(f"    accessed: {dates.write(dates.after(pub, 2025), (0, 1, 6))}")
        if lang == "en" and s % 7 == 4 and s > 0:
            L.append(f"    derived-from: {sh.source_id(s - 1)}")   # a translation
        # No local-copy: the generated base has no archived copies, and a
        # copy that is named but not found is a warning (src/sources.c).
        w.entry(L)


def gen_countries(sh, w, r):
    for c, (cid, en, zh, ru, _) in enumerate(COUNTRIES):
        L = [f"  - id: {cid}", f"    name: {langmap({'en': en, 'zh': zh, 'ru': ru})}"]
        if cid == "united-states":
            L.append(f"    short-name: {langmap({'en': 'U.S.'})}")
        L.append(f"    source: {sh.source_id(sh.cite(31, c))}")
        w.entry(L)


def gen_organisations(sh, w, r):
    text, dates = Text(r), Dates(r)
    for c, (cid, en, zh, ru, _) in enumerate(COUNTRIES):
        L = [f"  - id: {cid}-government", "    type: government",
             f"    name: {langmap({'en': f'Government of {en}', 'zh': f'{zh}政府'})}",
             f"    country: {cid}"]
        provenance(L, sh, text, r, 41, c)
        w.entry(L)
    for k in range(sh.Mi):
        cid, cen, czh = COUNTRIES[sh.ministry_country(k)][:3]
        slug, men, mzh, short = MINISTRIES[(k // sh.C) % len(MINISTRIES)]
        L = [f"  - id: {sh.ministry_id(k)}", "    type: ministry",
             f"    name: {langmap({'en': f'Ministry of {men}', 'zh': czh + mzh})}",
             f"    short-name: {langmap({'en': short})}",
             f"    part-of: {cid}-government",
             f"    url: https://www.{slug}.{cid}.example/"]
        if k % 3 == 0:
            L.append(f"    founded: {dates.write(dates.day(1949, 2000))}")
        provenance(L, sh, text, r, 42, k, about=f"Ministry of {men}")
        w.entry(L)
    ntopics = sh.T
    for d in range(sh.D):
        _, aen, azh = AREAS[d % len(AREAS)]
        L = [f"  - id: {sh.dept_id(d)}", "    type: department",
             f"    name: {langmap({'en': f'Department of {aen}', 'zh': azh + '司'})}",
             f"    part-of: {sh.ministry_id(sh.dept_ministry(d))}"]
        if d % 4 == 0:
            L.append(f"    responsible-for: {sh.topic_id(sh.m(43, d) % ntopics)}")
        provenance(L, sh, text, r, 44, d, about=f"Department of {aen}")
        w.entry(L)
    for o in range(sh.O):
        _, aen, azh = AREAS[(o * 7 + 3) % len(AREAS)]
        L = [f"  - id: {sh.office_id(o)}", "    type: office",
             f"    name: {langmap({'en': f'{aen} Office', 'zh': azh + '处'})}",
             f"    part-of: {sh.dept_id(sh.office_dept(o))}"]
        if o % 3 == 0:
            f = dates.day(1990, 2022)
            L.append(f"    founded: {dates.write(f)}")
            if o % 30 == 0:
                L.append(f"    dissolved: {dates.write(dates.after(f, 2024))}")
        if o % 4 == 1:
            L.append("    mandate:")
            seen = set()
            for _ in range(1 + o % 3):
                s = text.sentence(5, 12)
                while s in seen:  # a repeated value is a warning
                    s = text.sentence(5, 12)
                seen.add(s)
                L.append(f"      - {langmap({'en': s})}")
        if o % 5 == 2:
            t1 = sh.m(45, o) % ntopics
            L.append(f"    responsible-for: [{sh.topic_id(t1)}, {sh.topic_id((t1 + 1) % ntopics)}]")
        if o % 17 == 0:
            long_form(L, "description", langmap({"en": text.sentence(12, 30)}), sh, text, r, 46, o)
        provenance(L, sh, text, r, 47, o, about=f"{aen} Office")
        w.entry(L)
    for m in range(sh.M):
        wslug, wen, wzh = OUTLET_WORDS[m % len(OUTLET_WORDS)]
        cid, cen, czh = COUNTRIES[sh.outlet_country(m)][:3]
        L = [f"  - id: {sh.outlet_id(m)}", "    type: media-outlet",
             f"    name: {langmap({'en': f'{cen} {wen} {m}', 'zh': f'{czh}{wzh}{m}'})}",
             f"    country: {cid}",
             f"    state-affiliated: {'true' if m % 3 == 0 else 'false'}",
             f"    url: https://{sh.outlet_id(m)}.example/"]
        provenance(L, sh, text, r, 48, m)
        w.entry(L)


def gen_ranks(sh, w, r):
    text = Text(r)
    for sc, (sslug, sen, szh, ranks) in enumerate(RANK_SCALES):
        for lvl, (rslug, ren, rzh) in enumerate(ranks):
            L = [f"  - id: {sh.rank_id(sc, lvl)}",
                 f"    name: {langmap({'en': ren, 'zh': rzh})}",
                 f"    in-scheme: {sslug}"]
            if lvl + 1 < len(ranks):
                L.append(f"    next-above: {sh.rank_id(sc, lvl + 1)}")
            provenance(L, sh, text, r, 51, sc * 100 + lvl, about=ren)
            w.entry(L)


def gen_concept_schemes(sh, w, r):
    for i, (slug, en, zh) in enumerate([s[:3] for s in RANK_SCALES] + TOPIC_SCHEMES):
        w.entry([f"  - id: {slug}", f"    name: {langmap({'en': en, 'zh': zh})}",
                 f"    source: {sh.source_id(sh.cite(52, i))}"])


def gen_topics(sh, w, r):
    text = Text(r)
    ns = len(TOPIC_SCHEMES)
    for t in range(sh.T):
        wd = TOPIC_WORDS[t % len(TOPIC_WORDS)]
        kd = TOPIC_KINDS[(t // len(TOPIC_WORDS)) % len(TOPIC_KINDS)]
        suffix = "" if t < len(TOPIC_WORDS) * len(TOPIC_KINDS) else f" ({t})"
        L = [f"  - id: {sh.topic_id(t)}",
             f"    name: {langmap({'en': wd[1] + ' ' + kd[1] + suffix, 'zh': wd[2] + kd[2] + suffix})}",
             f"    in-scheme: {TOPIC_SCHEMES[t % ns][0]}"]
        if t >= ns:   # a lower topic of the same scheme: a forest, never a loop
            up = t - ns * (1 + sh.m(53, t) % min(3, t // ns))
            L.append(f"    broader: {sh.topic_id(up)}")
        if t % 9 == 0 and t + 4 < sh.T:
            L.append(f"    related: {sh.topic_id(t + 4)}")
        provenance(L, sh, text, r, 54, t, quote_p=0.3)
        w.entry(L)


def gen_posts(sh, w, r):
    text = Text(r)
    for j in range(sh.Q):
        tier = sh.post_tier(j)
        kind, u = sh.post_unit(j)
        c = sh.post_country(j)
        scale = sh.country_scale(c)
        cen, czh = COUNTRIES[c][1], COUNTRIES[c][2]
        L = [f"  - id: {sh.post_id(j)}"]
        if tier == "minister":
            men, mzh = MINISTRIES[(u // sh.C) % len(MINISTRIES)][1:3]
            L.append(f"    name: {langmap({'en': f'Minister of {men}', 'zh': mzh + '部长'})}")
            L.append(f"    post-in: {sh.ministry_id(u)}")
            L.append(f"    rank: {sh.rank_id(scale, 9)}")
            about = f"Minister of {men}"
        elif tier == "dept":
            aen, azh = AREAS[u % len(AREAS)][1:3]
            L.append(f"    name: {langmap({'en': f'Director-General, Department of {aen}', 'zh': azh + '司司长'})}")
            L.append(f"    post-in: {sh.dept_id(u)}")
            L.append(f"    rank: {sh.rank_id(scale, 7)}")
            about = f"Director-General of the Department of {aen}"
        elif tier == "office":
            aen, azh = AREAS[(u * 7 + 3) % len(AREAS)][1:3]
            L.append(f"    name: {langmap({'en': f'Director, {aen} Office', 'zh': azh + '处处长'})}")
            if u % 6 == 0:
                L.append(f"    alt-name: {langmap({'en': f'{aen} Coordinator'})}")
            L.append(f"    post-in: {sh.office_id(u)}")
            L.append(f"    manages: {sh.office_id(u)}")
            if u % 2:
                L.append(f"    min-rank: {sh.rank_id(scale, 4)}")
                L.append(f"    max-rank: {sh.rank_id(scale, 6)}")
            else:
                L.append(f"    rank: {sh.rank_id(scale, 5)}")
            # a counterpart in the next office, when it is in another country
            o2 = (u + 1) % sh.O
            if u % 10 == 0 and sh.office_country(o2) != c:
                if u % 20 == 0:
                    long_form(L, "counterpart-of", sh.post_id(sh.post_base_office + o2), sh, text, r, 61, j)
                else:
                    L.append(f"    counterpart-of: {sh.post_id(sh.post_base_office + o2)}")
            about = f"{aen} Office"
        else:
            slug, sen, szh, lo, hi = STAFF[j % len(STAFF)]
            aen, azh = AREAS[(u * 7 + 3) % len(AREAS)][1:3]
            L.append(f"    name: {langmap({'en': f'{sen}, {aen} Office', 'zh': azh + '处' + szh})}")
            L.append(f"    post-in: {sh.office_id(u)}")
            if lo == hi:
                L.append(f"    rank: {sh.rank_id(scale, lo)}")
            else:
                L.append(f"    min-rank: {sh.rank_id(scale, lo)}")
                L.append(f"    max-rank: {sh.rank_id(scale, hi)}")
            about = f"{sen} in the {aen} Office"
        parent = sh.post_parent(j)
        if parent is not None:
            L.append(f"    reports-to: {sh.post_id(parent)}")
        if tier != "staff" and j % 5 == 0:
            t = sh.m(62, j) % sh.T
            L.append(f"    responsible-for: {sh.topic_id(t)}")
        if sh.post_held_by(j):
            if j % 4 == 0:
                long_form(L, "held-by", sh.person_id(j), sh, text, r, 63, j, about=sh.person_name(j)[1]["en"])
            else:
                L.append(f"    held-by: {sh.person_id(j)}")
        provenance(L, sh, text, r, 64, j, about=about)
        w.entry(L)


def gen_people(sh, w, r):
    text, dates = Text(r), Dates(r)
    for i in range(sh.P):
        pid, names = sh.person_name(i)
        h = sh.m(71, i)
        L = [f"  - id: {pid}", f"    name: {langmap(names)}"]
        if h % 10 < 7:
            b = dates.day(1940, 1995)
            L.append(f"    born: {dates.write(b, (5, 3, 2))}")
            if h % 50 == 0:
                L.append(f"    died: {dates.write(dates.after(b, 2024))}")
        if i < sh.Q:
            parent = sh.post_parent(i)
            if parent is not None and (h >> 8) % 10 < 3:
                L.append(f"    reports-to: {sh.person_id(parent)}")   # holder of the post above
            kind, u = sh.post_unit(i)
            if sh.post_tier(i) == "office" and (h >> 12) % 3 == 0:
                if (h >> 16) % 4 == 0:
                    long_form(L, "head-of", sh.office_id(u), sh, text, r, 72, i, about=names["en"])
                else:
                    L.append(f"    head-of: {sh.office_id(u)}")
            elif sh.post_tier(i) == "staff" and (h >> 12) % 4 == 0:
                L.append(f"    member-of: {sh.office_id(u)}")
        elif sh.is_journalist(i):
            L.append(f"    member-of: {sh.outlet_id(sh.journalist_outlet(i))}")
        else:
            if (h >> 8) % 10 < 2:
                L.append(f"    reports-to: {sh.person_id((h >> 20) % sh.Q)}")   # a lower index
        if i + 1 < sh.P and (h >> 24) % 25 == 0:
            if (h >> 32) % 3 == 0:
                long_form(L, "counterpart-of", sh.person_id(i + 1), sh, text, r, 73, i, about=names["en"])
            else:
                L.append(f"    counterpart-of: {sh.person_id(i + 1)}")
        if (h >> 36) % 12 == 0:
            d = {"en": text.sentence(8, 25, names["en"])}
            if (h >> 40) % 2:
                d["zh"] = text.zh(1, 3)
            if (h >> 44) % 2:
                long_form(L, "description", langmap(d), sh, text, r, 74, i, about=names["en"])
            else:
                L.append(f"    description: {langmap(d)}")
        provenance(L, sh, text, r, 75, i, about=names["en"])
        w.entry(L)


def gen_appointments(sh, w, r):
    text, dates = Text(r), Dates(r)

    def one(aid, holder, post, current, appointer):
        L = [f"  - id: {aid}", f"    holder: {sh.person_id(holder)}", f"    post: {sh.post_id(post)}"]
        start = dates.day(1995, 2023)
        if r.random() < 0.92:
            L.append(f"    start: {dates.write(start)}")
        if not current:
            L.append(f"    end: {dates.write(dates.after(start, 2024))}")
        if appointer is not None:
            L.append(f"    appointed-by: {sh.person_id(appointer)}")
        provenance(L, sh, text, r, 81, post * 3 + holder % 3, about=sh.person_name(holder)[1]["en"])
        w.entry(L)

    for i in range(sh.P):
        h = sh.m(82, i)
        pid = sh.person_id(i)
        if i < sh.Q:
            if not sh.post_held_by(i):
                parent = sh.post_parent(i)
                one(f"{pid}-appt-1", i, i, True, parent if parent is not None and h % 5 == 0 else None)
            if (h >> 8) % 5 == 0:
                one(f"{pid}-appt-2", i, (h >> 16) % sh.Q, False, None)
        elif (i - sh.Q) % 4 in (1, 2):   # a former holder (the rest: no post)
            one(f"{pid}-appt-1", i, sh.m(12, i) % sh.Q, False, None)


def gen_events(sh, w, r):
    text, dates = Text(r), Dates(r)
    for e in range(sh.E):
        kind = sh.event_kind(e)
        people = sh.event_people(e)
        first_name = sh.person_name(people[0])[1]
        fen, fzh = first_name["en"], first_name["zh"]
        h = sh.m(91, e)
        L = [f"  - id: {sh.event_id(e)}", f"    type: {kind}"]
        if kind == "interview":
            jn = sh.journalist(h % sh.NJ)
            outlet = sh.journalist_outlet(jn)
            oname = f"{COUNTRIES[sh.outlet_country(outlet)][1]} {OUTLET_WORDS[outlet % len(OUTLET_WORDS)][1]} {outlet}"
            name = {"en": f"{fen} interview with {oname}", "zh": fzh + "接受采访"}
            L.append(f"    name: {langmap(name)}")
            L.append(f"    interviewee: {sh.person_id(people[0])}")
            L.append(f"    interviewer: {sh.person_id(jn)}")
            L.append(f"    outlet: {sh.outlet_id(outlet)}")
        elif kind == "meeting":
            L.append(f"    name: {langmap({'en': 'Talks between ' + fen + ' and counterparts'})}")
            ref_list(L, "participants", [sh.person_id(p) for p in people])
        elif kind == "speech":
            L.append(f"    name: {langmap({'en': 'Speech by ' + fen, 'zh': fzh + '的讲话'})}")
            L.append(f"    participants: {sh.person_id(people[0])}")
        else:
            L.append(f"    name: {langmap({'en': 'Press conference by ' + fen})}")
            L.append(f"    participants: {sh.person_id(people[0])}")
            L.append(f"    outlet: {sh.outlet_id((h >> 8) % sh.M)}")
        if (h >> 16) % 10 < 8:
            L.append(f"    date: {dates.write(dates.day(2010, 2024))}")
        nt = 1 + (h >> 20) % 3
        t0 = (h >> 24) % sh.T
        ref_list(L, "topics", [sh.topic_id((t0 + 5 * k) % sh.T) for k in range(nt)])
        provenance(L, sh, text, r, 92, e, about=first_name["en"], quote_p=0.6)
        w.entry(L)


def gen_claims(sh, w, r):
    text = Text(r)
    for c in range(sh.CL):
        e = c % sh.E
        h = sh.m(101, c)
        people = sh.event_people(e)
        L = [f"  - id: claim-{c}"]
        reported = h % 10 == 0 and len(people) >= 1
        if reported:
            # what a minister said, as relayed by the person at the event
            minister = (h >> 8) % sh.post_base_dept
            speaker = minister if minister != people[0] else (minister + 1) % sh.post_base_dept
            L.append(f"    speaker: {sh.person_id(speaker)}")
            L.append(f"    reported-by: {sh.person_id(people[0])}")
            L.append(f"    reported-in: {sh.event_id(e)}")
        else:
            speaker = people[(h >> 8) % len(people)]
            L.append(f"    speaker: {sh.person_id(speaker)}")
            L.append(f"    made-at: {sh.event_id(e)}")
        en = text.paragraph(1, 3)
        t = {"en": en}
        if (h >> 12) % 3 == 0:
            t["zh"] = text.zh(2, 5)
        if (h >> 14) % 10 == 0:
            long_form(L, "text", langmap(t), sh, text, r, 102, c)
        else:
            L.append(f"    text: {langmap(t)}")
        cs = sorted({sh.person_country(speaker), (h >> 16) % sh.C})
        if (h >> 24) % 2:
            ref_list(L, "about", [COUNTRIES[x][0] for x in cs])
        if (h >> 25) % 3 == 0:
            L.append(f"    addressed-to: {COUNTRIES[(h >> 28) % sh.C][0]}")
        nt = 1 + (h >> 32) % 2
        t0 = (h >> 36) % sh.T
        ref_list(L, "topics", [sh.topic_id((t0 + 7 * k) % sh.T) for k in range(nt)])
        L.append(f"    source: {sh.source_id(sh.cite(103, c))}")
        if (h >> 44) % 10 < 8:
            L.append(f"    quote: {q(en)}")
        w.entry(L)


SECTIONS = [
    ("sources", gen_sources), ("countries", gen_countries),
    ("organisations", gen_organisations), ("concept-schemes", gen_concept_schemes),
    ("ranks", gen_ranks), ("topics", gen_topics), ("posts", gen_posts),
    ("people", gen_people), ("appointments", gen_appointments),
    ("events", gen_events), ("claims", gen_claims),
]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, required=True, help="number of people (e.g. 10000)")
    ap.add_argument("--out", required=True, help="directory to write (replaced)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--max-file-mb", type=float, default=20.0,
                    help="largest fact file, in MB (default 20; kgbuild's limit is 64 MiB)")
    a = ap.parse_args(argv)
    if a.people < 200:
        ap.error("--people must be at least 200")
    sh = Shape(a.people, a.seed)
    out = os.path.abspath(a.out.rstrip("/"))
    tmp = f"{out}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    max_bytes = int(a.max_file_mb * 1_000_000)
    params = (f"people={a.people} seed={a.seed} max-file-mb={a.max_file_mb:g} "
              f"gen={GEN_VERSION}")
    header = f"generated by bench/gen.py {params}"
    files = []
    try:
        for section, fn in SECTIONS:
            w = Writer(tmp, section, max_bytes, header)
            fn(sh, w, random.Random(f"{a.seed}:{section}"))
            w.close()
            files += w.files
        total = sum(os.path.getsize(f) for f in files)
        with open(os.path.join(tmp, "GENERATED"), "w", encoding="utf-8") as f:
            f.write(f"{params}\nfiles={len(files)} bytes={total}\n")
        shutil.rmtree(out, ignore_errors=True)
        os.rename(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(f"gen.py: {a.people} people -> {out}: {len(files)} files, {total / 1e6:.1f} MB",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
