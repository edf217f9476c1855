"""Geometry of the self-assessment profile: a horizontal bar per key factor and round, drawn as
SVG by the template, so it prints, appears in PDFs and needs no JavaScript."""

from dataclasses import dataclass

from ..models import Level

LABEL_WIDTH = 300
BAR_AREA = 360
BAR_HEIGHT = 16
ROW_GAP = 12
TOP = 30
MAX_LEVEL = max(Level.values)


@dataclass
class Bar:
    series: int
    y: int
    width: int
    level: int | None
    label: str


@dataclass
class Row:
    factor: object
    y: int
    bars: list


def profile(factors, series):
    """`series` is a list of {key factor id: level or None}, one per round (at most two)."""
    rows, y = [], TOP
    for factor in factors:
        bars = []
        for index, levels in enumerate(series):
            level = levels.get(factor.pk)
            width = 0 if level is None else round(BAR_AREA * (level + 1) / (MAX_LEVEL + 1))
            label = Level(level).label if level is not None else ""
            bars.append(Bar(series=index, y=y + index * BAR_HEIGHT, width=width, level=level, label=str(label)))
        rows.append(Row(factor=factor, y=y, bars=bars))
        y += BAR_HEIGHT * max(len(series), 1) + ROW_GAP
    ticks = [{"x": LABEL_WIDTH + round(BAR_AREA * (value + 1) / (MAX_LEVEL + 1)), "label": str(label)}
             for value, label in Level.choices]
    return {
        "rows": rows, "ticks": ticks, "label_width": LABEL_WIDTH, "bar_area": BAR_AREA,
        "width": LABEL_WIDTH + BAR_AREA + 20, "height": y + 10, "bar_height": BAR_HEIGHT - 2,
    }
