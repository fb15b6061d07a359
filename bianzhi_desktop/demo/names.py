"""Plausible Chinese names: common surnames by frequency, surnames with special readings, compound
surnames, and given names that include the rare characters real registers hold (喆 堃 赟 珺 玥)."""

from __future__ import annotations

import random

# Roughly by frequency; the first ones are far more common.
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Surnames whose reading differs from the everyday word (曾 Zēng, 单 Shàn, 解 Xiè …).
SPECIAL_SURNAMES = "单解仇区查朴盖尉缪翟乐"
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "尉迟", "令狐", "慕容")

MALE_CHARS = "伟强军磊勇杰涛明超斌刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋勋峰建国志文斌亮成康博轩"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英玲燕红梅琳婷雪慧颖琴倩晶莉萍兰洁蓉佳怡欣悦瑶婧菲璐晓丹"
NEUTRAL_CHARS = "子晨思雨嘉一若安新天小海春秋云青金玉德永庆"
RARE_CHARS = "喆堃赟珺玥昊犇淼焱垚翀珏暘翯"


def surname(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.012:
        return rng.choice(COMPOUND_SURNAMES)
    if roll < 0.03:
        return rng.choice(SPECIAL_SURNAMES)
    # A skewed pick: common surnames much more often than the tail.
    index = min(int(rng.expovariate(1 / 18)), len(COMMON_SURNAMES) - 1)
    return COMMON_SURNAMES[index]


def given_name(rng: random.Random, male: bool) -> str:
    pool = MALE_CHARS if male else FEMALE_CHARS
    length = 1 if rng.random() < 0.28 else 2
    chars = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.03:
            chars.append(rng.choice(RARE_CHARS))
        elif roll < 0.25:
            chars.append(rng.choice(NEUTRAL_CHARS))
        else:
            chars.append(rng.choice(pool))
    return "".join(chars)


def full_name(rng: random.Random, male: bool) -> str:
    return surname(rng) + given_name(rng, male)
