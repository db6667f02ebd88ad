"""Draw the synthetic pathway figures in ``examples/`` and their truth file.

Eight diagrams of well-known human signalling pathways, drawn with Pillow in the styles that
published pathway figures use (rounded boxes, ellipses, plain labels, pastel and dark fills,
arrows and T-bars, a membrane band, rotated text, a dense small-font panel, a JPEG). Every
label that names one human gene is recorded with its HGNC symbol, so ``truth.tsv`` always
matches what is drawn. The output is deterministic: rerunning the script rewrites the same
files (for a given Pillow build).

Usage::

    .venv/bin/python examples/make_examples.py [--out DIR] [--check-hgnc hgnc_complete_set.txt.gz]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    ("sans", False, False): "DejaVuSans.ttf",
    ("sans", True, False): "DejaVuSans-Bold.ttf",
    ("sans", False, True): "DejaVuSans-Oblique.ttf",
    ("sans", True, True): "DejaVuSans-BoldOblique.ttf",
    ("serif", False, False): "DejaVuSerif.ttf",
    ("serif", True, False): "DejaVuSerif-Bold.ttf",
    ("serif", False, True): "DejaVuSerif-Italic.ttf",
    ("serif", True, True): "DejaVuSerif-BoldItalic.ttf",
    ("mono", False, False): "DejaVuSansMono.ttf",
    ("mono", True, False): "DejaVuSansMono-Bold.ttf",
    ("mono", False, True): "DejaVuSansMono-Oblique.ttf",
    ("mono", True, True): "DejaVuSansMono-BoldOblique.ttf",
}
SCALE = 2  # draw at 2x and downsample: smooth lines, like figures exported from drawing tools
SOURCE = "synthetic example drawn by examples/make_examples.py (pfocr); not a published figure"

Point = tuple[float, float]


class FontError(RuntimeError):
    """A DejaVu font file is missing."""


@cache
def load_font(family: str, size: float, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    """Load a DejaVu font at ``size`` final pixels (drawn at ``SCALE`` times that).

    :param family: ``sans``, ``serif`` or ``mono``
    :param size: the font size in pixels of the final image
    :param bold: bold face
    :param italic: oblique or italic face
    :returns: the font
    :raises FontError: when the font file is not installed
    """
    path = FONT_DIR / FONT_FILES[(family, bold, italic)]
    if not path.is_file():
        raise FontError(
            f"font {path} not found: install the DejaVu fonts "
            "(Debian/Ubuntu: apt-get install fonts-dejavu-core fonts-dejavu-extra)"
        )
    return ImageFont.truetype(str(path), round(size * SCALE))


@dataclass(frozen=True)
class Style:
    """How a node looks. ``shape`` is ``round``, ``rect``, ``ellipse`` or ``text``."""

    shape: str = "round"
    fill: str | None = "#ffffff"
    ink: str = "#000000"
    outline: str | None = "#000000"
    font: str = "sans"
    size: float = 16
    bold: bool = False
    italic: bool = False
    pad: Point = (10, 6)
    line: float = 1.5


@dataclass(frozen=True)
class Node:
    """A drawn label; ``genes`` are the HGNC symbols it names, ``family`` marks family labels."""

    key: str
    label: str
    x: float
    y: float
    w: float
    h: float
    style: Style
    genes: tuple[str, ...] = ()
    family: bool = False
    angle: int = 0
    drawn: bool = True

    def border(self, toward: Point, gap: float) -> Point:
        """Return the point where the ray from the centre toward ``toward`` leaves the node.

        :param toward: a point outside the node
        :param gap: extra distance beyond the outline
        :returns: the boundary point
        """
        dx, dy = toward[0] - self.x, toward[1] - self.y
        dist = math.hypot(dx, dy) or 1.0
        hw, hh = self.w / 2, self.h / 2
        if self.style.shape == "ellipse":
            t = 1 / math.sqrt((dx / hw) ** 2 + (dy / hh) ** 2)
        else:
            t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
        t = min(t + gap / dist, 1.0)
        return (self.x + dx * t, self.y + dy * t)


@dataclass
class Canvas:
    """A figure being drawn: coordinates are final pixels, drawing happens at ``SCALE``."""

    width: int
    height: int
    background: str = "#ffffff"
    nodes: dict[str, Node] = field(default_factory=dict)
    order: list[Node] = field(default_factory=list)
    edges: list[Callable[[], None]] = field(default_factory=list)
    #: the edges between nodes, as drawn (source key, target key, kind): the edge truth
    drawn: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        size = (self.width * SCALE, self.height * SCALE)
        self.image = Image.new("RGB", size, self.background)
        self.draw = ImageDraw.Draw(self.image)

    # -- primitives -------------------------------------------------------------------------

    @staticmethod
    def s(*values: float) -> list[float]:
        """Scale final-pixel values to drawing pixels.

        :param values: coordinates or lengths
        :returns: the scaled values
        """
        return [v * SCALE for v in values]

    def line(self, points: Sequence[Point], color: str, width: float, dash: float = 0) -> None:
        """Draw a polyline, dashed when ``dash`` > 0.

        :param points: the vertices
        :param color: line colour
        :param width: line width in final pixels
        :param dash: dash length in final pixels (0 for solid)
        """
        w = max(1, round(width * SCALE))
        if not dash:
            self.draw.line([tuple(self.s(*p)) for p in points], fill=color, width=w, joint="curve")
            return
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            length = math.hypot(x1 - x0, y1 - y0)
            steps = max(1, int(length // (dash * 2)))
            for i in range(steps + 1):
                a, b = i * 2 * dash / length, min((i * 2 + 1) * dash / length, 1.0)
                if a >= 1:
                    break
                seg = [(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a)]
                seg.append((x0 + (x1 - x0) * b, y0 + (y1 - y0) * b))
                self.draw.line([tuple(self.s(*p)) for p in seg], fill=color, width=w)

    def box(
        self,
        xy: tuple[float, float, float, float],
        fill: str | None,
        outline: str | None,
        width: float = 1.5,
        radius: float = 0,
        dash: float = 0,
    ) -> None:
        """Draw a rectangle (rounded when ``radius`` > 0, dashed outline when ``dash`` > 0).

        :param xy: left, top, right, bottom
        :param fill: fill colour or None
        :param outline: outline colour or None
        :param width: outline width
        :param radius: corner radius
        :param dash: dash length of the outline
        """
        x0, y0, x1, y1 = xy
        ow = max(1, round(width * SCALE)) if outline and not dash else 0
        outline_arg = outline if ow else None
        r = radius * SCALE
        self.draw.rounded_rectangle(self.s(*xy), r, fill=fill, outline=outline_arg, width=ow)
        if outline and dash:
            pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
            self.line(pts, outline, width, dash)

    def ellipse(
        self,
        xy: tuple[float, float, float, float],
        fill: str | None,
        outline: str | None,
        width: float,
    ) -> None:
        """Draw an ellipse in the box ``xy``.

        :param xy: left, top, right, bottom
        :param fill: fill colour or None
        :param outline: outline colour or None
        :param width: outline width
        """
        ow = max(1, round(width * SCALE)) if outline else 0
        self.draw.ellipse(self.s(*xy), fill=fill, outline=outline, width=ow)

    def text(
        self,
        x: float,
        y: float,
        label: str,
        style: Style,
        angle: int = 0,
        anchor: str = "mm",
    ) -> tuple[float, float]:
        """Draw (multi-line, centred) text at ``x, y`` and return its size in final pixels.

        :param x: anchor x
        :param y: anchor y
        :param label: the text, ``\\n`` separating lines
        :param style: font, size and ink
        :param angle: rotation in degrees counter-clockwise (0 or 90)
        :param anchor: Pillow text anchor for unrotated text
        :returns: width and height of the drawn text
        """
        font = load_font(style.font, style.size, style.bold, style.italic)
        spacing = style.size * 0.25 * SCALE
        bbox = self.draw.multiline_textbbox(
            (0, 0), label, font=font, anchor="la", spacing=spacing, align="center"
        )
        tw, th = bbox[2] - bbox[0], bbox[3] - bbox[1]
        if not angle:
            self.draw.multiline_text(
                (x * SCALE, y * SCALE),
                label,
                font=font,
                fill=style.ink,
                anchor=anchor,
                spacing=spacing,
                align="center",
            )
            return (tw / SCALE, th / SCALE)
        tile = Image.new("RGBA", (math.ceil(tw) + 4, math.ceil(th) + 4), (0, 0, 0, 0))
        ImageDraw.Draw(tile).multiline_text(
            (2 - bbox[0], 2 - bbox[1]),
            label,
            font=font,
            fill=style.ink,
            spacing=spacing,
            align="center",
        )
        tile = tile.rotate(angle, expand=True)
        sx, sy = self.s(x, y)
        self.image.paste(tile, (round(sx - tile.width / 2), round(sy - tile.height / 2)), tile)
        return (tile.width / SCALE, tile.height / SCALE)

    def measure(self, label: str, style: Style) -> Point:
        """Return the size of ``label`` in final pixels.

        :param label: the text
        :param style: font and size
        :returns: width and height
        """
        font = load_font(style.font, style.size, style.bold, style.italic)
        bbox = self.draw.multiline_textbbox(
            (0, 0), label, font=font, anchor="la", spacing=style.size * 0.25 * SCALE
        )
        return ((bbox[2] - bbox[0]) / SCALE, (bbox[3] - bbox[1]) / SCALE)

    # -- diagram elements -------------------------------------------------------------------

    def node(
        self,
        key: str,
        label: str,
        x: float,
        y: float,
        style: Style,
        genes: str = "",
        family: bool = False,
        angle: int = 0,
        w: float | None = None,
        h: float | None = None,
    ) -> Node:
        """Register a node (drawn by :meth:`finish`, above the edges).

        :param key: identifier for edges
        :param label: the text as printed
        :param x: centre x
        :param y: centre y
        :param style: the look
        :param genes: space-separated HGNC symbols the label names
        :param family: the label names a gene family or complex
        :param angle: text rotation (0 or 90)
        :param w: width (default: text plus padding)
        :param h: height (default: text plus padding)
        :returns: the node
        """
        tw, th = self.measure(label, style)
        if angle:
            tw, th = th, tw
        width = w if w is not None else tw + 2 * style.pad[0]
        height = h if h is not None else th + 2 * style.pad[1]
        if style.shape == "ellipse" and w is None:
            width, height = width * 1.25, height * 1.3
        item = Node(key, label, x, y, width, height, style, tuple(genes.split()), family, angle)
        self.nodes[key] = item
        self.order.append(item)
        return item

    def label(
        self,
        x: float,
        y: float,
        label: str,
        style: Style,
        angle: int = 0,
        family: bool = False,
    ) -> None:
        """Draw a plain text now: compartments, processes, small molecules, family labels.

        :param x: centre x
        :param y: centre y
        :param label: the text
        :param style: the look (its shape is ignored)
        :param angle: rotation in degrees
        :param family: the label names a gene family or complex
        """
        self.text(x, y, label, style, angle)
        self.mark(label, family=family)

    def mark(self, label: str, genes: str = "", family: bool = False) -> None:
        """Record a label drawn outside :meth:`node` for the truth file.

        :param label: the text as printed
        :param genes: space-separated HGNC symbols it names
        :param family: it names a gene family or complex
        """
        if genes or family:
            self.order.append(
                Node(f"mark:{label}", label, 0, 0, 0, 0, Style(), tuple(genes.split()), family)
            )

    def group(
        self,
        xy: tuple[float, float, float, float],
        label: str,
        style: Style,
        fill: str | None = None,
        outline: str = "#666666",
        dash: float = 0,
        radius: float = 10,
        where: str = "top",
        family: bool = False,
        genes: str = "",
    ) -> None:
        """Draw a group or compartment frame with its label (drawn immediately, behind nodes).

        :param xy: left, top, right, bottom
        :param label: the group's label (may be empty)
        :param style: the label's font
        :param fill: background colour
        :param outline: frame colour
        :param dash: dash length of the frame (0 for solid)
        :param radius: corner radius
        :param where: label position: ``top``, ``bottom``, ``topleft`` or ``left`` (vertical)
        :param family: the label names a gene family or complex
        :param genes: HGNC symbols the label names
        """
        self.box(xy, fill, outline, style.line, radius, dash)
        if not label:
            return
        x0, y0, x1, y1 = xy
        _, th = self.measure(label, style)
        if where == "top":
            self.text((x0 + x1) / 2, y0 + th / 2 + 4, label, style)
        elif where == "bottom":
            self.text((x0 + x1) / 2, y1 - th / 2 - 4, label, style)
        elif where == "topleft":
            self.text(x0 + 6, y0 + 4, label, style, anchor="la")
        else:
            self.text(x0 + th / 2 + 5, (y0 + y1) / 2, label, style, angle=90)
        self.mark(label, genes, family)

    def edge(
        self,
        src: str | Point,
        dst: str | Point,
        kind: str = "act",
        color: str = "#000000",
        width: float = 2,
        dash: float = 0,
        via: Sequence[Point] = (),
        gap: float = 3,
    ) -> None:
        """Register an edge: ``act`` (arrow), ``inh`` (T-bar) or ``line`` (no head).

        :param src: node key or point
        :param dst: node key or point
        :param kind: ``act``, ``inh`` or ``line``
        :param color: line colour
        :param width: line width
        :param dash: dash length (0 for solid)
        :param via: intermediate points (elbows)
        :param gap: distance kept from node outlines
        """

        def draw() -> None:
            a = self._center(src)
            b = self._center(dst)
            first = via[0] if via else b
            last = via[-1] if via else a
            start = self.nodes[src].border(first, gap) if isinstance(src, str) else a
            end = self.nodes[dst].border(last, gap) if isinstance(dst, str) else b
            pts = [start, *via, end]
            px, py = pts[-2]
            ex, ey = end
            length = math.hypot(ex - px, ey - py) or 1.0
            ux, uy = (ex - px) / length, (ey - py) / length
            if kind == "act":
                head, half = 7 + 2 * width, 3.5 + width
                base = (ex - ux * head, ey - uy * head)
                self.line([*pts[:-1], base], color, width, dash)
                tri = [
                    end,
                    (base[0] - uy * half, base[1] + ux * half),
                    (base[0] + uy * half, base[1] - ux * half),
                ]
                self.draw.polygon([tuple(self.s(*p)) for p in tri], fill=color)
            else:
                self.line(pts, color, width, dash)
                if kind == "inh":
                    half = 7 + width
                    bar = [(ex - uy * half, ey + ux * half), (ex + uy * half, ey - ux * half)]
                    self.line(bar, color, width + 1)

        self.edges.append(draw)
        if isinstance(src, str) and isinstance(dst, str):
            self.drawn.append((src, dst, kind))

    def _center(self, ref: str | Point) -> Point:
        if isinstance(ref, str):
            n = self.nodes[ref]
            return (n.x, n.y)
        return ref

    def membrane(self, y0: float, y1: float, x0: float = 0, x1: float | None = None) -> None:
        """Draw a lipid bilayer band (heads as circles, tails as short lines).

        :param y0: top of the band
        :param y1: bottom of the band
        :param x0: left end
        :param x1: right end (default: image width)
        """
        x1 = self.width if x1 is None else x1
        r = (y1 - y0) / 7
        self.box((x0, y0, x1, y1), "#fdf3e1", None)
        x = x0 + r
        while x < x1:
            for yh, yt in ((y0 + r, y0 + 3 * r), (y1 - r, y1 - 3 * r)):
                self.line([(x - r / 3, yh), (x - r / 3, yt)], "#c9a36b", 1)
                self.line([(x + r / 3, yh), (x + r / 3, yt)], "#c9a36b", 1)
                self.ellipse((x - r, yh - r, x + r, yh + r), "#f1b86a", "#b7833a", 0.7)
            x += 2 * r + 1

    def phospho(self, x: float, y: float, r: float = 8) -> None:
        """Draw a phosphate mark (a small circle with ``P``).

        :param x: centre x
        :param y: centre y
        :param r: radius
        """
        self.ellipse((x - r, y - r, x + r, y + r), "#ffd966", "#7f6000", 1)
        self.text(x, y, "P", Style(size=r * 1.3, bold=True, ink="#7f6000"))

    def finish(self) -> Image.Image:
        """Draw the registered edges, then the nodes, and downsample.

        :returns: the final image
        """
        for draw in self.edges:
            draw()
        for n in self.order:
            if n.key.startswith("mark:"):
                continue
            st = n.style
            xy = (n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2)
            if st.shape == "ellipse":
                self.ellipse(xy, st.fill, st.outline, st.line)
            elif st.shape in ("round", "rect"):
                radius = min(n.h / 2.5, 10) if st.shape == "round" else 0
                self.box(xy, st.fill, st.outline, st.line, radius)
            self.text(n.x, n.y, n.label, st, n.angle)
        return self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)

    def edge_truth(self) -> list[tuple[str, str, str, str, str, str]]:
        """Return the drawn interactions between nodes: source genes, target genes (``|``
        between a label's genes), directed, class, and the labels as printed.

        :returns: one row per drawn edge, in drawing order
        """
        kinds = {"act": ("yes", "activation"), "inh": ("yes", "inhibition")}
        rows = []
        for src, dst, kind in self.drawn:
            a, b = self.nodes[src], self.nodes[dst]
            directed, edge_class = kinds.get(kind, ("no", "binding"))
            rows.append(
                ("|".join(a.genes), "|".join(b.genes), directed, edge_class, a.label, b.label)
            )
        return rows

    def truth(self) -> tuple[list[tuple[str, list[str]]], list[str]]:
        """Return the gene labels (symbol -> labels as printed) and family labels drawn.

        :returns: genes in drawing order with their labels, and family labels
        """
        genes: dict[str, list[str]] = {}
        families: list[str] = []
        for n in self.order:
            printed = " ".join(n.label.split())
            for sym in n.genes:
                labels = genes.setdefault(sym, [])
                if printed not in labels:
                    labels.append(printed)
            if n.family and printed not in families:
                families.append(printed)
        return list(genes.items()), families


# -- the figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One example figure: file name, metadata and its drawing function."""

    name: str
    number: str
    title: str
    caption: str
    draw: Callable[[], Canvas]
    ext: str = "png"


PASTEL = {
    "blue": "#cfe2f3",
    "green": "#d9ead3",
    "yellow": "#fff2cc",
    "red": "#f4cccc",
    "pink": "#ead1dc",
    "purple": "#d9d2e9",
    "orange": "#fce5cd",
    "grey": "#eeeeee",
}
DARK = {
    "blue": "#1f4e79",
    "green": "#38761d",
    "red": "#990000",
    "purple": "#4b2a7b",
    "teal": "#134f5c",
    "brown": "#7f4f00",
}


def tnf_nfkb() -> Canvas:
    """TNF and CD40 signalling to canonical and non-canonical NF-κB (membrane band)."""
    c = Canvas(900, 780)
    box = Style(size=17, pad=(10, 6), line=1.5)
    blue, green, pink = (replace(box, fill=PASTEL[k]) for k in ("blue", "green", "pink"))
    yellow, purple = replace(box, fill=PASTEL["yellow"]), replace(box, fill=PASTEL["purple"])
    note = Style(shape="text", size=16, italic=True, ink="#555555")
    c.text(450, 22, "TNF and CD40 signalling to NF-κB", Style(size=22, bold=True))
    c.membrane(140, 182)
    c.label(820, 120, "Extracellular", note)
    c.label(820, 205, "Cytoplasm", note)
    c.group((30, 560, 870, 765), "Nucleus", replace(note, size=17), fill="#f3f3f3", radius=24)
    # canonical branch
    c.node("tnf", "TNF-α", 230, 80, pink, "TNF")
    c.node("tnfr", "TNFR1", 230, 161, blue, "TNFRSF1A", w=90, h=74)
    c.node("tradd", "TRADD", 150, 240, green, "TRADD")
    c.node("traf2", "TRAF2", 270, 240, green, "TRAF2")
    c.node("ripk1", "RIPK1", 150, 300, green, "RIPK1")
    c.node("ciap", "cIAP1/2", 275, 300, green, "BIRC2 BIRC3")
    c.group((60, 355, 390, 445), "IKK complex", replace(note, size=14), dash=5, family=True)
    c.node("ikka", "IKKα", 120, 412, yellow, "CHUK")
    c.node("ikkb", "IKKβ", 222, 412, yellow, "IKBKB")
    c.node("ikkg", "IKKγ", 326, 412, yellow, "IKBKG")
    c.node("ikba", "IκBα", 120, 492, pink, "NFKBIA")
    c.phospho(158, 476)
    c.label(90, 548, "26S proteasome", replace(note, size=14), family=True)
    c.group((200, 462, 390, 548), "", box, outline="#888888", dash=4)
    c.label(295, 534, "NF-κB", Style(size=15, bold=True, ink="#1f4e79"), family=True)
    c.node("rela", "RelA", 250, 492, blue, "RELA")
    c.node("p50", "p50", 340, 492, blue, "NFKB1")
    c.edge("tnf", "tnfr")
    c.edge("tnfr", "tradd")
    c.edge("tnfr", "traf2")
    c.edge("ciap", "ripk1", "line")
    c.edge("tradd", "ripk1", "line")
    c.edge("traf2", "ciap", "line")
    c.edge((215, 330), (215, 352))
    c.edge("ikka", "ikba", via=[(120, 450)])
    c.edge("ikba", "rela", "inh")
    c.edge("ikba", (90, 536), dash=3)
    # non-canonical branch
    c.node("cd40l", "CD40L", 660, 80, pink, "CD40LG")
    c.node("cd40", "CD40", 660, 161, blue, "CD40", w=90, h=74)
    c.node("traf3", "TRAF3", 600, 245, green, "TRAF3")
    c.node("ciap2", "cIAP1/2", 725, 245, green, "BIRC2 BIRC3")
    c.node("nik", "NIK", 660, 330, purple, "MAP3K14")
    c.node("ikka2", "IKKα", 660, 410, yellow, "CHUK")
    c.node("p100", "p100", 610, 500, blue, "NFKB2")
    c.node("relb", "RelB", 715, 500, blue, "RELB")
    c.phospho(645, 480)
    c.edge("cd40l", "cd40")
    c.edge("cd40", "traf3")
    c.edge("traf3", "nik", "inh", color="#990000")
    c.edge("nik", "ikka2")
    c.edge("ikka2", (640, 475))
    # nucleus
    c.node("rela_n", "RelA", 180, 610, blue, "RELA")
    c.node("p50_n", "p50", 270, 610, blue, "NFKB1")
    c.node("p52", "p52", 610, 610, blue, "NFKB2")
    c.node("relb_n", "RelB", 700, 610, blue, "RELB")
    c.edge((290, 550), (250, 588), width=2.5)
    c.edge((660, 535), (655, 588), width=2.5)
    c.label(590, 555, "processing", replace(note, size=13))
    target = replace(box, fill="#ffffff", size=16)
    for i, (lab, sym) in enumerate(
        [("IL-6", "IL6"), ("IL-8", "CXCL8"), ("TNF-α", "TNF"), ("A20", "TNFAIP3")]
    ):
        c.node(f"t{i}", lab, 110 + i * 95, 690, target, sym)
    c.edge((225, 632), (225, 668))
    c.label(640, 690, "Inflammation, cell survival", Style(size=17, bold=True, ink="#990000"))
    return c


def mapk_erk() -> Canvas:
    """EGF to ERK1/2: ellipses in a serif font, a plain double-line membrane."""
    c = Canvas(820, 900)
    ell = Style(shape="ellipse", font="serif", size=18, pad=(8, 5), line=1.5)
    green, blue, orange = (replace(ell, fill=PASTEL[k]) for k in ("green", "blue", "orange"))
    red, purple = replace(ell, fill=PASTEL["red"]), replace(ell, fill=PASTEL["purple"])
    small = Style(font="serif", size=15, italic=True, ink="#444444")
    c.text(410, 24, "EGFR–RAS–ERK signalling", Style(font="serif", size=24, bold=True))
    c.line([(20, 120), (800, 120)], "#888888", 3)
    c.line([(20, 134), (800, 134)], "#888888", 3)
    c.label(740, 105, "Plasma membrane", small)
    c.node("egf", "EGF", 410, 70, green, "EGF")
    c.node("egfr", "EGFR", 410, 127, blue, "EGFR")
    c.phospho(465, 150)
    c.node("grb2", "GRB2", 310, 215, orange, "GRB2")
    c.node("sos1", "SOS1", 490, 215, orange, "SOS1")
    c.group(
        (240, 262, 580, 340), "RAS", Style(font="serif", size=15, bold=True), dash=5, family=True
    )
    c.node("hras", "HRAS", 335, 306, red, "HRAS")
    c.node("kras", "KRAS", 485, 306, red, "KRAS")
    c.label(170, 300, "GDP → GTP", small)
    c.node("nf1", "NF1", 690, 300, purple, "NF1")
    c.node("braf", "BRAF", 330, 400, orange, "BRAF")
    c.node("raf1", "RAF1", 490, 400, orange, "RAF1")
    c.node("mek", "MEK1", 410, 490, orange, "MAP2K1")
    c.node("erk", "ERK1/2", 410, 580, replace(ell, fill="#f6b26b"), "MAPK3 MAPK1")
    c.node("dusp", "DUSP6", 650, 580, purple, "DUSP6")
    c.edge("egf", "egfr")
    c.edge("egfr", "grb2")
    c.edge("grb2", "sos1", "line")
    c.edge("sos1", (485, 262))
    c.edge("nf1", (580, 300), "inh", color="#990000")
    c.edge("hras", "braf")
    c.edge("kras", "raf1")
    c.edge("braf", "mek")
    c.edge("raf1", "mek")
    c.edge("mek", "erk")
    c.edge("dusp", "erk", "inh", color="#990000")
    c.group((40, 640, 780, 885), "Nucleus", small, fill="#f4f4f4", radius=30, where="topleft")
    c.node("elk1", "ELK1", 220, 720, green, "ELK1")
    ap1 = Style(font="serif", size=14)
    c.group((360, 680, 710, 762), "AP-1", ap1, dash=4, where="bottom", family=True)
    c.node("fos", "c-FOS", 450, 716, green, "FOS")
    c.node("jun", "c-JUN", 610, 716, green, "JUN")
    c.edge("erk", "elk1", width=2.5)
    c.edge("erk", "fos", width=2.5)
    c.edge("elk1", "fos", dash=4)
    c.label(410, 820, "Proliferation · Differentiation", Style(font="serif", size=20, bold=True))
    return c


def pi3k_akt_mtor() -> Canvas:
    """PI3K-AKT-mTOR with dark fills and white bold text."""
    c = Canvas(880, 840)
    dark = Style(shape="round", size=17, bold=True, ink="#ffffff", outline=None, pad=(12, 7))
    blue, green, red = (replace(dark, fill=DARK[k]) for k in ("blue", "green", "red"))
    purple, teal, brown = (replace(dark, fill=DARK[k]) for k in ("purple", "teal", "brown"))
    word = Style(size=16, italic=True, ink="#333333")
    c.text(440, 22, "PI3K–AKT–mTOR pathway", Style(size=23, bold=True))
    c.label(210, 62, "growth factors", replace(word, size=18), family=True)
    c.box((0, 100, 880, 116), "#d9d9d9", None)
    c.node("rtk", "RTK", 210, 108, replace(blue, fill="#3d85c6"), family=True, h=60)
    grp = Style(size=15, bold=True)
    c.group((110, 170, 330, 238), "PI3K", grp, dash=5, where="bottom", family=True)
    c.node("p85", "p85α", 165, 195, blue, "PIK3R1")
    c.node("p110", "p110α", 270, 195, blue, "PIK3CA")
    c.label(470, 160, "PIP2", word)
    c.label(610, 160, "PIP3", word)
    c.node("pten", "PTEN", 540, 220, red, "PTEN")
    c.node("pdk1", "PDK1", 420, 300, teal, "PDPK1")
    c.node("akt", "AKT1", 600, 330, green, "AKT1")
    c.node("mtorc2", "mTORC2", 780, 300, purple, family=True)
    c.node("foxo", "FOXO3", 380, 400, brown, "FOXO3")
    c.group((500, 420, 720, 488), "", Style(), dash=4)
    c.node("tsc1", "TSC1", 555, 454, red, "TSC1")
    c.node("tsc2", "TSC2", 665, 454, red, "TSC2")
    c.node("rheb", "RHEB", 610, 545, green, "RHEB")
    c.group((480, 590, 740, 660), "mTORC1", grp, dash=5, where="bottom", family=True)
    c.node("mtor", "mTOR", 555, 618, purple, "MTOR")
    c.node("raptor", "Raptor", 670, 618, purple, "RPTOR")
    c.node("lkb1", "LKB1", 800, 410, teal, "STK11")
    c.node("ampk", "AMPK", 800, 510, teal, family=True)
    c.label(800, 555, "AMP/ATP ↑", replace(word, size=14))
    c.node("s6k", "S6K1", 470, 730, blue, "RPS6KB1")
    c.node("4ebp", "4E-BP1", 690, 730, red, "EIF4EBP1")
    c.node("eif4e", "eIF4E", 690, 800, blue, "EIF4E")
    c.label(300, 790, "Protein synthesis, cell growth", Style(size=17, bold=True))
    c.edge("rtk", (210, 168))
    c.edge((330, 195), (450, 165))
    c.edge((495, 160), (585, 160))
    c.edge("pten", (540, 163), "inh", color="#990000")
    c.edge((612, 172), "akt")
    c.edge("pdk1", "akt")
    c.edge("mtorc2", "akt")
    c.edge("akt", "foxo", "inh")
    c.edge("akt", (590, 418), "inh")
    c.edge((610, 490), "rheb", "inh")
    c.edge("rheb", (610, 588))
    c.edge("lkb1", "ampk")
    c.edge("ampk", (722, 465))
    c.edge("ampk", "raptor", "inh")
    c.edge((560, 662), "s6k")
    c.edge((660, 662), "4ebp", "inh")
    c.edge("4ebp", "eif4e", "inh")
    return c


def jak_stat() -> Canvas:
    """IFN-γ to STAT1: plain text labels in a monospace font, vertical receptor labels."""
    c = Canvas(760, 820)
    plain = Style(shape="text", font="mono", size=19, bold=True, pad=(6, 4))
    note = Style(font="mono", size=15, ink="#555555")
    c.text(380, 22, "IFN-γ / JAK–STAT1 signalling", Style(font="mono", size=21, bold=True))
    c.node("ifng", "IFN-γ", 380, 70, replace(plain, ink="#990000"), "IFNG")
    c.line([(40, 160), (740, 160)], "#7f7f7f", 2)
    c.line([(40, 176), (740, 176)], "#7f7f7f", 2)
    c.label(20, 168, "plasma membrane", replace(note, size=13), angle=90)
    chain = Style(shape="round", font="mono", size=17, bold=True, fill=PASTEL["blue"], pad=(6, 6))
    c.node("r1", "IFNGR1", 330, 168, chain, "IFNGR1", angle=90, h=150)
    c.node(
        "r2", "IFNGR2", 430, 168, replace(chain, fill=PASTEL["green"]), "IFNGR2", angle=90, h=150
    )
    c.node("jak1", "JAK1", 250, 275, plain, "JAK1")
    c.node("jak2", "JAK2", 510, 275, plain, "JAK2")
    c.node("socs1", "SOCS1", 660, 275, replace(plain, ink="#990000"), "SOCS1")
    c.node("stat1", "STAT1", 380, 360, plain, "STAT1")
    c.phospho(428, 344)
    c.node("pstat", "p-STAT1", 380, 440, plain, "STAT1")
    c.label(520, 440, "(dimer, GAF)", note)
    c.edge("ifng", (380, 128))
    c.edge("r1", "jak1", "line", width=3)
    c.edge("r2", "jak2", "line", width=3)
    c.edge("jak1", "stat1")
    c.edge("jak2", "stat1")
    c.edge("socs1", "jak2", "inh", color="#990000")
    c.edge("stat1", "pstat")
    c.line([(40, 490), (740, 490)], "#7f7f7f", 2, dash=8)
    c.label(20, 640, "nucleus", replace(note, size=13), angle=90)
    c.node("pstat_n", "p-STAT1", 250, 540, plain, "STAT1")
    c.node("pias1", "PIAS1", 560, 540, replace(plain, ink="#990000"), "PIAS1")
    c.edge("pstat", "pstat_n")
    c.edge("pias1", "pstat_n", "inh", color="#990000")
    c.line([(80, 600), (680, 600)], "#000000", 3)
    c.box((200, 590, 290, 610), "#b6d7a8", "#000000", 1)
    c.label(245, 620, "GAS", replace(note, size=13))
    c.node("irf1", "IRF1", 380, 660, replace(plain, ink="#1f4e79"), "IRF1")
    c.edge((245, 600), "irf1")
    genes = [("CIITA", 180), ("CXCL10", 320), ("GBP1", 460), ("SOCS1", 590)]
    for lab, x in genes:
        c.node(f"t_{lab}", lab, x, 760, replace(plain, bold=False, size=18), lab)
        c.edge("irf1", f"t_{lab}", width=1.5)
    c.label(660, 700, "target genes", note)
    return c


def wnt_catenin() -> Canvas:
    """Wnt/β-catenin in a WikiPathways-like style: plain rectangles, 1200 px wide."""
    c = Canvas(1200, 800)
    gene = Style(shape="rect", size=16, pad=(12, 7), line=1, fill="#ffffff")
    big = Style(size=15, ink="#555555")
    c.text(20, 24, "Wnt/β-catenin signaling (Homo sapiens)", Style(size=20, bold=True), anchor="lm")
    c.box((250, 60, 1180, 780), None, "#999999", 6, radius=30)
    c.box((820, 420, 1160, 760), "#f2f2f2", "#999999", 3, radius=20)
    c.label(1100, 440, "Nucleus", big)
    c.label(1110, 80, "Cytoplasm", big)
    c.node("wnt", "WNT3A", 120, 130, gene, "WNT3A")
    c.node("dkk1", "DKK1", 120, 230, gene, "DKK1")
    c.node("fzd", "FZD", 250, 130, gene, family=True, w=80)
    c.node("lrp6", "LRP6", 250, 200, gene, "LRP6", w=80)
    c.node("dvl", "DVL", 420, 140, gene, family=True)
    frame = (430, 250, 800, 420)
    c.group(frame, "Destruction complex", big, dash=6, outline="#777777", family=True)
    c.node("axin1", "AXIN1", 530, 310, gene, "AXIN1")
    c.node("apc", "APC", 690, 310, gene, "APC")
    c.node("gsk3b", "GSK3β", 530, 375, gene, "GSK3B")
    c.node("ck1a", "CK1α", 690, 375, gene, "CSNK1A1")
    c.node("ctnnb1", "β-catenin", 615, 520, gene, "CTNNB1")
    c.node("btrc", "β-TrCP", 615, 620, gene, "BTRC")
    c.label(615, 690, "Ubiquitination, proteasomal degradation", big)
    c.node("ctnnb1_n", "β-catenin", 900, 500, gene, "CTNNB1")
    c.node("bcl9", "BCL9", 1010, 470, gene, "BCL9")
    c.node("pygo2", "PYGO2", 1100, 520, gene, "PYGO2")
    c.node("tcf", "TCF7L2", 900, 590, gene, "TCF7L2")
    c.node("lef1", "LEF1", 1030, 590, gene, "LEF1")
    c.line([(840, 640), (1140, 640)], "#000000", 2)
    for i, sym in enumerate(("MYC", "CCND1", "AXIN2")):
        c.node(f"t{i}", sym, 890 + i * 110, 700, replace(gene, fill="#fffbe6"), sym)
        c.edge((890 + i * 110, 642), f"t{i}", width=1.5)
    c.edge("wnt", "fzd", width=1.5)
    c.edge("wnt", "lrp6", width=1.5)
    c.edge("dkk1", "lrp6", "inh", width=1.5)
    c.edge("fzd", "dvl", width=1.5)
    c.edge("dvl", (540, 248), "inh", width=1.5)
    c.edge((615, 422), "ctnnb1", "inh", width=1.5)
    c.edge("ctnnb1", "btrc", width=1.5, dash=5)
    c.edge("ctnnb1", "ctnnb1_n", width=1.5)
    c.edge("ctnnb1_n", "tcf", "line", width=1.5)
    c.edge("ctnnb1_n", "bcl9", "line", width=1.5)
    c.edge("bcl9", "pygo2", "line", width=1.5)
    c.edge("ctnnb1_n", "lef1", "line", width=1.5)
    c.edge("btrc", (615, 676), width=1.5)
    c.box((20, 640, 200, 760), "#ffffff", "#999999", 1)
    c.label(110, 658, "Legend", replace(big, size=14, bold=True))
    c.edge((35, 690), (95, 690), width=1.5)
    c.label(150, 690, "activation", replace(big, size=13))
    c.edge((35, 725), (95, 725), "inh", width=1.5)
    c.label(150, 725, "inhibition", replace(big, size=13))
    c.edge("tcf", (960, 638), width=1.5)
    return c


def apoptosis() -> Canvas:
    """Extrinsic and intrinsic apoptosis, mixed shapes, saved as a compressed JPEG."""
    c = Canvas(900, 860)
    rnd = Style(size=17, pad=(9, 5), line=1.5)
    ell = replace(rnd, shape="ellipse")
    casp = replace(ell, fill="#e06666", ink="#ffffff", bold=True, outline="#660000")
    anti, pro = replace(rnd, fill=PASTEL["green"]), replace(rnd, fill=PASTEL["red"])
    word = Style(size=16, italic=True, ink="#444444")
    c.text(450, 22, "Extrinsic and intrinsic apoptosis", Style(size=22, bold=True))
    c.box((0, 108, 420, 132), "#e8d7b9", "#b08d57", 1)
    c.node("fasl", "FasL", 180, 65, replace(ell, fill=PASTEL["pink"]), "FASLG")
    c.node("fas", "Fas", 180, 120, replace(rnd, fill=PASTEL["blue"]), "FAS", h=60)
    disc = replace(word, size=14)
    c.group((95, 170, 265, 320), "DISC", disc, dash=4, where="topleft", family=True)
    c.node("fadd", "FADD", 180, 210, replace(rnd, fill=PASTEL["yellow"]), "FADD")
    c.node("casp8", "Caspase-8", 180, 280, casp, "CASP8")
    c.node("cflip", "c-FLIP", 45, 280, anti, "CFLAR")
    c.node("bid", "BID", 350, 300, pro, "BID")
    c.node("tbid", "tBID", 460, 300, pro, "BID")
    c.label(740, 60, "DNA damage", word)
    c.node("p53", "p53", 740, 120, replace(rnd, fill=PASTEL["blue"]), "TP53")
    c.node("puma", "PUMA", 660, 195, pro, "BBC3")
    c.node("noxa", "NOXA", 800, 195, pro, "PMAIP1")
    c.node("bcl2", "BCL-2", 620, 290, anti, "BCL2")
    c.node("akt", "AKT", 380, 170, replace(rnd, fill=PASTEL["blue"]), family=True)
    c.node("bad", "BAD", 510, 215, pro, "BAD")
    c.node("bclxl", "BCL-XL", 760, 290, anti, "BCL2L1")
    c.ellipse((390, 370, 880, 560), "#fde9d9", "#c0504d", 3)
    c.label(660, 530, "Mitochondrion", word)
    c.node("bax", "BAX", 530, 395, pro, "BAX")
    c.node("bak", "BAK", 650, 395, pro, "BAK1")
    c.node("cytc", "Cytochrome c", 580, 470, replace(rnd, fill="#ffffff"), "CYCS")
    c.node("smac", "SMAC", 790, 470, replace(rnd, fill="#ffffff"), "DIABLO")
    c.label(850, 400, "Ca2+", Style(size=16, bold=True, ink="#38761d"))
    c.group((420, 610, 740, 700), "Apoptosome", disc, dash=4, where="bottom", family=True)
    c.node("apaf1", "Apaf-1", 500, 645, replace(rnd, fill=PASTEL["purple"]), "APAF1")
    c.node("casp9", "Caspase-9", 640, 645, casp, "CASP9")
    c.label(380, 640, "dATP/ATP", replace(word, size=14))
    c.node("xiap", "XIAP", 830, 650, anti, "XIAP")
    c.node("casp3", "Caspase-3", 330, 770, casp, "CASP3")
    c.node("casp7", "Caspase-7", 520, 770, casp, "CASP7")
    c.label(720, 810, "Apoptosis", Style(size=24, bold=True, ink="#990000"))
    c.edge("fasl", "fas")
    c.edge("fas", "fadd")
    c.edge("fadd", "casp8")
    c.edge("cflip", "casp8", "inh", color="#38761d")
    c.edge("casp8", "bid")
    c.edge("bid", "tbid")
    c.edge((740, 72), "p53")
    c.edge("p53", "puma")
    c.edge("p53", "noxa")
    c.edge("puma", "bcl2", "inh", color="#990000")
    c.edge("akt", "bad", "inh", color="#38761d")
    c.edge("bad", "bcl2", "inh", color="#990000")
    c.edge("noxa", "bclxl", "inh", color="#990000")
    c.edge("bcl2", "bax", "inh", color="#38761d")
    c.edge("bclxl", "bak", "inh", color="#38761d")
    c.edge("tbid", "bax")
    c.edge("cytc", "apaf1", width=2.5)
    c.edge("smac", "xiap", "inh")
    c.edge("xiap", "casp9", "inh", color="#38761d")
    c.edge("xiap", "casp7", "inh", color="#38761d", via=[(830, 770)])
    c.edge("casp9", "casp7")
    c.edge("casp9", "casp3", via=[(640, 720), (360, 720)])
    c.edge("casp8", "casp3", via=[(180, 770)])
    c.edge("casp3", (640, 805), via=[(330, 810)])
    return c


def tgfb_smad() -> Canvas:
    """TGF-β and BMP to SMADs: a dense journal-style panel 600 px wide with small fonts."""
    c = Canvas(600, 470)
    tiny = Style(size=11, pad=(4, 2), line=1, fill="#dde8f3")
    grey = Style(size=10, ink="#666666")
    c.text(8, 10, "A", Style(size=14, bold=True), anchor="lm")
    c.box((0, 72, 600, 84), "#e6e0d0", None)
    c.node("tgfb", "TGF-β1", 120, 30, replace(tiny, fill="#f9cb9c"), "TGFB1")
    c.node("tbr2", "TβRII", 90, 78, tiny, "TGFBR2", h=34)
    c.node("tbr1", "TβRI", 150, 78, tiny, "TGFBR1", h=34)
    c.node("bmp2", "BMP2", 430, 30, replace(tiny, fill="#f9cb9c"), "BMP2")
    c.node("bmpr2", "BMPR2", 400, 78, tiny, "BMPR2", h=34)
    c.node("alk3", "ALK3", 460, 78, tiny, "BMPR1A", h=34)
    c.node("sara", "SARA", 40, 130, replace(tiny, fill="#eeeeee"), "ZFYVE9")
    c.node("smad23", "SMAD2/3", 150, 140, replace(tiny, fill="#b4a7d6"), "SMAD2 SMAD3")
    c.phospho(182, 128, 5)
    c.node("smad7", "SMAD7", 255, 125, replace(tiny, fill="#ea9999"), "SMAD7")
    c.node("smurf2", "SMURF2", 255, 160, replace(tiny, fill="#ea9999"), "SMURF2")
    c.node("smad158", "SMAD1/5/8", 440, 140, replace(tiny, fill="#b4a7d6"), "SMAD1 SMAD5 SMAD9")
    c.node("smad4", "SMAD4", 300, 210, replace(tiny, fill="#b6d7a8"), "SMAD4")
    c.node("traf6", "TRAF6", 560, 125, tiny, "TRAF6")
    c.node("tak1", "TAK1", 560, 175, tiny, "MAP3K7")
    c.node("p38", "p38", 530, 225, replace(tiny, fill="#ffffff"), family=True)
    c.node("jnk", "JNK", 580, 225, replace(tiny, fill="#ffffff"), family=True)
    c.node("pi3k", "PI3K", 345, 122, replace(tiny, fill="#ffffff"), family=True)
    c.node("akt", "AKT", 345, 165, replace(tiny, fill="#ffffff"), family=True)
    c.edge("tbr1", "pi3k", width=1, dash=2, via=[(172, 100), (345, 100)])
    c.edge("pi3k", "akt", width=1)
    c.edge("tgfb", "tbr2", width=1)
    c.edge("tbr2", "tbr1", "line", width=1)
    c.edge("tbr1", "smad23", width=1)
    c.edge("sara", "smad23", width=1)
    c.edge("smad7", "tbr1", "inh", width=1, color="#990000")
    c.edge("smurf2", "smad7", "line", width=1)
    c.edge("bmp2", "bmpr2", width=1)
    c.edge("bmpr2", "alk3", "line", width=1)
    c.edge("alk3", "smad158", width=1)
    c.edge("alk3", "traf6", width=1, dash=2)
    c.edge("traf6", "tak1", width=1)
    c.edge("tak1", "p38", width=1)
    c.edge("tak1", "jnk", width=1)
    c.edge("smad23", "smad4", width=1)
    c.edge("smad158", "smad4", width=1)
    c.group((10, 260, 590, 462), "nucleus", grey, fill="#f7f7f7", radius=14, where="topleft")
    purple = replace(tiny, fill="#b4a7d6")
    c.node("cpx", "SMAD2/3–SMAD4", 160, 295, purple, "SMAD2 SMAD3 SMAD4")
    c.node("p300", "p300", 270, 295, replace(tiny, fill="#ffe599"), "EP300")
    c.node("cpx2", "SMAD1/5/8–SMAD4", 440, 295, purple, "SMAD1 SMAD5 SMAD9 SMAD4")
    c.node("ski", "SKI", 340, 295, replace(tiny, fill="#ea9999"), "SKI")
    c.edge("ski", "p300", "inh", width=1, color="#990000")
    c.edge("smad4", "cpx", width=1.2)
    c.edge("smad4", "cpx2", width=1.2)
    c.line([(20, 335), (580, 335)], "#000000", 1.5)
    # target genes in italics, a common convention for genes (as opposed to proteins)
    target = replace(tiny, fill="#ffffff", size=10, italic=True, ink="#333333")
    for i, (lab, sym) in enumerate(
        [("PAI-1", "SERPINE1"), ("p15INK4b", "CDKN2B"), ("p21", "CDKN1A"), ("Snail", "SNAI1")]
    ):
        c.node(f"t{i}", lab, 50 + i * 72, 380, target, sym)
        c.edge((50 + i * 72, 336), f"t{i}", width=1)
    c.node("myc", "c-Myc", 120, 430, replace(target, fill="#f4cccc"), "MYC")
    c.edge("t0", "myc", "inh", width=1, color="#990000", via=[(50, 430)])
    c.node("id1", "ID1", 440, 380, target, "ID1")
    c.edge((440, 336), "id1", width=1)
    c.label(225, 430, "growth arrest", replace(grey, italic=True))
    c.label(435, 430, "EMT, fibrosis", replace(grey, italic=True))
    return c


def cgas_sting() -> Canvas:
    """cGAS-STING to type I interferon: left-to-right flow, dark and pastel ellipses."""
    c = Canvas(1000, 660)
    dark = Style(shape="ellipse", size=19, bold=True, ink="#ffffff", outline=None, pad=(10, 6))
    teal, blue, red = (replace(dark, fill=DARK[k]) for k in ("teal", "blue", "red"))
    light = Style(shape="ellipse", size=18, fill=PASTEL["yellow"], pad=(10, 6), line=1.5)
    word = Style(size=16, italic=True, ink="#444444")
    c.text(500, 22, "cGAS–STING sensing of cytosolic DNA", Style(size=22, bold=True))
    c.label(80, 150, "dsDNA", Style(size=18, bold=True, ink="#134f5c"))
    wave = [(40 + i * 4, 175 + 6 * math.sin(i / 2)) for i in range(21)]
    c.line(wave, "#134f5c", 2.5)
    c.node("trex1", "TREX1", 80, 270, replace(light, fill=PASTEL["red"]), "TREX1")
    c.node("cgas", "cGAS", 240, 170, teal, "CGAS")
    c.label(340, 135, "ATP + GTP", replace(word, size=14))
    c.label(400, 230, "2′3′-cGAMP", Style(size=17, bold=True))
    c.box((450, 110, 640, 300), "#eaf1dd", "#6aa84f", 2, radius=26)
    c.label(610, 285, "ER", word)
    c.node("sting", "STING", 545, 170, blue, "STING1")
    c.node("enpp1", "ENPP1", 400, 330, replace(light, fill=PASTEL["red"]), "ENPP1")
    c.node("tbk1", "TBK1", 740, 120, teal, "TBK1")
    c.node("ikke", "IKKε", 740, 215, teal, "IKBKE")
    c.node("irf3", "IRF3", 900, 120, red, "IRF3")
    c.phospho(935, 98)
    c.node("nfkb", "NF-κB", 900, 215, replace(light, fill=PASTEL["purple"]), family=True)
    c.edge((125, 175), "cgas")
    c.edge("trex1", (80, 190), "inh", color="#990000")
    c.edge("cgas", (345, 215))
    c.edge((460, 215), "sting")
    c.edge("enpp1", (400, 246), "inh", color="#990000")
    c.edge("sting", "tbk1")
    c.edge("sting", "ikke")
    c.edge("tbk1", "irf3")
    c.edge("ikke", "nfkb")
    c.box((560, 380, 990, 520), "#f3f3f3", "#999999", 2, radius=30)
    c.label(955, 505, "Nucleus", word)
    c.node("ifnb_n", "IFNB1", 780, 425, replace(light, fill="#ffffff", shape="rect"), "IFNB1")
    c.edge("irf3", "ifnb_n", via=[(975, 120), (975, 425)])
    c.edge("nfkb", "ifnb_n")
    c.node("ifnb", "IFN-β", 780, 590, light, "IFNB1")
    c.edge("ifnb_n", "ifnb")
    c.node("ifnar", "IFNAR1/2", 520, 590, replace(light, fill=PASTEL["blue"]), "IFNAR1 IFNAR2")
    c.edge("ifnb", "ifnar")
    c.node("isgf3", "ISGF3", 330, 590, replace(light, fill=PASTEL["purple"]), family=True)
    c.edge("ifnar", "isgf3")
    c.label(150, 500, "ISGs", Style(size=18, bold=True))
    for i, sym in enumerate(("ISG15", "MX1", "IFIT1")):
        c.node(f"isg{i}", sym, 70 + i * 85, 545, replace(light, shape="rect", size=16), sym)
    c.edge("isgf3", (200, 562))
    return c


EXAMPLES: tuple[Example, ...] = (
    Example(
        "tnf_nfkb",
        "F1",
        "TNF and CD40 signalling to canonical and non-canonical NF-κB",
        "TNF-α binding to TNFR1 recruits TRADD, TRAF2, RIPK1 and cIAP1/2, which activate the "
        "IKK complex; phosphorylated IκBα is degraded and RelA/p50 enters the nucleus. CD40 "
        "signalling stabilises NIK, which drives IKKα-dependent processing of p100 to p52 and "
        "nuclear RelB/p52 (non-canonical pathway). Schematic of the human pathway.",
        tnf_nfkb,
    ),
    Example(
        "mapk_erk",
        "F2",
        "EGFR-RAS-ERK (MAPK) signalling cascade",
        "EGF binding activates EGFR, which recruits GRB2 and SOS1 to load GTP onto HRAS and "
        "KRAS. RAS activates BRAF and RAF1, which phosphorylate MEK1 and ERK1/2; ERK1/2 "
        "activate ELK1 and AP-1 (c-FOS/c-JUN) in the nucleus. NF1 and DUSP6 restrain the "
        "human pathway.",
        mapk_erk,
    ),
    Example(
        "pi3k_akt_mtor",
        "F3",
        "PI3K-AKT-mTOR signalling",
        "Growth factor receptors activate class IA PI3K (p85α/p110α), producing PIP3, which "
        "is reversed by PTEN. PDK1 and mTORC2 activate AKT1, which inhibits FOXO3 and the "
        "TSC1/TSC2 complex, releasing RHEB to activate mTORC1 and its substrates S6K1 and "
        "4E-BP1 in human cells; LKB1-AMPK signalling opposes mTORC1.",
        pi3k_akt_mtor,
    ),
    Example(
        "jak_stat",
        "F4",
        "Interferon-γ signalling through JAK1/JAK2 and STAT1",
        "IFN-γ binds its receptor chains IFNGR1 and IFNGR2, activating JAK1 and JAK2, which "
        "phosphorylate STAT1. STAT1 dimers (GAF) bind GAS elements and induce IRF1 and "
        "interferon-stimulated genes in human cells. SOCS1 and PIAS1 provide negative feedback.",
        jak_stat,
    ),
    Example(
        "wnt_catenin",
        "F5",
        "Wnt/β-catenin signaling",
        "Without Wnt, the destruction complex of AXIN1, APC, GSK3β and CK1α phosphorylates "
        "β-catenin, which β-TrCP targets for proteasomal degradation. WNT3A binding to "
        "Frizzled and LRP6 recruits Dishevelled and inhibits the complex, so β-catenin "
        "accumulates and activates TCF7L2/LEF1 target genes such as MYC, CCND1 and AXIN2. "
        "Drawn in the style of a WikiPathways diagram of the human pathway.",
        wnt_catenin,
    ),
    Example(
        "apoptosis",
        "F6",
        "Extrinsic and intrinsic pathways of apoptosis",
        "FasL engagement of Fas assembles the DISC with FADD and caspase-8, which cleaves "
        "BID to tBID. DNA damage activates p53 and its targets PUMA and NOXA, which "
        "neutralise BCL-2 and BCL-XL so that BAX and BAK release cytochrome c and SMAC; "
        "the Apaf-1 apoptosome activates caspase-9 and the executioner caspases-3 and -7 "
        "in human cells.",
        apoptosis,
        ext="jpg",
    ),
    Example(
        "tgfb_smad",
        "F7",
        "TGF-β and BMP signalling through SMAD proteins",
        "(A) TGF-β1 signals through TβRII and TβRI to phosphorylate SMAD2/3, and BMP2 "
        "through BMPR2 and ALK3 to SMAD1/5/8; receptor SMADs partner with SMAD4 and "
        "regulate target genes such as PAI-1, p15INK4b, p21 and ID1. SMAD7 and SMURF2 "
        "inhibit the receptors; TRAF6-TAK1 signalling activates p38 and JNK. Human "
        "pathway, drawn as a dense panel with small labels.",
        tgfb_smad,
    ),
    Example(
        "cgas_sting",
        "F8",
        "cGAS-STING sensing of cytosolic DNA and type I interferon induction",
        "Cytosolic dsDNA activates cGAS to synthesise 2′3′-cGAMP, which activates STING "
        "on the ER. STING recruits TBK1 and IKKε, which activate IRF3 and NF-κB to induce "
        "IFN-β; IFN-β signals through IFNAR1/2 and ISGF3 to induce interferon-stimulated "
        "genes in human cells. TREX1 and ENPP1 limit the pathway.",
        cgas_sting,
    ),
)


#: every example's drawn edges (figid first), filled by :func:`render`
EDGE_ROWS: list[tuple[str, ...]] = []


def write_edge_truth(rows: Iterable[tuple[str, ...]], path: Path) -> None:
    """Write the interaction truth TSV that ``pfocr eval --edges`` reads.

    :param rows: figid, source genes, target genes, directed, class, source and target labels
    :param path: the TSV to write
    """
    header = "figid\tsource_hgnc\ttarget_hgnc\tdirected\tedge_class\tsource_label\ttarget_label"
    lines = [header] + ["\t".join(" ".join(c.split()) for c in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def render(example: Example, out: Path) -> tuple[str, list[tuple[str, list[str]]], list[str]]:
    """Draw one example and write its image and sidecar.

    :param example: the example
    :param out: the output folder
    :returns: figid, gene labels and family labels
    """
    canvas = example.draw()
    image = canvas.finish()
    filename = f"{example.name}.{example.ext}"
    if example.ext == "jpg":
        image.save(out / filename, "JPEG", quality=75, optimize=True)
    else:
        image.save(out / filename, "PNG", optimize=True)
    figid = f"example__{example.name}"
    sidecar = {
        "figid": figid,
        "filename": filename,
        "number": example.number,
        "figtype": "Figure",
        "figtitle": example.title,
        "caption": example.caption,
        "source": SOURCE,
    }
    text = json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n"
    (out / f"{example.name}.json").write_text(text, encoding="utf-8")
    genes, families = canvas.truth()
    EDGE_ROWS.extend((figid, *row) for row in canvas.edge_truth())
    return figid, genes, families


#: The chemicals and diseases each figure draws (its free labels above), for the truth's
#: ``chemicals`` and ``diseases`` columns: MeSH id = label as printed (see
#: docs/chemicals-diseases-curation.md). dATP is drawn but is no name pfocr knows.
CONCEPTS: dict[str, tuple[str, str]] = {
    "apoptosis": ("MESH:D002118=Ca2+ ; MESH:D003838=dATP ; MESH:D000255=ATP", ""),
    "cgas_sting": (
        "MESH:D004247=dsDNA ; MESH:D000255=ATP ; MESH:D006160=GTP ; MESH:C584311=2′3′-cGAMP",
        "",
    ),
    "mapk_erk": ("MESH:D006153=GDP ; MESH:D006160=GTP", ""),
    "pi3k_akt_mtor": (
        "MESH:D019269=PIP2 ; MESH:C060974=PIP3 ; MESH:D000249=AMP ; MESH:D000255=ATP",
        "",
    ),
    "tgfb_smad": ("", "MESH:D005355=fibrosis"),
    "tnf_nfkb": ("", "MESH:D007249=Inflammation"),
}


def write_truth(
    rows: Iterable[tuple[str, list[tuple[str, list[str]]], list[str]]], path: Path
) -> None:
    """Write the evaluation truth TSV (``figid``, ``genes``, ``families``, ``organisms``:
    every example draws a human pathway; ``chemicals`` and ``diseases``).

    :param rows: figid, gene labels and family labels per figure
    :param path: the TSV to write
    """
    lines = ["figid\tgenes\tfamilies\torganisms\tchemicals\tdiseases"]
    for figid, genes, families in rows:
        cell = " ; ".join(f"{sym}={', '.join(labels)}" for sym, labels in genes)
        chemicals, diseases = CONCEPTS.get(figid.removeprefix("example__"), ("", ""))
        lines.append(
            f"{figid}\t{cell}\t{' ; '.join(families)}\tHomo sapiens\t{chemicals}\t{diseases}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_hgnc(
    rows: Iterable[tuple[str, list[tuple[str, list[str]]], list[str]]], hgnc: Path
) -> int:
    """Check that every truth symbol is an approved HGNC symbol.

    :param rows: figid, gene labels and family labels per figure
    :param hgnc: path to ``hgnc_complete_set.txt(.gz)``
    :returns: the number of symbols that are not approved
    """
    opener = gzip.open if hgnc.suffix == ".gz" else open
    approved: set[str] = set()
    with opener(hgnc, "rt", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for rec in reader:
            if rec["status"] == "Approved":
                approved.add(rec["symbol"])
    bad = 0
    for figid, genes, _ in rows:
        for sym, _labels in genes:
            if sym not in approved:
                print(f"{figid}: {sym} is not an approved HGNC symbol", file=sys.stderr)
                bad += 1
    return bad


def main(argv: Sequence[str] | None = None) -> int:
    """Draw all examples into ``--out`` (default: this script's folder).

    :param argv: command-line arguments
    :returns: the exit status
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--check-hgnc", type=Path, help="hgnc_complete_set.txt(.gz) to verify")
    parser.add_argument("--only", nargs="*", help="draw only these examples (no truth file)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        chosen = [e for e in EXAMPLES if not args.only or e.name in args.only]
        rows = [render(e, args.out) for e in chosen]
    except FontError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.only:
        write_truth(rows, args.out / "truth.tsv")
        write_edge_truth(EDGE_ROWS, args.out / "edges.tsv")
    for (figid, genes, families), e in zip(rows, chosen, strict=True):
        print(f"{figid}: {e.name}.{e.ext}, {len(genes)} genes, {len(families)} families")
    if args.check_hgnc:
        return 1 if check_hgnc(rows, args.check_hgnc) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
