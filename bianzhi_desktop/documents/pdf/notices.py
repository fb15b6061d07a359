"""The three-part notices on one A4 sheet: stub (存根), notice (通知单) and return slip (回执), with cut
lines between them, the serial number on every part and the figures before and after.

`render_notices` writes any number of notices into one PDF (a month of enrollment notices) with an
optional progress callback; fonts are embedded once for the whole batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from reportlab.lib.units import mm

from bianzhi_desktop.documents.pdf.drawing import (
    GREY,
    RED,
    Progress,
    Sheet,
    Target,
    break_lines,
    cn_date,
    make_canvas,
)
from bianzhi_desktop.documents.pdf.fonts import FontSet, Role, fonts
from bianzhi_desktop.documents.pdf.grid import Cell, draw_grid, fit_text
from bianzhi_desktop.documents.pdf.notice_inputs import (
    EnrollmentNoticeInput,
    Figures,
    HiringNoticeInput,
    NoticeHeader,
    NoticeInput,
    PersonParticulars,
)
from bianzhi_desktop.documents.pdf.printable import check_printable
from bianzhi_desktop.domain.wording import (
    kind_situation,
    kind_with_funding,
    method_phrase,
    post_phrase,
    removal_cause,
)

LEFT, WIDTH = 18.0, 174.0
STUB_TOP, CUT1, NOTICE_TOP, CUT2, SLIP_TOP = 12.0, 72.0, 78.0, 222.0, 228.0
BODY_PT = 12.0
ROW = 7.0
SEAL_R = 19.0  # the guide circle for the seal (a county office's seal is about 40 mm across)


def _signed(value: int) -> str:
    return f"超编{-value}" if value < 0 else str(value)


def _figures_rows(before: Figures, after: Figures) -> list[list[Cell | str]]:
    head = [Cell("", label=True)] + [
        Cell(text, label=True) for text in ("核定编制", "在编人数", "已核准未入编", "空编")
    ]

    def row(label: str, figures: Figures) -> list[Cell | str]:
        values = (figures.approved, figures.enrolled, figures.reserved)
        return (
            [Cell(label, label=True)]
            + [Cell(str(value), align="centre") for value in values]
            + [Cell(_signed(figures.vacancy), align="centre")]
        )

    return [head, row("办理前", before), row("办理后", after)]


def _person_text(person: PersonParticulars) -> str:
    return f"{person.name}（{person.sex}，身份证号{person.id_number}）"


def _lead(data: NoticeInput) -> str:
    header = data.header
    kind = kind_with_funding(header.kind_name, header.funding)
    if isinstance(data, HiringNoticeInput):
        return (
            f"经审核，同意你单位使用{kind}{data.seats}名，采取{data.method}方式补充人员。"
            f"用编计划有效期自{cn_date(data.valid_from)}至{cn_date(data.valid_until)}，逾期未使用的自动失效。"
        )
    if isinstance(data, EnrollmentNoticeInput):
        return (
            f"经审核，同意{_person_text(data.person)}{method_phrase(data.method)}入编，占用你单位{kind}1名"
            + post_phrase(data.division, data.post_title)
            + f"。入编时间为{cn_date(data.enrolled_on)}。请凭本通知单到财政、人力资源社会保障等部门办理相关手续。"
        )
    cause = removal_cause(data.reason) or "经审核，"
    return (
        f"{cause}同意{_person_text(data.person)}自{cn_date(data.removed_on)}起核减你单位"
        f"{kind}1名，办理出编手续。请凭本通知单到财政、人力资源社会保障等部门办理相关手续。"
    )


def _stub_rows(data: NoticeInput) -> list[list[Cell | str]]:
    header = data.header
    label = lambda text: Cell(text, label=True)  # noqa: E731
    rows: list[list[Cell | str]] = [
        [label("单位"), Cell(header.unit_name, span=3), label("编制类型"), header.kind_name],
    ]
    if isinstance(data, HiringNoticeInput):
        rows.append(
            [
                label("核准数"),
                f"{data.seats}名",
                label("补充方式"),
                data.method,
                label("有效期至"),
                cn_date(data.valid_until),
            ]
        )
    else:
        person = data.person
        rows.append(
            [label("姓名"), person.name, label("性别"), person.sex, label("身份证号"), person.id_number]
        )
        if isinstance(data, EnrollmentNoticeInput):
            rows.append(
                [
                    label("入编日期"),
                    cn_date(data.enrolled_on),
                    label("入编方式"),
                    data.method or "—",
                    label("依据"),
                    header.basis or "—",
                ]
            )
        else:
            rows.append(
                [
                    label("出编日期"),
                    cn_date(data.removed_on),
                    label("出编原因"),
                    data.reason,
                    label("依据"),
                    header.basis or "—",
                ]
            )
    b, a = header.before, header.after
    rows.append(
        [
            label("编制情况"),
            Cell(
                f"核定{b.approved}　在编{b.enrolled}→{a.enrolled}　已核准未入编{b.reserved}→{a.reserved}　"
                f"空编{_signed(b.vacancy)}→{_signed(a.vacancy)}",
                span=5,
            ),
        ]
    )
    rows.append(
        [
            label("经办人"),
            header.handler,
            label("签发人"),
            header.signer,
            label("签发日期"),
            cn_date(header.issued_on),
        ]
    )
    return rows


def _shown(header: NoticeHeader) -> str:
    """The 编号 as the title block shows it: with 补打 and the day when the notice is printed again."""
    return f"{header.serial}（{header.reprint}）" if header.reprint else header.serial


def _title_block(sheet: Sheet, top: float, title: str, serial: str, size: float) -> float:
    baseline = sheet.baseline_for_box(Role.TITLE, size, top)
    sheet.text(Role.TITLE, size, LEFT + WIDTH / 2, baseline, title, align="centre", static=True)
    serial_top = top + size / mm + 2.0
    sheet.text(
        Role.BODY,
        10.5,
        LEFT + WIDTH,
        sheet.baseline_for_box(Role.BODY, 10.5, serial_top),
        f"编号：{serial}",
        align="right",
        color=RED,
    )
    return serial_top + 10.5 / mm


def _cut_line(sheet: Sheet, top: float, serial: str) -> None:
    sheet.line(LEFT - 8, top, LEFT + WIDTH + 8, top, width_pt=0.6, color=GREY, dash=(4, 3), static=True)
    text = f"┄┄ 沿此线裁开 ┄┄　骑缝编号：{serial}"
    size = 8.0
    baseline = sheet.baseline_for_box(Role.BODY, size, top - size / mm - 0.6)
    sheet.text(Role.BODY, size, LEFT + WIDTH / 2, baseline, text, align="centre", color=GREY)


def _paragraph(
    sheet: Sheet, top: float, text: str, size: float = BODY_PT, indent: int = 2, leading: float = 1.75
) -> float:
    lines = break_lines(sheet, Role.BODY, text, size, WIDTH, indent * size / mm)
    for index, line in enumerate(lines):
        x = LEFT + (indent * size / mm if index == 0 else 0)
        sheet.text(Role.BODY, size, x, sheet.baseline_for_box(Role.BODY, size, top), line)
        top += size * leading / mm
    return top


def _fitted_line(
    sheet: Sheet, top: float, text: str, *, align: str = "left", leading: float = 1.75, static: bool = False
) -> float:
    """A line of the full width (a unit's name of up to 40 characters): shrunk, never below 9 pt, or
    wrapped. Returns the top of the next line."""
    size, lines = fit_text(sheet, Role.BODY, text, BODY_PT, WIDTH)
    x = LEFT + WIDTH if align == "right" else LEFT
    for line in lines:
        baseline = sheet.baseline_for_box(Role.BODY, size, top)
        sheet.text(Role.BODY, size, x, baseline, line, align=align, static=static)
        top += size * leading / mm
    return top


def _particulars(data: NoticeInput) -> list[list[Cell | str]]:
    if isinstance(data, HiringNoticeInput):
        return []
    person = data.person
    label = lambda text: Cell(text, label=True)  # noqa: E731
    birth = f"{person.birth_date.year}年{person.birth_date.month}月" if person.birth_date else ""
    return [
        [label("姓名"), person.name, label("性别"), person.sex, label("出生年月"), birth],
        [
            label("民族"),
            person.ethnicity,
            label("学历"),
            person.education,
            label("政治面貌"),
            person.political_status,
        ],
        [label("身份证号"), Cell(person.id_number, span=5)],
    ]


def draw_notice(sheet: Sheet, data: NoticeInput, forms: dict[tuple[object, ...], str] | None = None) -> None:
    """One notice on one page. With `forms` (a batch), the page's fixed part (rules, labels, fixed
    wording) is drawn once per layout as a form XObject that every page of that layout reuses, and
    only the notice's own text is written on the page: 1,000 notices write and compress far less."""
    sheet.start_page()
    if forms is None:
        _draw_parts(sheet, data)
        sheet.end_page()
        return
    sheet.mode, sheet.geometry = "dynamic", [data.kind]
    _draw_parts(sheet, data)
    key = tuple(sheet.geometry)
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"BZNotice{len(forms) + 1}"
        sheet.canvas.beginForm(name)
        sheet.mode = "static"
        sheet.fresh_state()
        _draw_parts(sheet, data)
        sheet.canvas.endForm()
    sheet.mode = "all"
    sheet.canvas.doForm(name)
    sheet.end_page()


def _draw_parts(sheet: Sheet, data: NoticeInput) -> None:
    """Stub, notice and return slip, with the cut lines between them."""
    header: NoticeHeader = data.header
    title = data.kind.label
    cols6 = (22.0, 36.0, 22.0, 36.0, 22.0, 36.0)
    # 存根
    top = _title_block(sheet, STUB_TOP, f"{title}（存根）", _shown(header), 15.0)
    draw_grid(sheet, LEFT, top + 1.5, cols6, ROW, _stub_rows(data), size=10.0)
    _cut_line(sheet, CUT1, header.serial)
    # 通知单
    top = _title_block(sheet, NOTICE_TOP, title, _shown(header), 20.0)
    top = _fitted_line(sheet, top + 1.0, f"{header.unit_name}：")
    top = _paragraph(sheet, top, _lead(data), leading=1.6)
    particulars = _particulars(data)
    if particulars:
        top = draw_grid(sheet, LEFT, top + 1.0, cols6, 6.5, particulars, size=10.5)
    widths = (30.0, 36.0, 36.0, 36.0, 36.0)
    caption = kind_situation(header.kind_name) + (f"（依据：{header.basis}）" if header.basis else "")
    sheet.text(
        Role.HEI, 10.5, LEFT, sheet.baseline_for_box(Role.HEI, 10.5, top + 2.0), caption, embolden=False
    )
    bottom = draw_grid(
        sheet, LEFT, top + 7.0, widths, 6.5, _figures_rows(header.before, header.after), size=10.5
    )
    _signature(sheet, bottom, header)
    _cut_line(sheet, CUT2, header.serial)
    # 回执
    _return_slip(sheet, data)


NAME_TO_DATE = 7.0  # from the top of the office's name to the top of the date (mm)
NOTE_BELOW = 14.5  # from the top of the office's name to the grey note


def _signature(sheet: Sheet, table_bottom: float, header: NoticeHeader) -> None:
    """Office name and date at the right, the seal guide centred over both and clear of the tables
    above (smaller when the page is short of room), the grey note on the parts below."""
    right = LEFT + WIDTH - 6.0
    name_w = sheet.width_mm(Role.BODY, header.office_name, BODY_PT)
    middle = (NAME_TO_DATE + BODY_PT / mm) / 2  # from the name's top to the centre of name and date
    room = CUT2 - 4.0 - table_bottom  # from the table to just above the cut line's label
    radius = max(12.0, min(SEAL_R, room / 2 - 1.0))
    top = table_bottom + 1.0 + radius - middle
    top = min(top, CUT2 - 4.0 - NOTE_BELOW - 9.0 / mm)  # the note stays clear of the cut line
    sheet.text(
        Role.BODY,
        BODY_PT,
        right,
        sheet.baseline_for_box(Role.BODY, BODY_PT, top),
        header.office_name,
        align="right",
    )
    sheet.text(
        Role.BODY,
        BODY_PT,
        right - 8.0,
        sheet.baseline_for_box(Role.BODY, BODY_PT, top + NAME_TO_DATE),
        cn_date(header.issued_on),
        align="right",
    )
    sheet.text(
        Role.BODY,
        9.0,
        LEFT,
        sheet.baseline_for_box(Role.BODY, 9.0, top + NOTE_BELOW),
        "本通知单一式三联：存根由编办留存，通知单交用编单位，回执由用编单位签章后退回编办。",
        color=GREY,
        static=True,
    )
    # The seal goes over the office name and date: a faint guide circle for where to stamp.
    centre_x = min(right - name_w / 2, LEFT + WIDTH - radius)
    sheet.circle(centre_x, top + middle, radius, width_pt=0.3, color=GREY, dash=(1, 2), static=True)


def _return_slip(sheet: Sheet, data: NoticeInput) -> None:
    header = data.header
    top = _title_block(sheet, SLIP_TOP, f"{data.kind.label}（回执）", _shown(header), 15.0)
    top = _fitted_line(sheet, top + 1.0, f"{header.office_name}：")
    if isinstance(data, HiringNoticeInput):
        done = f"编号为{header.serial}的{data.kind.label}收悉，我单位将在有效期内按规定使用{header.kind_name}{data.seats}名。"
    elif isinstance(data, EnrollmentNoticeInput):
        done = f"编号为{header.serial}的{data.kind.label}收悉，{data.person.name}已于　　年　　月　　日到岗，相关手续已办理。"
    else:
        done = f"编号为{header.serial}的{data.kind.label}收悉，{data.person.name}的出编及相关手续已办理。"
    top = _paragraph(sheet, top, done, leading=1.6)
    # The unit's name (up to 40 characters) on its own line, the handler and date on the next.
    top = _fitted_line(sheet, top + 3.0, f"单位（盖章）：{header.unit_name}")
    _fitted_line(sheet, top, "经办人：　　　　　　　　年　　月　　日", align="right", static=True)


def render_notices(
    notices: Iterable[NoticeInput] | Sequence[NoticeInput],
    target: Target | None = None,
    *,
    title: str = "通知单",
    progress: Progress | None = None,
    font_set: FontSet | None = None,
) -> bytes | None:
    """Write the notices (one page each) into one PDF; with no target, return its bytes."""
    items = list(notices)
    if not items:
        raise ValueError("没有可打印的通知单。")
    font_set = font_set or fonts()
    check_printable(font_set, ((f"{d.kind.label}（编号{d.header.serial}）", d) for d in items), title)
    buffer = BytesIO() if target is None else None
    canvas = make_canvas(buffer if buffer is not None else target, title)  # type: ignore[arg-type]
    total = len(items)
    sheets: dict[object, Sheet] = {}
    forms: dict[tuple[object, ...], str] = {}
    for index, data in enumerate(items, 1):
        sheet = sheets.get(data.offset)
        if sheet is None:
            sheet = sheets[data.offset] = Sheet(canvas, data.offset, font_set)
        draw_notice(sheet, data, forms)
        if progress is not None and (index % 25 == 0 or index == total):
            progress(index, total, f"正在生成{data.kind.label}")
    canvas.save()
    return buffer.getvalue() if buffer is not None else None
