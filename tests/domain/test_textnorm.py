from __future__ import annotations

import pytest

from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.textnorm import check_plain_text, clean_cell_text, strip_spaces, to_halfwidth


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３ＡＢＣａｂｃ", "123ABCabc"),
        ("王　芳", "王 芳"),
        ("县人民医院（县中医院）", "县人民医院（县中医院）"),  # full-width punctuation kept
        ("Ｘ编办发〔２０２６〕１２号", "X编办发〔2026〕12号"),
        ("", ""),
        ("plain ascii 1", "plain ascii 1"),
    ],
)
def test_to_halfwidth(raw: str, expected: str) -> None:
    assert to_halfwidth(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（１）：ａ", "(1):a"),
        ("！～", "!~"),
        ("〔２０２６〕", "〔2026〕"),  # 〔〕 are not full-width forms of ASCII
    ],
)
def test_to_halfwidth_with_punctuation(raw: str, expected: str) -> None:
    assert to_halfwidth(raw, punctuation=True) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 王 \u3000芳\t", "王芳"),
        ("\u00a0李\u200b四\n", "李四"),
        ("\ufeff赵 六 ", "赵六"),
        ("欧阳\r\n明月", "欧阳明月"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_strip_spaces(raw: str, expected: str) -> None:
    assert strip_spaces(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 清河县　教育局 ", "清河县教育局"),
        ("\u3000\u3000清河县财政局\u3000", "清河县财政局"),
        ("ＣＴ  室", "CT室"),
        ("PET  CT中心", "PET CT中心"),
        ("清河县第１中学", "清河县第1中学"),
        ("县医院（县中医院）", "县医院（县中医院）"),
        ("\ufeff县委办", "县委办"),
        ("王  芳", "王芳"),
        ("  ", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_cell_text(raw: str | None, expected: str) -> None:
    assert clean_cell_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("王伟\u202efdp.exe", "U+202E"),
        ("李\u200f娜", "U+200F"),
        ("张\u2066三\u2069", "U+2066"),
        ("王\x07芳", "控制字符（U+0007）"),
        ("赵\x00钱", "U+0000"),
        ("<b>教育局</b>", "网页标记"),
        ("教育局<script src=x>", "“<script src=x>”"),
    ],
)
def test_unsafe_text_is_refused_with_the_field_and_the_place(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_plain_text(text, "姓名")
    assert str(caught.value).startswith("姓名：") and words in str(caught.value)
    assert "\u202e" not in str(caught.value)  # the message itself does not turn around


@pytest.mark.parametrize("text", ["王喆", "县人民医院（县中医院）", "PET CT室", "a<b", "3>2", "欧阳·娜娜"])
def test_plain_text_passes(text: str) -> None:
    assert check_plain_text(text, "名称") == text
