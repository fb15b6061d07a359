"""Pinyin for search and sorting (zs → 张三).

Person names take surname readings: the compound surnames are recognised first (欧阳, 万俟 mò qí,
单于 chán yú, 尉迟 yù chí…), then single surnames whose surname reading differs from the everyday one
(曾 zēng, 单 shàn, 解 xiè, 仇 qiú, 区 ōu…). The given name is read character by character with the
dictionary's default reading, or as a whole when the dictionary knows it as a phrase (长春 cháng chūn).

Non-Chinese letters and digits are kept, lower-cased; spaces, punctuation and characters without a
known reading are dropped. Readings come from pypinyin (MIT), imported on first use: its dictionaries
take ~0.5 s to load and only writes (a new name) need them, never the program's start.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from types import ModuleType

from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

# Compound surnames → syllables. Only recognised when the name is longer than the surname.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "上官": ("shang", "guan"), "诸葛": ("zhu", "ge"),
    "司徒": ("si", "tu"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"), "夏侯": ("xia", "hou"),
    "令狐": ("ling", "hu"), "慕容": ("mu", "rong"), "尉迟": ("yu", "chi"), "长孙": ("zhang", "sun"),
    "宇文": ("yu", "wen"), "公孙": ("gong", "sun"), "轩辕": ("xuan", "yuan"), "澹台": ("tan", "tai"),
    "端木": ("duan", "mu"), "南宫": ("nan", "gong"), "西门": ("xi", "men"), "独孤": ("du", "gu"),
    "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "呼延": ("hu", "yan"), "闻人": ("wen", "ren"),
    "赫连": ("he", "lian"), "申屠": ("shen", "tu"), "钟离": ("zhong", "li"), "拓跋": ("tuo", "ba"),
    "百里": ("bai", "li"), "东郭": ("dong", "guo"), "公冶": ("gong", "ye"), "太叔": ("tai", "shu"),
    "淳于": ("chun", "yu"), "濮阳": ("pu", "yang"), "司空": ("si", "kong"), "乐正": ("yue", "zheng"),
    "谷梁": ("gu", "liang"), "宗政": ("zong", "zheng"), "第五": ("di", "wu"), "左丘": ("zuo", "qiu"),
    "梁丘": ("liang", "qiu"), "闾丘": ("lv", "qiu"), "公羊": ("gong", "yang"), "亓官": ("qi", "guan"),
    "羊舌": ("yang", "she"), "微生": ("wei", "sheng"), "漆雕": ("qi", "diao"), "颛孙": ("zhuan", "sun"),
}  # fmt: skip

# Single surnames read differently from the character's everyday reading.
SINGLE_SURNAMES: dict[str, str] = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "覃": "qin",
    "朴": "piao", "盖": "ge", "尉": "wei", "种": "chong", "秘": "bi", "繁": "po", "缪": "miao",
    "翟": "zhai", "乐": "yue", "员": "yun", "万": "wan", "令": "ling", "重": "chong", "折": "she",
    "能": "nai", "华": "hua", "任": "ren", "沈": "shen", "贾": "jia", "薄": "bo", "卜": "bu",
    "柏": "bai", "郇": "huan", "宓": "fu", "谌": "chen", "祭": "zhai", "句": "gou", "隗": "wei",
    "冼": "xian", "召": "shao", "乜": "nie", "佘": "she", "眭": "sui", "阚": "kan", "莘": "shen",
    "蕃": "pi", "朝": "chao", "宿": "su", "牟": "mou", "曲": "qu", "藏": "zang", "纪": "ji",
}  # fmt: skip


@lru_cache(maxsize=65536)
def person_initials(name: str) -> str:
    """Initials of a person's name with surname readings: 张三 → 'zs', 单雄信 → 'sxx', 万俟卨 → 'mqx'.
    The first letters of `_person_syllables`, taken character by character (an import reads 40,000
    names: no syllable tuple is built for each)."""
    name = _clean(name)
    if not name:
        return ""
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        first, second = COMPOUND_SURNAMES[name[:2]]
        head, given = first[0] + second[0], name[2:]
    else:
        head, given = (SINGLE_SURNAMES.get(name[0]) or _char_syllable(name[0]))[:1], name[1:]
    if len(given) > 1 and given in _phrases():
        return head + "".join(syllable[0] for syllable in _phrase_syllables(given))
    return head + "".join(map(_char_initial, given))


def person_full_pinyin(name: str) -> str:
    """Toneless lower-case pinyin of a person's name, joined (for sorting): 曾志伟 → 'zengzhiwei'."""
    return "".join(_person_syllables(_clean(name)))


def preload() -> None:
    """Load the dictionaries now (~0.5 s, mostly one json.loads): an import calls this in a thread
    while the workbook is read, which leaves the interpreter free most of that time."""
    _pypinyin()
    _phrases()
    _readings()


@cache
def _pypinyin() -> ModuleType:
    import pypinyin

    return pypinyin


@cache
def _phrases() -> dict[str, list[list[str]]]:
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


@cache
def _readings() -> dict[int, str]:
    from pypinyin.constants import PINYIN_DICT

    return PINYIN_DICT


@lru_cache(maxsize=8192)
def text_initials(text: str) -> str:
    """Initials of ordinary text such as a unit name, read by phrases: 县人民银行 → 'xrmyh'."""
    pypinyin = _pypinyin()
    letters = pypinyin.lazy_pinyin(_segment(_clean(text)), style=pypinyin.Style.FIRST_LETTER)
    return "".join(ch for ch in "".join(letters).lower() if ch.isascii() and ch.isalnum())


_MAX_PHRASE = 10


def _segment(text: str) -> list[str]:
    """Backward maximum matching over pypinyin's phrase dictionary. pypinyin's own segmentation
    matches forwards, which reads 清河县长江小学 as 清河·县长·江… (xiàn zhǎng); matching from the end
    finds 长江 first, and is the more accurate direction for Chinese in general."""
    phrases = _phrases()
    words: list[str] = []
    end = len(text)
    while end > 0:
        size = 1
        for candidate in range(min(_MAX_PHRASE, end), 1, -1):
            if text[end - candidate : end] in phrases:
                size = candidate
                break
        words.append(text[end - size : end])
        end -= size
    words.reverse()
    return words


def _clean(text: str) -> str:
    return strip_spaces(to_halfwidth(text))


@lru_cache(maxsize=65536)
def _person_syllables(name: str) -> tuple[str, ...]:
    if not name:
        return ()
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        surname: tuple[str, ...] = COMPOUND_SURNAMES[name[:2]]
        given = name[2:]
    else:
        surname = (SINGLE_SURNAMES.get(name[0]) or _char_syllable(name[0]),)
        given = name[1:]
    syllables = [s for s in surname if s]
    if len(given) > 1 and given in _phrases():
        syllables.extend(_phrase_syllables(given))
    else:
        syllables.extend(s for s in map(_char_syllable, given) if s)
    return tuple(syllables)


@cache
def _char_syllable(ch: str) -> str:
    """Default toneless reading of one character; an ASCII letter or digit stands for itself; ''
    for anything else (punctuation, characters without a known reading)."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else ""
    readings = _readings().get(ord(ch))
    if not readings:
        return ""
    # The first listed reading is the one lazy_pinyin() uses; looking it up directly is ~50× faster.
    # Tones are dropped and ü is written v, as pypinyin's Style.NORMAL does (吕 → lv).
    decomposed = unicodedata.normalize("NFD", readings.split(",")[0]).replace("u\u0308", "v")
    reading = "".join(c for c in decomposed if not unicodedata.combining(c))
    return reading if reading.isascii() and reading.isalpha() else ""


@cache
def _char_initial(ch: str) -> str:
    return _char_syllable(ch)[:1]


def _phrase_syllables(phrase: str) -> list[str]:
    return [s for s in _pypinyin().lazy_pinyin(phrase) if s.isascii() and s.isalpha()]
