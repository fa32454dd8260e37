"""Health statistics (/so-lieu/): each indicator compared across provinces and years.

A figure is shown when the article it comes from is published: drafts never leak their numbers.
The chart is SVG drawn by the template from the geometry computed here; a table beside it
carries the same figures for screen readers and for copying, and a CSV file for spreadsheets.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.models import Article, Indicator, Statistic

# The chart's drawing units (the SVG's viewBox; CSS scales it to the column).
CHART_WIDTH = 340
BAR_AREA = 220  # the longest bar; the rest of the row is left for its value
ROW_HEIGHT = 48


@dataclass
class Bar:
    figure: Statistic
    top: int
    length: int

    @property
    def label_y(self):
        return self.top + 16

    @property
    def bar_y(self):
        return self.top + 23

    @property
    def value_x(self):
        return self.length + 6


def chart_bars(figures):
    """One bar per figure, its length proportional to the largest value."""
    largest = max((figure.value for figure in figures), default=Decimal(0))
    return [
        Bar(
            figure=figure,
            top=index * ROW_HEIGHT,
            length=round(BAR_AREA * figure.value / largest) if largest else 0,
        )
        for index, figure in enumerate(figures)
    ]


def published_figures(indicator):
    return (
        Statistic.objects.published()
        .filter(indicator=indicator)
        .select_related("province__successor", "article")
        .order_by("-year", "province__sort_key", "article__published_at", "pk")
    )


def indicator_list(request):
    # The aggregates count the figures the filter joined: those of published articles.
    indicators = (
        Indicator.objects.filter(Article.objects.published().includes("statistics__article_id"))
        .annotate(
            figures=Count("statistics"),
            provinces=Count("statistics__province", distinct=True),
            first_year=Min("statistics__year"),
            last_year=Max("statistics__year"),
        )
        .order_by("sort_key")
    )
    return render(request, "articles/indicator_list.html", {"indicators": indicators})


def indicator_detail(request, slug):
    indicator = get_object_or_404(Indicator, slug=slug)
    figures = list(published_figures(indicator))
    bars = chart_bars(figures)
    return render(
        request,
        "articles/indicator_detail.html",
        {
            "indicator": indicator,
            "figures": figures,
            "bars": bars,
            "chart_width": CHART_WIDTH,
            "chart_height": len(bars) * ROW_HEIGHT,
        },
    )


def indicator_csv(request, slug):
    """The figures as a UTF-8 CSV (with a byte-order mark, so that Excel reads the diacritics).

    Values are written with a decimal point and no grouping, as spreadsheets and scripts read them.
    """
    indicator = get_object_or_404(Indicator, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["Chỉ số", "Tỉnh, thành phố", "Năm", "Giá trị", "Mức độ", "Đơn vị", "Cách viết", "Nguồn"]
    )
    for figure in published_figures(indicator):
        writer.writerow(
            [
                indicator.name,
                figure.province.full_name,
                figure.year,
                format(figure.value.normalize(), "f"),
                figure.get_qualifier_display() if figure.qualifier else "",
                figure.unit,
                figure.as_written,
                request.build_absolute_uri(figure.article.get_absolute_url()),
            ]
        )
    return response


def province_figures(units):
    """The published figures of a province and of the units merged into it, newest first."""
    return (
        Statistic.objects.published()
        .filter(province__in=units, indicator__isnull=False)
        .select_related("indicator", "province")
        .order_by("-year", "indicator__sort_key", "pk")
    )
