from django.db import models


class Issue(models.Model):
    """One gazette issue (一期公报) as ingested from one source file."""

    city = models.CharField("城市", max_length=32)
    title = models.CharField("刊名", max_length=128)
    year = models.PositiveIntegerField("年份", null=True, blank=True)
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    source_name = models.CharField("来源文件", max_length=255)
    source_sha256 = models.CharField("来源指纹", max_length=64, unique=True)
    ingested_at = models.DateTimeField("导入时间")
    warnings = models.JSONField("导入提示", default=list, blank=True)
    counts = models.JSONField("导入结果", default=dict, blank=True)

    class Meta:
        verbose_name = "公报期次"
        verbose_name_plural = "公报期次"
        ordering = ["-year", "-number"]

    def __str__(self) -> str:
        if self.number is None:  # a single document (downloaded), not a numbered issue
            return f"{self.title or '单篇文件'}({self.source_name})"
        return f"{self.title} {self.year}年第{self.number}期"


class Document(models.Model):
    """A document of an issue: a numbered notice (with what it issues) or a chronicle (大事记)."""

    class Kind(models.TextChoices):
        NOTICE = "notice", "公文"
        CHRONICLE = "chronicle", "大事记"

    issue = models.ForeignKey(
        Issue, verbose_name="公报期次", on_delete=models.CASCADE, related_name="documents"
    )
    seq = models.PositiveIntegerField("期内序号")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.NOTICE)
    # NULL, not "": chronicles have no number, and numbers are unique among those that have one.
    number = models.CharField("文号", max_length=64, null=True, blank=True)  # noqa: DJ001
    title = models.CharField("标题", max_length=255)
    issuer = models.CharField("发文机关", max_length=128, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    doc_type = models.CharField("文种", max_length=16, blank=True, db_index=True)
    # what a notice issues (印发), each with its kind: [{"title", "doc_type"}]
    issued = models.JSONField("印发文件", default=list, blank=True)
    attachments = models.JSONField("附件", default=list, blank=True)
    blocks = models.JSONField("正文结构", default=list)
    outline = models.JSONField("目录", default=list)
    body_text = models.TextField("正文")

    class Meta:
        verbose_name = "文件"
        verbose_name_plural = "文件"
        ordering = ["issue", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "seq"], name="document_issue_seq_unique"),
            models.UniqueConstraint(
                fields=["number"],
                condition=models.Q(number__isnull=False),
                name="document_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


class DocumentReference(models.Model):
    """A document citing or repealing another by its number (引用/废止)."""

    class Kind(models.TextChoices):
        CITES = "cites", "引用"
        REPEALS = "repeals", "废止"
        APPROVES = "approves", "批准"  # 关于同意《X》的通知: named by title, target_number ""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField("关系", max_length=8, choices=Kind.choices)
    target_number = models.CharField("被引文号", max_length=64, db_index=True)
    target_title = models.CharField("被引标题", max_length=255, blank=True)
    target = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="referenced_by"
    )

    class Meta:
        verbose_name = "文件关联"
        verbose_name_plural = "文件关联"
        ordering = ["source", "kind", "target_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target_number"], name="reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target_number}"


class ChronicleEvent(models.Model):
    """A dated entry of a chronicle (大事记)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    date = models.DateField("日期", null=True, blank=True)
    text = models.TextField("事件")

    class Meta:
        verbose_name = "大事记条目"
        verbose_name_plural = "大事记条目"
        ordering = ["document", "seq"]

    def __str__(self) -> str:
        return f"{self.date} {self.text[:30]}"


class Passage(models.Model):
    """A searchable stretch of a document (a paragraph, heading or table row) with its anchor."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    seq = models.PositiveIntegerField()
    anchor = models.CharField(max_length=32, blank=True)
    text = models.TextField()
    tokens = models.TextField("检索词元")

    class Meta:
        ordering = ["document", "seq"]
        # the search reads single passages by (document, seq): snippets, whole-phrase checks
        indexes = [models.Index(fields=["document", "seq"], name="passage_document_seq")]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.anchor or self.seq}"


class SearchTerm(models.Model):
    """A search token's occurrences in one document (检索词项): the library's inverted index.

    Written by ``gazette.search.index_document``; one row per (document, token).
    """

    pk = models.CompositePrimaryKey("term", "document")
    term = models.CharField("词元", max_length=64)
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    passages = models.PositiveIntegerField("所在段落数")
    in_title = models.BooleanField("见于标题", default=False)
    seqs = models.TextField("段落序号")  # Passage.seq values, ascending, space-separated

    class Meta:
        verbose_name = "检索词项"
        verbose_name_plural = "检索词项"

    def __str__(self) -> str:
        return f"{self.term} @ {self.document_id}"
