"""Fonts: every rare name character prints from a font that really has it, and reads back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from bianzhi_desktop.documents.pdf import fontfiles
from bianzhi_desktop.documents.pdf import fonts as font_module
from bianzhi_desktop.documents.pdf.decision import Paragraph, render_decision
from bianzhi_desktop.documents.pdf.fontcache import load_face
from bianzhi_desktop.documents.pdf.fonts import FontSet, Role, UnprintableText
from bianzhi_desktop.documents.pdf.notices import render_notices

from .pdfread import embedded_glyphs, pdftotext
from .samples import RARE, decision, enrollment


@pytest.fixture(scope="module")
def font_set(tmp_path_factory: pytest.TempPathFactory) -> FontSet:
    return FontSet(tmp_path_factory.mktemp("font-cache"))


def test_every_role_has_a_font_and_the_report_names_it(font_set: FontSet) -> None:
    report = font_set.report()
    assert len(report) == len(Role)
    for role, line in zip(Role, report, strict=True):
        choice = font_set.choice(role)
        assert line.startswith(role.label)
        assert choice.font.label in line
        if not choice.official:
            assert "以此字体代替" in line


@pytest.mark.parametrize("role", [Role.BODY, Role.TITLE, Role.HEI, Role.KAI])
def test_rare_name_characters_have_glyphs(font_set: FontSet, role: Role) -> None:
    for char in RARE:
        font = font_set.font_for(role, char)
        assert font.has(char), f"{char} 在 {font.label} 中没有字形"


def test_rare_names_are_embedded_and_extract_back(font_set: FontSet, tmp_path: Path) -> None:
    names = [RARE[i : i + 2] for i in range(0, len(RARE), 2)]
    path = tmp_path / "names.pdf"
    render_notices(
        [enrollment(f"王{name}", serial=f"清编入〔2026〕{i}号") for i, name in enumerate(names, 1)],
        path,
        font_set=font_set,
    )
    glyphs = embedded_glyphs(path)
    missing = [char for char in RARE if not glyphs.get(char)]
    assert not missing, f"嵌入字体缺少字形：{missing}"
    text = pdftotext(path)
    for name in names:
        assert f"王{name}" in text


def test_characters_missing_from_the_official_font_fall_back(tmp_path: Path) -> None:
    """Like 仿宋_GB2312, which lacks 喆: here a Latin-only TrueType font poses as 仿宋."""
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not latin.is_file():
        pytest.skip("DejaVuSans.ttf is not installed")
    font_set = FontSet(tmp_path, families={"FangSong": (latin, 0)})
    body = font_set.choice(Role.BODY)
    assert body.font.label == "仿宋" and body.official
    runs = font_set.runs(Role.BODY, "Wang 王喆")
    assert runs[0] == (body.font.name, "Wang ")
    assert "".join(text for _name, text in runs) == "Wang 王喆"
    for _name, text in runs[1:]:
        assert all(font_set.font_for(Role.BODY, char).has(char) for char in text)
    path = tmp_path / "fallback.pdf"
    render_notices([enrollment("王喆")], path, font_set=font_set)
    assert embedded_glyphs(path)["喆"]
    assert "王喆" in pdftotext(path)


def test_font_cache_is_reused_and_fast(tmp_path: Path) -> None:
    bundled = font_module.bundled_font()
    first = load_face(bundled, 0, tmp_path)
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1
    second = load_face(bundled, 0, tmp_path)
    assert type(second.charToGlyph).__name__ == "CodepointTable"  # rebuilt from the cache, not parsed
    for char in RARE + "机构编制A1，":
        assert second.charToGlyph.get(ord(char)) == first.charToGlyph.get(ord(char))
        assert second.charWidths.get(ord(char)) == first.charWidths.get(ord(char))


def test_a_broken_cache_file_is_parsed_again(tmp_path: Path) -> None:
    bundled = font_module.bundled_font()
    load_face(bundled, 0, tmp_path)
    (cache_file,) = tmp_path.iterdir()
    cache_file.write_bytes(b"garbage")
    face = load_face(bundled, 0, tmp_path)
    assert face.charToGlyph.get(ord("喆"))


def test_no_fontconfig_and_no_system_fonts_uses_the_bundled_font(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(font_module, "_font_folders", lambda: [])
    font_set = FontSet(tmp_path, families={})
    for role in Role:
        assert font_set.choice(role).font.label == font_module.WQY_LABEL
    assert all("文泉驿微米黑" in line for line in font_set.report())


RARE_NAME_SET = "喆堃赟珺玥䶮𠮷"


def test_every_rare_name_character_is_a_real_glyph_and_copies_back(font_set: FontSet, tmp_path: Path) -> None:
    if not fontfiles.last_resort_files():
        pytest.skip("no last-resort font for CJK Extension B (Debian: fonts-babelstone-han)")
    path = tmp_path / "rare.pdf"
    render_notices([enrollment("王𠮷䶮")], path, font_set=font_set)
    glyphs = embedded_glyphs(path)
    assert all(glyphs.get(char) for char in "王𠮷䶮"), glyphs
    with pdfplumber.open(path) as document:
        text = "".join(char["text"] for char in document.pages[0].chars)
    assert "王𠮷䶮" in text  # 𠮷 copies out as U+20BB7, not U+20BB or U+0000


def test_rare_names_draw_from_real_glyphs_in_every_face(font_set: FontSet, tmp_path: Path) -> None:
    """In the title (小标宋), a 一、 heading (黑体), a （一） heading (楷体) and the body (仿宋), each
    character of the rare-name set is drawn from a font whose glyph for it is not .notdef."""
    if not fontfiles.last_resort_files():
        pytest.skip("no last-resort font for CJK Extension B (Debian: fonts-babelstone-han)")
    data = dataclasses.replace(
        decision(paragraphs=0),
        title=f"关于{RARE_NAME_SET}等人入编的批复",
        paragraphs=(
            Paragraph(f"一、{RARE_NAME_SET}。", 1),
            Paragraph(f"（一）{RARE_NAME_SET}。", 2),
            Paragraph(f"同意{RARE_NAME_SET}入编。"),
        ),
    )
    path = tmp_path / "rare-decision.pdf"
    render_decision(data, path, font_set)
    loaded = [font_set.font_for(role, char) for role in Role for char in RARE_NAME_SET + "一"]
    by_face = {font.font.face.name.decode(): font for font in loaded}
    with pdfplumber.open(path) as document:
        chars = [c for c in document.pages[0].chars if c["text"] in RARE_NAME_SET]
    sizes = {round(c["size"]) for c in chars}
    assert sizes == {16, 22}  # body and headings, title
    assert len(chars) == 4 * len(RARE_NAME_SET)
    for char in chars:
        base = char["fontname"].split("+", 1)[1]
        font = next(
            f for name, f in sorted(by_face.items(), key=lambda i: -len(i[0])) if base.startswith(name)
        )
        assert font.has(char["text"]), (char["text"], base)  # its glyph in that font is not .notdef


def test_a_character_no_font_has_is_named_before_anything_is_printed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(font_module, "_font_folders", lambda: [])
    monkeypatch.setattr(font_module, "LAST_RESORT", ())
    font_set = FontSet(tmp_path, families={})  # the bundled WenQuanYi only: no 𠮷
    target = tmp_path / "never.pdf"
    with pytest.raises(UnprintableText) as raised:
        render_notices([enrollment("王𠮷")], target, font_set=font_set)
    message = str(raised.value)
    assert "入编通知单（编号清编入〔2026〕15号）的姓名“王𠮷”的第2个字“𠮷”（U+20BB7）" in message
    assert not target.exists()
    with pytest.raises(UnprintableText, match="标题"):
        render_decision(decision(paragraphs=0, title="关于王𠮷入编的批复"), tmp_path / "d.pdf", font_set)
