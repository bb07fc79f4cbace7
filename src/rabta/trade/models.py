"""Trade statistics (as imported), their yearly totals per HS chapter and heading, market guides.

``TradeFigure`` keeps every imported figure as reported: one reporter, one partner, one flow, one
year (and month), one HS code. Mirror flows (Pakistan's exports to Russia as Pakistan reports
them, Russia's imports from Pakistan as Russia reports them) are different reporters, so they are
different rows and different series: never summed. ``TradeTotal`` holds the yearly totals the
pages read (rebuilt after each import by ``trade.totals``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rabta.core.fields import TranslatedField
from rabta.core.storage import get_private_storage


class Flow(models.TextChoices):
    EXPORT = "export", _("Exports")
    IMPORT = "import", _("Imports")


class TradeFigure(models.Model):
    """One figure of one statistics table, as its source reports it."""

    source = models.CharField(_("source"), max_length=100)
    reporter = models.CharField(_("reporter"), max_length=2)
    partner = models.CharField(_("partner"), max_length=2)
    flow = models.CharField(_("flow"), max_length=6, choices=Flow.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), default=0)  # 0: the whole year
    hs_code = models.CharField(_("HS code"), max_length=6, blank=True)  # "": all goods
    level = models.PositiveSmallIntegerField(default=0)  # digits of hs_code: 0, 2, 4 or 6
    chapter = models.CharField(max_length=2, blank=True)
    heading = models.CharField(max_length=4, blank=True)
    value_usd = models.DecimalField(_("trade value (USD)"), max_digits=18, decimal_places=2)
    net_weight_kg = models.DecimalField(
        _("net weight (kg)"), max_digits=18, decimal_places=3, null=True, blank=True
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=18, decimal_places=3, null=True, blank=True
    )
    quantity_unit = models.CharField(_("quantity unit"), max_length=20, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trade figure")
        verbose_name_plural = _("trade figures")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reporter", "partner", "flow", "year", "month", "hs_code"],
                name="trade_figure_once",
            )
        ]
        indexes = [models.Index(fields=["source", "reporter", "partner"], name="trade_fig_series")]

    def __str__(self) -> str:
        return f"{self.source} {self.reporter}→{self.partner} {self.flow} {self.year}/{self.month} {self.hs_code or 'TOTAL'}"


class TradeTotal(models.Model):
    """A yearly total of one series (source, reporter, partner, flow) for all goods (code ""),
    an HS chapter (2 digits) or heading (4 digits). ``months`` is 12 for a whole year (an annual
    figure or twelve monthly ones), fewer for a year still under way."""

    source = models.CharField(max_length=100)
    reporter = models.CharField(max_length=2)
    partner = models.CharField(max_length=2)
    flow = models.CharField(max_length=6, choices=Flow.choices)
    year = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=4, blank=True)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2)
    months = models.PositiveSmallIntegerField(default=12)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reporter", "partner", "flow", "year", "code"],
                name="trade_total_once",
            )
        ]
        indexes = [models.Index(fields=["code", "year"], name="trade_total_code")]

    def __str__(self) -> str:
        return f"{self.source} {self.reporter}→{self.partner} {self.flow} {self.year} {self.code or 'TOTAL'}"

    @property
    def is_whole_year(self) -> bool:
        return self.months >= 12


# --- market guides -------------------------------------------------------------------------


class SectionKind(models.TextChoices):
    CERTIFICATION = "certification", _("Certification and standards")
    CUSTOMS = "customs", _("Customs and documents")
    PAYMENTS = "payments", _("Payments and banking")
    LOGISTICS = "logistics", _("Logistics routes")
    FAIRS = "fairs", _("Trade fairs")
    OTHER = "other", _("Other")


REVIEW_AFTER = timedelta(days=365)


class MarketGuide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(max_length=80, unique=True)
    title = TranslatedField(_("title"), max_length=200)
    summary = TranslatedField(_("summary"), max_length=1000, multiline=True, blank=True)
    market = models.CharField(
        _("market"), max_length=2, help_text=_("The country whose market the guide is about.")
    )
    origin = models.CharField(
        _("for exporters from"),
        max_length=2,
        blank=True,
        help_text=_("The country the exporters come from (empty: any)."),
    )
    hs_chapters = models.JSONField(_("HS chapters"), default=list, blank=True)
    sector = models.ForeignKey(
        "organisations.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sources = TranslatedField(_("sources"), max_length=4000, multiline=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_example = models.BooleanField(_("an example (demo data)"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed = models.DateField(_("last reviewed"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["market", "slug"]
        verbose_name = _("market guide")
        verbose_name_plural = _("market guides")

    def __str__(self) -> str:
        return self.slug

    @property
    def needs_review(self) -> bool:
        return timezone.localdate() - self.last_reviewed > REVIEW_AFTER

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class GuideSection(models.Model):
    guide = models.ForeignKey(MarketGuide, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("topic"), max_length=20, choices=SectionKind.choices)
    body = TranslatedField(_("text"), max_length=20000, multiline=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["guide_id", "position", "id"]
        verbose_name = _("guide section")
        verbose_name_plural = _("guide sections")

    def __str__(self) -> str:
        return f"{self.guide_id}: {self.kind}"


def guide_attachment_path(instance: GuideAttachment, filename: str) -> str:
    """``filename`` is random (rabta.core.files.random_name), never the uploader's."""
    return f"guides/{instance.guide_id}/{filename}"


class GuideAttachment(models.Model):
    guide = models.ForeignKey(MarketGuide, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=guide_attachment_path, storage=get_private_storage)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("guide attachment")
        verbose_name_plural = _("guide attachments")

    def __str__(self) -> str:
        return self.original_name
