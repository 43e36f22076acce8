"""Server-side SVG charts for reports. Pure Python: labels are escaped here."""

from html import escape

COLOURS = ["#1f5f99", "#b35900", "#2e7d32", "#7b1fa2", "#c62828", "#00838f"]


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines or [""]


def bar_chart(
    rows: list[tuple], *, group_label: str, national_label: str, title: str, number=None
) -> str:
    """Horizontal bars per theme: the group's score and the national figure (scale 1-5).

    Coordinates are written here, never localised; the score shown as text goes through
    ``number`` (the page's own number format, so chart and table agree: 3,1 and 3,1).
    """
    if number is None:
        number = "{:.1f}".format
    width, label_h, bar_h, gap = 360, 18, 12, 14
    height = 34 + sum(len(_wrap(str(label), 44)) * label_h + 2 * bar_h + gap for label, *_ in rows)
    scale = (width - 40) / 4  # score 1 at x=0, 5 at the right edge

    def bar(y, value, colour):
        if value is None:
            return f'<text x="0" y="{y + 10}" font-size="11" fill="#666">–</text>'
        w = max(2.0, (value - 1) * scale)
        return (
            f'<rect x="0" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" rx="2"/>'
            f'<text x="{w + 4:.1f}" y="{y + 10}" font-size="11">{escape(number(value))}</text>'
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="2" width="10" height="10" fill="{COLOURS[0]}"/>'
        f'<text x="14" y="11" font-size="11">{escape(group_label)}</text>'
        f'<rect x="180" y="2" width="10" height="10" fill="#9e9e9e"/>'
        f'<text x="194" y="11" font-size="11">{escape(national_label)}</text>',
    ]
    y = 30
    for label, value, national in rows:
        for line in _wrap(str(label), 44):
            parts.append(
                f'<text x="0" y="{y + 12}" font-size="12" font-weight="600">{escape(line)}</text>'
            )
            y += label_h
        parts.append(bar(y, value, COLOURS[0]))
        y += bar_h
        parts.append(bar(y, national, "#9e9e9e"))
        y += bar_h + gap
    parts.append("</svg>")
    return "".join(parts)


def line_chart(series: list[tuple], x_labels: list[str], *, title: str) -> str:
    """One line per theme over the campaigns (years); gaps where a year was not reportable."""
    width, height, left, bottom, top = 360, 200, 28, 24, 10
    legend_h = 16 * len(series)
    plot_w, plot_h = width - left - 10, height - bottom - top
    n = max(len(x_labels), 1)

    def x(i):
        return left + (plot_w * (i + 0.5) / n)

    def y(v):
        return top + plot_h - (v - 1) / 4 * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + legend_h}" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for score in range(1, 6):
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y(score):.1f}" y2="{y(score):.1f}" stroke="#ddd"/>'
            f'<text x="{left - 14}" y="{y(score) + 4:.1f}" font-size="10">{score}</text>'
        )
    for i, label in enumerate(x_labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 6}" font-size="10" text-anchor="middle">{escape(label)}</text>'
        )
    for index, (label, values) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for px, py in points:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        ly = height + 12 + 16 * index
        parts.append(
            f'<rect x="0" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="14" y="{ly}" font-size="11">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
