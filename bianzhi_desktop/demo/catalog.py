"""The demo county's institutions: what a real county has, by category, with weights for headcount."""

from __future__ import annotations

from dataclasses import dataclass

from bianzhi_desktop.domain.enums import Funding, Rank, UnitCategory, UnitSystem

C = UnitCategory
S = UnitSystem

COUNTY = "云溪县"
OFFICE = "中共云溪县委机构编制委员会办公室"
PREFIX = "云编办发"
AREA_CODES = ("431228", "431228", "431228", "431202", "431221", "431222", "430104", "433101")

TOWNS = (
    "城关镇",
    "青石镇",
    "白沙镇",
    "龙潭镇",
    "石桥镇",
    "长乐镇",
    "新塘镇",
    "河口镇",
    "金坪镇",
    "桃源乡",
    "梅岭乡",
    "双溪乡",
)
SUBDISTRICTS = ("东城街道", "西城街道", "南湖街道")


@dataclass(frozen=True)
class DemoUnit:
    name: str
    category: UnitCategory
    system: UnitSystem
    rank: Rank
    kind: str | None  # main quota kind code; None: no staff of its own
    weight: float = 0.0  # share of the county's people
    short: str = ""
    funding: Funding | None = None
    divisions: tuple[str, ...] = ()
    domain_word: str = ""  # the field of work named in generated duties
    nameplates: tuple[str, ...] = ()
    politics_law: float = 0.0  # share of staff on 政法专项编制
    workers: int = 0  # 工勤编制 seats
    supervisor: str | None = None


GOV_DIVS = ("办公室", "政策法规股", "综合业务股", "计划财务股")


def _party() -> list[DemoUnit]:
    p = lambda name, short, fld, divs=GOV_DIVS, **kw: DemoUnit(  # noqa: E731
        name,
        C.PARTY_ORGAN,
        S.PARTY,
        Rank.ZHENG_KE,
        "admin",
        0.0022,
        short,
        divisions=divs,
        domain_word=fld,
        **kw,
    )
    return [
        p(
            "中共云溪县纪律检查委员会机关",
            "县纪委机关",
            "纪律检查",
            ("办公室", "党风政风监督室", "信访室", "第一纪检监察室", "第二纪检监察室", "案件审理室"),
            nameplates=("云溪县监察委员会",),
            workers=2,
        ),
        p(
            "中共云溪县委办公室",
            "县委办",
            "党委日常运转",
            ("秘书股", "综合股", "督查股", "机要股"),
            nameplates=("中共云溪县委保密委员会办公室",),
            workers=3,
        ),
        p(
            "中共云溪县委组织部",
            "县委组织部",
            "组织人事",
            ("办公室", "干部股", "组织股", "公务员管理股", "人才股"),
        ),
        p(
            "中共云溪县委宣传部",
            "县委宣传部",
            "宣传思想文化",
            ("办公室", "理论股", "新闻股", "文明创建股"),
            nameplates=("云溪县新闻出版局", "云溪县电影局"),
        ),
        p(
            "中共云溪县委统一战线工作部",
            "县委统战部",
            "统一战线",
            ("办公室", "党派股", "民族宗教股"),
            nameplates=("云溪县民族宗教事务局",),
        ),
        p("中共云溪县委政法委员会", "县委政法委", "政法", ("办公室", "综治股", "执法监督股")),
        p(
            "中共云溪县委机构编制委员会办公室",
            "县委编办",
            "机构编制",
            ("综合股", "行政机构编制股", "事业机构编制股"),
        ),
        p(
            "中共云溪县委社会工作部",
            "县委社会工作部",
            "社会工作",
            ("办公室", "基层治理股", "志愿服务股"),
            nameplates=("云溪县信访局",),
        ),
        p("中共云溪县委巡察工作领导小组办公室", "县委巡察办", "巡察", ("综合股", "巡察一组")),
    ]


def _government() -> list[DemoUnit]:
    g = lambda name, short, fld, weight=0.0025, divs=GOV_DIVS, **kw: DemoUnit(  # noqa: E731
        name,
        C.GOV_DEPARTMENT,
        S.GOVERNMENT,
        Rank.ZHENG_KE,
        "admin",
        weight,
        short,
        divisions=divs,
        domain_word=fld,
        **kw,
    )
    return [
        g(
            "云溪县人民政府办公室",
            "县政府办",
            "政府日常运转",
            divs=("秘书股", "综合股", "督查股", "政务公开股"),
            nameplates=("云溪县人民政府外事办公室",),
            workers=4,
        ),
        g(
            "云溪县发展和改革局",
            "县发改局",
            "发展和改革",
            divs=("办公室", "规划股", "投资股", "价格股"),
            nameplates=("云溪县粮食和物资储备局",),
        ),
        g(
            "云溪县教育局",
            "县教育局",
            "教育",
            divs=("办公室", "基础教育股", "人事股", "计划财务股", "督导室"),
        ),
        g("云溪县科学技术和工业信息化局", "县科工信局", "科技和工业", divs=("办公室", "科技股", "工业股")),
        g(
            "云溪县公安局",
            "县公安局",
            "公共安全",
            weight=0.012,
            divs=("指挥中心", "治安管理大队", "刑事侦查大队", "交通警察大队", "城关派出所", "青石派出所"),
            politics_law=1.0,
        ),
        g("云溪县民政局", "县民政局", "民政", divs=("办公室", "社会救助股", "养老服务股", "区划地名股")),
        g(
            "云溪县司法局",
            "县司法局",
            "司法行政",
            divs=("办公室", "法治督察股", "人民参与和促进法治股", "城关司法所"),
            politics_law=0.6,
        ),
        g("云溪县财政局", "县财政局", "财政", divs=("办公室", "预算股", "国库股", "行政政法股", "教科文股")),
        g(
            "云溪县人力资源和社会保障局",
            "县人社局",
            "人力资源和社会保障",
            divs=("办公室", "就业促进股", "事业单位人事管理股", "劳动关系股"),
        ),
        g(
            "云溪县自然资源局",
            "县自然资源局",
            "自然资源",
            divs=("办公室", "国土空间规划股", "耕地保护股", "执法监察大队"),
        ),
        g(
            "云溪县住房和城乡建设局",
            "县住建局",
            "住房和城乡建设",
            divs=("办公室", "建筑业管理股", "村镇建设股"),
        ),
        g("云溪县交通运输局", "县交通局", "交通运输", divs=("办公室", "规划建设股", "运输管理股")),
        g("云溪县水利局", "县水利局", "水利", divs=("办公室", "水旱灾害防御股", "河湖管理股")),
        g(
            "云溪县农业农村局",
            "县农业农村局",
            "农业农村",
            divs=("办公室", "乡村振兴股", "种植业股", "畜牧水产股", "农村经营管理股"),
        ),
        g("云溪县商务局", "县商务局", "商务", divs=("办公室", "商贸流通股", "外资外贸股")),
        g(
            "云溪县文化旅游广电体育局",
            "县文旅广体局",
            "文化旅游",
            divs=("办公室", "文化艺术股", "旅游发展股", "文物股"),
        ),
        g(
            "云溪县卫生健康局",
            "县卫健局",
            "卫生健康",
            divs=("办公室", "医政医管股", "疾病预防控制股", "基层卫生股"),
        ),
        g("云溪县退役军人事务局", "县退役军人局", "退役军人服务", divs=("办公室", "移交安置股", "优抚股")),
        g(
            "云溪县应急管理局",
            "县应急局",
            "应急管理",
            divs=("办公室", "安全生产综合协调股", "救援协调和预案管理股"),
            nameplates=("云溪县地震局",),
        ),
        g("云溪县审计局", "县审计局", "审计", divs=("办公室", "财政审计股", "经济责任审计股")),
        g(
            "云溪县市场监督管理局",
            "县市场监管局",
            "市场监督管理",
            weight=0.006,
            divs=("办公室", "登记注册股", "食品安全协调股", "城关市场监管所", "青石市场监管所"),
            nameplates=("云溪县知识产权局",),
        ),
        g("云溪县统计局", "县统计局", "统计", divs=("办公室", "综合统计股", "专业统计股")),
        g("云溪县医疗保障局", "县医保局", "医疗保障", divs=("办公室", "待遇保障股", "基金监管股")),
        g("云溪县林业局", "县林业局", "林业", divs=("办公室", "资源管理股", "生态修复股")),
        g(
            "云溪县城市管理和综合执法局",
            "县城管局",
            "城市管理",
            weight=0.004,
            divs=("办公室", "市容环卫股", "执法大队"),
        ),
        g(
            "云溪县行政审批服务局",
            "县行政审批局",
            "行政审批",
            divs=("办公室", "投资建设审批股", "社会事务审批股"),
        ),
        g("云溪县乡村振兴局", "县乡村振兴局", "乡村振兴", divs=("办公室", "规划财务股", "社会帮扶股")),
    ]


def _others() -> list[DemoUnit]:
    def o(name, short, fld, system, kind="admin", weight=0.002, divs=("办公室", "综合股"), **kw):
        return DemoUnit(
            name,
            C.PEOPLES_ORG,
            system,
            Rank.ZHENG_KE,
            kind,
            weight,
            short,
            divisions=divs,
            domain_word=fld,
            **kw,
        )

    return [
        o(
            "云溪县人民代表大会常务委员会机关",
            "县人大机关",
            "人大工作",
            S.CONGRESS,
            divs=("办公室", "法制工作委员会", "财政经济工作委员会"),
        ),
        o(
            "中国人民政治协商会议云溪县委员会机关",
            "县政协机关",
            "政协工作",
            S.CPPCC,
            divs=("办公室", "提案委员会"),
        ),
        o(
            "云溪县人民法院",
            "县法院",
            "审判",
            S.COURT,
            weight=0.006,
            divs=("办公室", "立案庭", "刑事审判庭", "民事审判庭", "执行局"),
            politics_law=1.0,
        ),
        o(
            "云溪县人民检察院",
            "县检察院",
            "检察",
            S.PROCURATORATE,
            weight=0.004,
            divs=("办公室", "第一检察部", "第二检察部"),
            politics_law=1.0,
        ),
        o("云溪县总工会机关", "县总工会", "工会", S.MASS_ORG, kind="pi_civil", weight=0.001),
        o("共青团云溪县委员会机关", "团县委", "共青团", S.MASS_ORG, weight=0.0006),
        o("云溪县妇女联合会机关", "县妇联", "妇女", S.MASS_ORG, weight=0.0006),
        o("云溪县科学技术协会机关", "县科协", "科普", S.MASS_ORG, kind="pi_civil", weight=0.0005),
        o("云溪县工商业联合会机关", "县工商联", "工商联", S.MASS_ORG, kind="pi_civil", weight=0.0005),
        o("云溪县残疾人联合会机关", "县残联", "残疾人事业", S.MASS_ORG, kind="pi_civil", weight=0.0006),
    ]


def _coordinating() -> list[DemoUnit]:
    def c(name, fld):
        return DemoUnit(name, C.COORDINATING, S.GOVERNMENT, Rank.UNRANKED, None, 0.0, domain_word=fld)

    return [
        c("云溪县安全生产委员会", "安全生产"),
        c("云溪县防汛抗旱指挥部", "防汛抗旱"),
        c("云溪县食品安全委员会", "食品安全"),
        c("云溪县双拥工作领导小组", "双拥工作"),
        c("云溪县爱国卫生运动委员会", "爱国卫生"),
        c("云溪县绿化委员会", "国土绿化"),
        c("云溪县老龄工作委员会", "老龄工作"),
    ]


def _dept_managed() -> list[DemoUnit]:
    return [
        DemoUnit(
            "云溪县国防动员办公室",
            C.DEPT_MANAGED,
            S.GOVERNMENT,
            Rank.FU_KE,
            "admin",
            0.0006,
            "县国动办",
            divisions=("综合股",),
            domain_word="国防动员",
            supervisor="云溪县人民政府办公室",
        ),
        DemoUnit(
            "云溪县机关事务服务中心",
            C.PI_ADMIN,
            S.GOVERNMENT,
            Rank.FU_KE,
            "pi_civil",
            0.0012,
            "县机关事务中心",
            Funding.FULL,
            ("综合股", "公务用车管理股"),
            "机关事务",
            supervisor="云溪县人民政府办公室",
            workers=6,
        ),
        DemoUnit(
            "云溪县社会保险服务中心",
            C.PI_ADMIN,
            S.GOVERNMENT,
            Rank.FU_KE,
            "pi_civil",
            0.0025,
            "县社保中心",
            Funding.FULL,
            ("综合股", "养老保险股", "工伤保险股"),
            "社会保险经办",
            supervisor="云溪县人力资源和社会保障局",
        ),
        DemoUnit(
            "云溪县不动产登记中心",
            C.PI_ADMIN,
            S.GOVERNMENT,
            Rank.FU_KE,
            "pi_civil",
            0.0012,
            "县不动产中心",
            Funding.FULL,
            ("综合股", "登记股"),
            "不动产登记",
            supervisor="云溪县自然资源局",
        ),
    ]


def _institutions() -> list[DemoUnit]:
    """About 150 public institutions: schools and hospitals are the bulk of the county's people."""
    edu = "云溪县教育局"
    health = "云溪县卫生健康局"
    specs: list[DemoUnit] = []

    def school(name: str, short: str, weight: float, divs: tuple[str, ...]) -> DemoUnit:
        return DemoUnit(
            name,
            C.PI_PUBLIC1,
            S.GOVERNMENT,
            Rank.FU_KE,
            "pi_full",
            weight,
            short,
            Funding.FULL,
            divs,
            "教育教学",
            supervisor=edu,
            workers=2,
        )

    specs += [
        school(
            "云溪县第一中学",
            "县一中",
            0.022,
            ("办公室", "教务处", "政教处", "总务处", "高一年级组", "高三年级组"),
        ),
        school("云溪县第二中学", "县二中", 0.016, ("办公室", "教务处", "政教处", "总务处")),
        school("云溪县实验中学", "县实验中学", 0.012, ("办公室", "教务处", "德育处", "总务处")),
        school("云溪县职业中等专业学校", "县职专", 0.008, ("办公室", "教务处", "实训处")),
        school("云溪县特殊教育学校", "县特教学校", 0.002, ("办公室", "教务处")),
        school("云溪县城关第一完全小学", "城关一完小", 0.012, ("办公室", "教导处", "总务处")),
        school("云溪县城关第二完全小学", "城关二完小", 0.010, ("办公室", "教导处", "总务处")),
        school("云溪县第一幼儿园", "县一幼", 0.003, ("办公室", "保教处")),
    ]
    for town in TOWNS:
        specs.append(school(f"云溪县{town}中学", f"{town}中学", 0.0095, ("办公室", "教务处", "总务处")))
        specs.append(school(f"云溪县{town}中心小学", f"{town}中心小学", 0.0105, ("办公室", "教导处")))
        specs.append(school(f"云溪县{town}中心幼儿园", f"{town}中心幼儿园", 0.0012, ("办公室",)))
    for name, short, weight, divs in (
        (
            "云溪县人民医院",
            "县人民医院",
            0.045,
            ("院办公室", "医务科", "护理部", "内科", "外科", "妇产科", "儿科"),
        ),
        ("云溪县中医医院", "县中医院", 0.022, ("院办公室", "医务科", "护理部", "中医内科", "针灸推拿科")),
        ("云溪县妇幼保健计划生育服务中心", "县妇幼保健院", 0.010, ("办公室", "保健部", "临床部")),
    ):
        specs.append(
            DemoUnit(
                name,
                C.PI_PUBLIC2,
                S.GOVERNMENT,
                Rank.FU_CHU if "人民医院" in name else Rank.ZHENG_KE,
                "pi_partial",
                weight,
                short,
                Funding.PARTIAL,
                divs,
                "医疗卫生",
                supervisor=health,
                workers=3,
            )
        )
    specs.append(
        DemoUnit(
            "云溪县疾病预防控制中心",
            C.PI_PUBLIC1,
            S.GOVERNMENT,
            Rank.FU_KE,
            "pi_full",
            0.006,
            "县疾控中心",
            Funding.FULL,
            ("办公室", "疾病控制科", "检验科"),
            "疾病预防控制",
            supervisor=health,
        )
    )
    for town in TOWNS:
        specs.append(
            DemoUnit(
                f"云溪县{town}卫生院",
                C.PI_PUBLIC2,
                S.GOVERNMENT,
                Rank.FU_KE,
                "pi_partial",
                0.0042,
                f"{town}卫生院",
                Funding.PARTIAL,
                ("办公室", "临床科", "公共卫生科"),
                "基层医疗卫生",
                supervisor=health,
            )
        )
    centres = [
        ("云溪县融媒体中心", "县融媒体中心", 0.003, "中共云溪县委宣传部", ("办公室", "新闻采编部", "技术部")),
        ("云溪县档案馆", "县档案馆", 0.0008, "中共云溪县委办公室", ("办公室", "档案管理股")),
        ("云溪县图书馆", "县图书馆", 0.0008, "云溪县文化旅游广电体育局", ("办公室",)),
        ("云溪县文化馆", "县文化馆", 0.0008, "云溪县文化旅游广电体育局", ("办公室",)),
        ("云溪县公共就业服务中心", "县就业中心", 0.0012, "云溪县人力资源和社会保障局", ("办公室",)),
        ("云溪县农业技术推广中心", "县农技中心", 0.0025, "云溪县农业农村局", ("办公室", "植保站", "土肥站")),
        (
            "云溪县畜牧水产事务中心",
            "县畜牧中心",
            0.0018,
            "云溪县农业农村局",
            ("办公室", "动物疫病预防控制股"),
        ),
        ("云溪县林业工作站", "县林业站", 0.0012, "云溪县林业局", ("办公室",)),
        ("云溪县水利工程管理站", "县水管站", 0.0015, "云溪县水利局", ("办公室",)),
        ("云溪县政务服务中心", "县政务中心", 0.0012, "云溪县行政审批服务局", ("办公室", "窗口管理股")),
        ("云溪县公共资源交易中心", "县交易中心", 0.0008, "云溪县财政局", ("办公室",)),
        ("云溪县财政事务中心", "县财政事务中心", 0.0012, "云溪县财政局", ("办公室", "国库支付股")),
        ("云溪县城乡规划服务中心", "县规划中心", 0.0008, "云溪县自然资源局", ("办公室",)),
        ("云溪县应急救援指挥中心", "县应急指挥中心", 0.0008, "云溪县应急管理局", ("办公室",)),
        ("云溪县退役军人服务中心", "县退役军人服务中心", 0.0006, "云溪县退役军人事务局", ("办公室",)),
        ("云溪县医疗保障事务中心", "县医保事务中心", 0.0008, "云溪县医疗保障局", ("办公室",)),
        ("云溪县统计调查中心", "县统计调查中心", 0.0006, "云溪县统计局", ("办公室",)),
        (
            "云溪县机构编制电子政务中心",
            "县编办电政中心",
            0.0003,
            "中共云溪县委机构编制委员会办公室",
            ("综合股",),
        ),
    ]
    for name, short, weight, supervisor, divs in centres:
        specs.append(
            DemoUnit(
                name,
                C.PI_PUBLIC1,
                S.GOVERNMENT,
                Rank.FU_KE,
                "pi_full",
                weight,
                short,
                Funding.FULL,
                divs,
                name.removeprefix("云溪县"),
                supervisor=supervisor,
            )
        )
    for name, short, supervisor in (
        ("云溪县城乡供水服务中心", "县供水中心", "云溪县住房和城乡建设局"),
        ("云溪县殡葬服务所", "县殡葬所", "云溪县民政局"),
        ("云溪县国有林场", "县国有林场", "云溪县林业局"),
    ):
        specs.append(
            DemoUnit(
                name,
                C.PI_BUSINESS,
                S.GOVERNMENT,
                Rank.FU_KE,
                "pi_self",
                0.0015,
                short,
                Funding.SELF,
                ("办公室", "生产经营股"),
                name.removeprefix("云溪县"),
                supervisor=supervisor,
            )
        )
    for town in TOWNS + SUBDISTRICTS:
        for suffix, fld in (
            ("综合便民服务中心", "便民服务"),
            ("农业综合服务中心", "农业服务"),
            ("社会事务综合服务中心", "社会事务"),
        ):
            if town in SUBDISTRICTS and suffix == "农业综合服务中心":
                continue
            specs.append(
                DemoUnit(
                    f"云溪县{town}{suffix}",
                    C.PI_PUBLIC1,
                    S.GOVERNMENT,
                    Rank.UNRANKED,
                    "pi_full",
                    0.0009,
                    f"{town}{suffix.removesuffix('综合服务中心')}中心",
                    Funding.FULL,
                    (),
                    fld,
                    supervisor=None,
                )
            )
    return specs


def _towns() -> list[DemoUnit]:
    specs = []
    for town in TOWNS:
        category = C.TOWNSHIP
        specs.append(
            DemoUnit(
                f"中共云溪县{town}委员会",
                category,
                S.PARTY,
                Rank.ZHENG_KE,
                "admin",
                0.0045,
                f"{town}",
                divisions=("党政综合办公室", "经济发展办公室", "社会事务办公室", "综合执法办公室"),
                domain_word="乡镇治理",
                nameplates=(f"云溪县{town}人民政府",),
                workers=1,
            )
        )
    for district in SUBDISTRICTS:
        specs.append(
            DemoUnit(
                f"中共云溪县{district}工作委员会",
                C.SUBDISTRICT,
                S.PARTY,
                Rank.ZHENG_KE,
                "admin",
                0.0035,
                district,
                divisions=("党政综合办公室", "社区建设办公室", "综合执法办公室"),
                domain_word="街道治理",
                nameplates=(f"云溪县{district}办事处",),
            )
        )
    return specs


def county_units() -> list[DemoUnit]:
    return (
        _party() + _government() + _dept_managed() + _coordinating() + _others() + _institutions() + _towns()
    )


DUTY_TEMPLATES = (
    "贯彻执行党中央和省、市、县关于{field}工作的方针政策和决策部署，在履行职责过程中坚持和加强党对{field}工作的集中统一领导。",
    "拟订全县{field}工作的规划、计划和政策措施并组织实施。",
    "负责全县{field}工作的统筹协调、指导和监督管理。",
    "承担{field}领域的公共服务和行业管理工作，推进相关改革。",
    "负责本系统的安全生产、生态环境保护和信访维稳工作。",
    "完成县委、县政府交办的其他任务。",
)
