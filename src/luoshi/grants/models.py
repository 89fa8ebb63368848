"""Rows of the 大学新生资助 programme (晋市政办〔2020〕9号): offices, years, applications, 公示."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi.grants.rules import Category
from luoshi.grants.workflow import LEVEL_NAMES, STATE_NAMES, Level, State

LEVEL_CHOICES = [(level.value, LEVEL_NAMES[level]) for level in Level]
STATE_CHOICES = [(state.value, STATE_NAMES[state]) for state in State]
CATEGORY_NAMES = {
    Category.DIBAO: "城乡低保家庭",
    Category.MARTYR: "烈士家庭",
    Category.HEROIC_ACT: "见义勇为致困",
    Category.TEKUN: "特困供养",
    Category.DISABLED_STUDENT: "残疾学生",
    Category.DIBAO_EDGE: "低保边缘家庭",
    Category.WORK_INJURY: "因公伤致困",
    Category.PARENT_DISABLED: "父母一方残疾",
    Category.CHRONIC_ILLNESS: "主要成员长期患病或丧失劳动能力",
    Category.LOW_INCOME: "其他低收入家庭",
}


class GrantOffice(models.Model):
    """A unit's part in the programme: a school, a county centre, the city centre or the bureau.

    A user acts for the office of their unit. A school belongs to a county and is funded by the
    city or the county by its affiliation (隶属关系, 三、(二)1).
    """

    class Affiliation(models.TextChoices):
        CITY = "city", "市属"
        COUNTY = "county", "县属"

    unit = models.OneToOneField(
        "directory.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="grant_office"
    )
    level = models.CharField("层级", max_length=8, choices=LEVEL_CHOICES)
    county = models.CharField("所属县(市、区)", max_length=32, blank=True)
    affiliation = models.CharField(
        "隶属关系", max_length=8, choices=Affiliation.choices, blank=True
    )

    class Meta:
        verbose_name = "资助工作单位"
        verbose_name_plural = "资助工作单位"
        ordering = ["level", "county", "unit__name"]

    def __str__(self) -> str:
        return f"{self.unit.name}({self.get_level_display()})"


class GrantYear(models.Model):
    """One year of the programme and its settings (the readings of the two-way clauses)."""

    year = models.PositiveIntegerField("年度", unique=True)
    dibao_standard_yuan = models.DecimalField(
        "上年市区城乡低保标准(元/年)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    exclusions_bind = models.CharField(
        "一、3 排除条款适用范围",
        max_length=24,
        default="edge_and_low_income",
        choices=[("edge_and_low_income", "仅低保边缘、低收入家庭"), ("all", "全部申请人")],
    )
    aid_basis = models.CharField(
        "捐助与计生救助金额",
        max_length=8,
        default="sum",
        choices=[("sum", "合并计算"), ("each", "分别计算")],
    )
    visit_sample_size = models.PositiveIntegerField("县级随机入户核查人数", default=5)
    budget_city_yuan = models.DecimalField(
        "市级预算(元)", max_digits=14, decimal_places=2, default=0
    )
    budget_county_yuan = models.DecimalField(
        "县级预算(元)", max_digits=14, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = "资助年度"
        verbose_name_plural = "资助年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年度"


class Application(models.Model):
    """One student's 《晋城市家庭经济困难大学新生资助申请表》 and where it stands."""

    year = models.ForeignKey(GrantYear, on_delete=models.PROTECT, related_name="applications")
    school = models.ForeignKey(
        GrantOffice, verbose_name="毕业学校", on_delete=models.PROTECT, related_name="applications"
    )
    student_name = models.CharField("学生姓名", max_length=32)
    gender = models.CharField("性别", max_length=2, choices=[("男", "男"), ("女", "女")])
    id_cipher = models.TextField("身份证号(加密)")
    id_digest = models.CharField("身份证号摘要", max_length=64)
    id_masked = models.CharField("身份证号", max_length=18)
    birth_date = models.DateField("出生日期")
    hukou_address = models.CharField("户籍地址", max_length=128)
    hukou_jincheng = models.BooleanField("晋城市居民户籍", default=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    household_size = models.PositiveSmallIntegerField("家庭人口", default=1)
    per_capita_income_yuan = models.DecimalField(
        "家庭人均年收入(元)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    categories = models.JSONField("困难类别", default=list)
    family_situation = models.TextField("家庭经济困难情况", blank=True)
    exam_number = models.CharField("准考证号", max_length=20)
    college = models.CharField("录取院校", max_length=64)
    institution = models.CharField(
        "院校类型",
        max_length=20,
        choices=[
            ("undergraduate", "普通本科高校"),
            ("higher_vocational", "高等职业学校"),
            ("junior_college", "高等专科学校"),
        ],
    )
    admission_batch = models.CharField("录取批次", max_length=16, blank=True)
    full_time = models.BooleanField("全日制", default=True)
    donations_yuan = models.DecimalField("已获捐助(元)", max_digits=10, decimal_places=2, default=0)
    family_planning_aid_yuan = models.DecimalField(
        "计生困难家庭救助(元)", max_digits=10, decimal_places=2, default=0
    )
    state = models.CharField("状态", max_length=12, choices=STATE_CHOICES, default=State.DRAFT)
    level = models.CharField("所在层级", max_length=8, choices=LEVEL_CHOICES, default=Level.SCHOOL)
    tier = models.PositiveSmallIntegerField("资助档次", null=True, blank=True)
    amount = models.PositiveIntegerField("资助金额(元)", default=0)
    assessment = models.JSONField("规则判定", default=dict)
    return_reason = models.TextField("退回原因", blank=True)
    visit_sampled = models.BooleanField("列入县级入户抽查", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("录入时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = "资助申请"
        verbose_name_plural = "资助申请"
        ordering = ["school__unit__name", "student_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "id_digest"], name="one_application_per_id_year"
            )
        ]
        indexes = [models.Index(fields=["year", "level", "state"])]

    def __str__(self) -> str:
        return f"{self.student_name}({self.year.year})"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"grants/{instance.application.year.year}/{instance.application_id}/{filename}"


class Evidence(models.Model):
    """A supporting document (证明材料): 户口簿, 低保证, 录取通知书 …"""

    class Kind(models.TextChoices):
        HUKOU = "hukou", "户口簿"
        DIBAO = "dibao", "低保证及银行发放记录"
        MARTYR = "martyr", "烈士证"
        DISABILITY = "disability", "残疾证"
        EXAM_TICKET = "exam_ticket", "准考证"
        ID_CARD = "id_card", "身份证"
        ADMISSION = "admission", "录取通知书"
        HARDSHIP = "hardship", "家庭经济困难证明"
        OTHER = "other", "其他收入证明"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("材料类型", max_length=16, choices=Kind.choices)
    file = models.FileField("文件", upload_to=evidence_path, max_length=255)
    name = models.CharField("文件名", max_length=128)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField("上传时间")
    retain_until = models.DateField("保存至")  # 三、(四)2: 保留5年以上备查

    class Meta:
        verbose_name = "证明材料"
        verbose_name_plural = "证明材料"
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Decision(models.Model):
    """A level's decision on an application (审核意见): approved, returned or rejected."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "通过"
        RETURNED = "returned", "退回"
        REJECTED = "rejected", "不予资助"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    level = models.CharField("层级", max_length=8, choices=LEVEL_CHOICES)
    outcome = models.CharField("结论", max_length=12, choices=Outcome.choices)
    reason = models.TextField("意见", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}{self.get_outcome_display()}"


class HomeVisit(models.Model):
    """A home visit (入户调查) by the school, or a county's sample re-visit (再次入户核查)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visits")
    level = models.CharField("层级", max_length=8, choices=LEVEL_CHOICES)
    visited_on = models.DateField("入户日期")
    findings = models.TextField("核实情况")
    confirmed = models.BooleanField("情况属实", default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "入户调查"
        verbose_name_plural = "入户调查"
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}入户 {self.visited_on}"


class SampleDraw(models.Model):
    """A county's reproducible draw of applications to visit again: the seed and what it chose."""

    office = models.ForeignKey(GrantOffice, on_delete=models.CASCADE, related_name="draws")
    year = models.ForeignKey(GrantYear, on_delete=models.CASCADE, related_name="draws")
    seed = models.CharField("随机种子", max_length=64)
    size = models.PositiveIntegerField("抽查数量")
    candidates = models.JSONField("候选申请")
    chosen = models.JSONField("抽中申请")
    drawn_at = models.DateTimeField("抽取时间")

    class Meta:
        verbose_name = "入户抽查"
        verbose_name_plural = "入户抽查"

    def __str__(self) -> str:
        return f"{self.office} 抽查 {len(self.chosen)} 户"


class Publicity(models.Model):
    """A level's list of recipients published for 公示, and its period in working days."""

    class State(models.TextChoices):
        OPEN = "open", "公示中"
        FORWARDED = "forwarded", "已上报"

    office = models.ForeignKey(GrantOffice, on_delete=models.PROTECT, related_name="publicities")
    year = models.ForeignKey(GrantYear, on_delete=models.PROTECT, related_name="publicities")
    level = models.CharField("层级", max_length=8, choices=LEVEL_CHOICES)
    applications = models.ManyToManyField(Application, related_name="publicities")
    starts = models.DateField("公示开始")
    ends = models.DateField("公示截止")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.OPEN)
    published_at = models.DateTimeField("发布时间")
    forwarded_at = models.DateTimeField("上报时间", null=True, blank=True)

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-starts", "id"]

    def __str__(self) -> str:
        return f"{self.office.unit.name} 公示 {self.starts}至{self.ends}"


class Objection(models.Model):
    """An objection (异议) raised during a 公示, and how it was resolved."""

    publicity = models.ForeignKey(Publicity, on_delete=models.CASCADE, related_name="objections")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="objections"
    )
    text = models.TextField("异议内容")
    raised_by = models.CharField("反映人", max_length=64, blank=True)
    raised_at = models.DateTimeField("反映时间")
    resolution = models.TextField("处理结果", blank=True)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "异议"
        verbose_name_plural = "异议"
        ordering = ["raised_at", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class Payment(models.Model):
    """The 资助专用存单 opened at the bank for a recipient, handed out by the school and signed for.

    Paid from the city's or the county's budget by the school's affiliation (三、(二)1).
    """

    class Source(models.TextChoices):
        CITY = "city", "市级资金"
        COUNTY = "county", "县级资金"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="payment"
    )
    amount = models.PositiveIntegerField("金额(元)")
    source = models.CharField("资金来源", max_length=8, choices=Source.choices)
    prepared_at = models.DateTimeField("制单时间")
    deposit_number = models.CharField("存单号", max_length=32, blank=True)
    signed_on = models.DateField("学生签领日期", null=True, blank=True)

    class Meta:
        verbose_name = "资助发放"
        verbose_name_plural = "资助发放"
        ordering = ["application__school__unit__name", "id"]

    def __str__(self) -> str:
        return f"{self.application.student_name} {self.amount}元"


class Clawback(models.Model):
    """Money recovered from a recipient who never enrolled (三、(四)5), with the school's report."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="clawback"
    )
    reason = models.TextField("未报到情况")
    report = models.TextField("书面报告")
    amount = models.PositiveIntegerField("应追回金额(元)")
    opened_at = models.DateTimeField("登记时间")
    recovered_on = models.DateField("追回日期", null=True, blank=True)

    class Meta:
        verbose_name = "资助追回"
        verbose_name_plural = "资助追回"
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"追回 {self.application.student_name} {self.amount}元"


class SurveyEntry(models.Model):
    """A final-year student from a poor family in the school's survey (摸底, 二、(一)1: 每年5月底前
    建立本学校的拟资助大学新生信息库)."""

    year = models.ForeignKey(GrantYear, on_delete=models.PROTECT, related_name="survey")
    school = models.ForeignKey(GrantOffice, on_delete=models.PROTECT, related_name="survey")
    student_name = models.CharField("学生姓名", max_length=32)
    class_name = models.CharField("班级", max_length=32)
    situation = models.TextField("家庭经济困难情况")
    categories = models.JSONField("可能的困难类别", default=list)
    surveyed_on = models.DateField("摸底日期")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_entry"
    )

    class Meta:
        verbose_name = "拟资助学生信息库"
        verbose_name_plural = "拟资助学生信息库"
        ordering = ["class_name", "student_name", "id"]

    def __str__(self) -> str:
        return f"{self.student_name}({self.class_name})"
