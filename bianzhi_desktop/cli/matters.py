"""`bianzhi-cli matters …`: staffing matters from the console (listing for scripts and checks)."""

from __future__ import annotations

import argparse
import json
import sys

from bianzhi_desktop.domain.matters import MatterKind, MatterState


def _state(text: str) -> MatterState:
    state = MatterState.from_label(text)
    if state is None:
        choices = "、".join(f"{s.value}（{s.label}）" for s in MatterState)
        raise argparse.ArgumentTypeError(f"没有“{text}”这一状态，可选：{choices}")
    return MatterState(state)


def _kind(text: str) -> MatterKind:
    kind = MatterKind.from_label(text)
    if kind is None:
        choices = "、".join(f"{k.value}（{k.label}）" for k in MatterKind)
        raise argparse.ArgumentTypeError(f"没有“{text}”这一事项类型，可选：{choices}")
    return MatterKind(kind)


def cmd_list(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, EXIT_OK, open_existing, render_table
    from bianzhi_desktop.services import matters

    db = open_existing(args.db, read_only=True)
    try:
        with db.read() as uow:
            rows = matters.find_matters(
                uow,
                CLI_ACTOR,
                matters.MatterQuery(
                    states=tuple(args.state or ()),
                    kinds=tuple(args.kind or ()),
                    text=args.search or "",
                    limit=args.limit,
                ),
            )
    finally:
        db.close()
    if args.format == "json":
        json.dump(
            [
                {
                    "id": r.id,
                    "kind": r.kind.value,
                    "kind_label": r.kind.label,
                    "state": r.state.value,
                    "state_label": r.state.label,
                    "title": r.title,
                    "unit": r.unit_name,
                    "effective_on": r.effective_on.isoformat() if r.effective_on else None,
                    "drafter": r.drafter,
                    "document_number": r.document_number or None,
                    "decided_on": r.decided_on.isoformat() if r.decided_on else None,
                    "self_approval": r.self_approval,
                }
                for r in rows
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
        return EXIT_OK
    table = [(r.id, r.kind.label, r.state.label, r.title, r.drafter, r.document_number or "—") for r in rows]
    print(render_table(("编号", "类型", "状态", "事项", "经办人", "文号"), table))
    print(f"共{len(rows)}件。")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `matters list` to the console's commands."""
    from bianzhi_desktop.cli.common import ChineseArgumentParser

    group = sub.add_parser("matters", help="机构编制事项")
    group_sub = group.add_subparsers(
        dest="matters_command", required=True, metavar="操作", parser_class=ChineseArgumentParser
    )
    p = group_sub.add_parser("list", help="列出事项（新近的在前）")
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument(
        "--state",
        type=_state,
        action="append",
        help="只列此状态（可多次）：" + "、".join(s.value for s in MatterState),
    )
    p.add_argument(
        "--kind", type=_kind, action="append", help="只列此类型（可多次），如 hiring_plan 或 用编计划核准"
    )
    p.add_argument("--search", help="在事项名称和文号中查找")
    p.add_argument("--limit", type=int, help="最多列出多少件")
    p.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")
    p.set_defaults(handler=cmd_list)
