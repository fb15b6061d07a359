from __future__ import annotations

import pytest

from bianzhi_desktop.domain.pinyin import person_full_pinyin, person_initials, text_initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("张三", "zs"),
        ("李四", "ls"),
        # single surnames with a surname reading
        ("曾志伟", "zzw"),
        ("单雄信", "sxx"),
        ("解缙", "xj"),
        ("仇英", "qy"),
        ("区家明", "ojm"),
        ("查良镛", "zly"),
        ("覃振", "qz"),
        ("朴树", "ps"),
        ("盖聂", "gn"),
        ("尉缭", "wl"),  # single surname 尉 is wèi; yù only in 尉迟
        ("种师道", "csd"),
        ("秘燕", "by"),
        ("繁钦", "pq"),
        ("缪昌期", "mcq"),
        ("翟志刚", "zzg"),
        ("乐毅", "yy"),
        ("员半千", "ybq"),
        ("万里", "wl"),
        # compound surnames
        ("令狐冲", "lhc"),
        ("长孙无忌", "zswj"),
        ("欧阳修", "oyx"),
        ("司马光", "smg"),
        ("上官婉儿", "sgwe"),
        ("诸葛亮", "zgl"),
        ("司徒雷登", "stld"),
        ("东方朔", "dfs"),
        ("皇甫嵩", "hfs"),
        ("夏侯惇", "xhd"),
        ("慕容复", "mrf"),
        ("尉迟恭", "ycg"),
        ("宇文泰", "ywt"),
        ("公孙胜", "gss"),
        ("轩辕明", "xym"),
        ("澹台灭明", "ttmm"),
        ("端木赐", "dmc"),
        ("南宫明", "ngm"),
        ("西门庆", "xmq"),
        ("独孤求败", "dgqb"),
        ("万俟卨", "mqx"),
        ("单于丹", "cyd"),
        ("单于", "sy"),  # two characters: surname 单 and given name 于
        # rare name characters
        ("李喆", "lz"),
        ("王堃", "wk"),
        ("陈赟", "cy"),
        ("刘珺", "lj"),
        ("赵玥", "zy"),
        ("喆堃赟珺玥", "zkyjy"),
        # given name read as a dictionary phrase
        ("李长春", "lcc"),
        # spaces, full-width and non-Chinese characters
        ("王 芳", "wf"),
        ("王\u3000\u3000芳", "wf"),
        ("Ａｌｉ", "ali"),
        ("Tom Li", "tomli"),
        ("阿不都·热合曼", "abdrhm"),
        ("", ""),
    ],
)
def test_person_initials(name: str, initials: str) -> None:
    assert person_initials(name) == initials


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("张三", "zhangsan"),
        ("曾志伟", "zengzhiwei"),
        ("单雄信", "shanxiongxin"),
        ("区家明", "oujiaming"),
        ("吕布", "lvbu"),
        ("万俟卨", "moqixie"),
        ("单于丹", "chanyudan"),
        ("长孙无忌", "zhangsunwuji"),
        ("尉迟恭", "yuchigong"),
        ("李长春", "lichangchun"),
        ("喆堃赟珺玥", "zhekunyunjunyue"),
        ("王　芳", "wangfang"),
        ("", ""),
    ],
)
def test_person_full_pinyin(name: str, full: str) -> None:
    assert person_full_pinyin(name) == full


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("清河县教育局", "qhxjyj"),
        ("县人民银行", "xrmyh"),
        ("中共清河县委办公室", "zgqhxwbgs"),
        ("清河县第１中学（县实验中学）", "qhxd1zxxsyzx"),
        ("清河县长江小学", "qhxcjxx"),
        ("CT 室", "cts"),
        ("", ""),
    ],
)
def test_text_initials(text: str, initials: str) -> None:
    assert text_initials(text) == initials
