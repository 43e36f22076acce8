"""A server-rendered SVG chart of places: occupied and vacant per group. Pure Python."""

from html import escape

OCCUPIED = "#1f5f99"
VACANT = "#b35900"


def places_chart(rows: list[tuple], *, title: str, occupied_label: str, vacant_label: str) -> str:
    """Horizontal stacked bars: (label, occupied, vacant) per row; labels escaped here."""
    rows = rows[:30]
    width, label_w, bar_h, gap = 560, 200, 16, 8
    height = 30 + len(rows) * (bar_h + gap) + 10
    biggest = max([o + v for _label, o, v in rows] + [1])
    scale = (width - label_w - 40) / biggest
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="2" width="10" height="10" fill="{OCCUPIED}"/>'
        f'<text x="14" y="11" font-size="11">{escape(occupied_label)}</text>'
        f'<rect x="180" y="2" width="10" height="10" fill="{VACANT}"/>'
        f'<text x="194" y="11" font-size="11">{escape(vacant_label)}</text>',
    ]
    y = 24
    for label, occupied, vacant in rows:
        text = str(label)
        if len(text) > 30:
            text = text[:29] + "…"
        parts.append(f'<text x="0" y="{y + 12}" font-size="11">{escape(text)}</text>')
        w_occ = occupied * scale
        w_vac = vacant * scale
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w_occ:.1f}" height="{bar_h}" fill="{OCCUPIED}"/>'
            f'<rect x="{label_w + w_occ:.1f}" y="{y}" width="{w_vac:.1f}" height="{bar_h}" '
            f'fill="{VACANT}"/>'
            f'<text x="{label_w + w_occ + w_vac + 4:.1f}" y="{y + 12}" font-size="11">'
            f"{int(occupied)}/{int(occupied + vacant)}</text>"
        )
        y += bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
