"""Sample inputs for the paperwork tests (plain data, no database)."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.documents.pdf.decision import DecisionInput, Paragraph
from bianzhi_desktop.documents.pdf.notice_inputs import (
    EnrollmentNoticeInput,
    Figures,
    HiringNoticeInput,
    NoticeHeader,
    PersonParticulars,
    RemovalNoticeInput,
)

OFFICE = "中共清河县委机构编制委员会办公室"
RARE = "喆堃赟珺玥昇翀燊甦彧晔祎頔犇淼旻"
NAMES = (
    "张喆",
    "李堃",
    "王赟",
    "赵珺",
    "孙玥",
    "周昇",
    "吴翀",
    "郑燊",
    "冯甦",
    "陈彧",
    "褚晔",
    "卫祎",
    "蒋頔",
)

LONG = (
    "全县各有关单位要严格执行机构编制管理规定，严格控制机构编制总量，不得擅自设立机构、"
    "增加编制和提高机构规格，不得超编进人、超职数配备领导干部，确保机构编制工作规范有序开展。"
)


def decision(paragraphs: int = 12, **changes) -> DecisionInput:  # type: ignore[no-untyped-def]
    body = [
        Paragraph("你局《关于调整人员编制的请示》收悉。经研究，现批复如下："),
        Paragraph("一、同意核增你局事业编制（全额拨款）12名。", 1),
        Paragraph("（一）核增的编制专项用于乡镇学校。", 2),
        Paragraph("二、入编人员" + "、".join(NAMES) + "应在规定时限内办理入编手续。"),
    ]
    body += [Paragraph(LONG) for _ in range(paragraphs)]
    body.append(Paragraph("此复。"))
    values = dict(
        issuer_mark=f"{OFFICE}文件",
        doc_number="清编办发〔2026〕12号",
        title="关于县教育局调整事业编制的批复",
        addressee="县教育局",
        paragraphs=tuple(body),
        signature=OFFICE,
        signed_on=dt.date(2026, 11, 22),
        copies_to=("县委组织部", "县财政局", "县人力资源和社会保障局"),
        printed_by=OFFICE,
        printed_on=dt.date(2026, 11, 23),
    )
    values.update(changes)
    return DecisionInput(**values)


def header(serial: str = "清编入〔2026〕15号", **changes) -> NoticeHeader:  # type: ignore[no-untyped-def]
    values = dict(
        office_name=OFFICE,
        serial=serial,
        issued_on=dt.date(2026, 3, 2),
        unit_name="清河县第一中学",
        kind_name="事业编制（全额拨款）",
        funding="全额拨款",
        before=Figures(120, 110, 6),
        after=Figures(120, 111, 5),
        basis="清编用〔2026〕3号",
        handler="李娜",
    )
    values.update(changes)
    return NoticeHeader(**values)


def person(name: str = "张喆") -> PersonParticulars:
    return PersonParticulars(
        name, "男", "110101199001011237", dt.date(1990, 1, 1), "汉族", "大学本科", "中共党员"
    )


def enrollment(name: str = "张喆", serial: str = "清编入〔2026〕15号", **changes) -> EnrollmentNoticeInput:  # type: ignore[no-untyped-def]
    return EnrollmentNoticeInput(
        header(serial), person(name), dt.date(2026, 3, 1), "公开招聘", "教务处", "教师", **changes
    )


def hiring(**changes) -> HiringNoticeInput:  # type: ignore[no-untyped-def]
    head = header("清编用〔2026〕4号", before=Figures(120, 110, 0), after=Figures(120, 110, 6))
    return HiringNoticeInput(head, 6, "公开招聘", dt.date(2026, 2, 2), dt.date(2026, 12, 31), **changes)


def removal(**changes) -> RemovalNoticeInput:  # type: ignore[no-untyped-def]
    head = header("清编出〔2026〕9号", before=Figures(120, 111, 5), after=Figures(120, 110, 5), basis="")
    return RemovalNoticeInput(head, person("李堃"), dt.date(2026, 4, 30), "退休", **changes)
