"""The inline SVG trend chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.site.sparkline import HEIGHT, WIDTH, sparkline

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_chart_is_a_small_accessible_svg_without_script() -> None:
    svg = sparkline([1.0, 2.0, 3.0], label="Leads, 2026-08 to 2026-10", target=2.5)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == str(WIDTH) and root.get("height") == str(HEIGHT)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Leads, 2026-08 to 2026-10"
    assert "script" not in svg.lower() and "onload" not in svg.lower()
    assert "\n" not in svg and "|" not in svg  # fits in one Markdown table cell
    polylines = root.findall(f"{SVG}polyline")
    assert len(polylines) == 1
    assert len(polylines[0].get("points", "").split()) == 3
    line = root.find(f"{SVG}line")
    assert line is not None and line.get("y1") == line.get("y2")  # the target, horizontal


def test_higher_values_are_drawn_higher() -> None:
    root = parse(sparkline([1.0, 5.0], label="x"))
    (first, last) = [tuple(map(float, p.split(","))) for p in root.find(f"{SVG}polyline").get("points").split()]
    assert first[0] < last[0]
    assert first[1] > last[1]  # SVG y grows downwards


def test_missing_periods_leave_gaps() -> None:
    root = parse(sparkline([1.0, 2.0, None, 4.0, 5.0, None, 7.0], label="x"))
    assert len(root.findall(f"{SVG}polyline")) == 2
    # the lone last value is a dot, plus the dot that marks the newest value
    assert len(root.findall(f"{SVG}circle")) == 2


def test_a_single_value_and_a_flat_series_draw_inside_the_box() -> None:
    for values in ([5.0], [3.0, 3.0, 3.0], [0.0, 0.0]):
        svg = sparkline(values, label="x")
        xs = [float(n) for n in re.findall(r'(?:cx|x1|x2)="([-\d.]+)"', svg)]
        ys = [float(n) for n in re.findall(r'(?:cy|y1|y2)="([-\d.]+)"', svg)]
        for points in re.findall(r'points="([^"]+)"', svg):
            for x, y in (pair.split(",") for pair in points.split()):
                xs.append(float(x))
                ys.append(float(y))
        assert xs and ys
        assert all(0 <= x <= WIDTH for x in xs) and all(0 <= y <= HEIGHT for y in ys)


def test_nothing_to_draw_gives_an_empty_string() -> None:
    assert sparkline([], label="x") == ""
    assert sparkline([None, None], label="x") == ""
    assert sparkline([float("nan")], label="x") == ""


def test_coordinates_are_rounded_and_output_is_deterministic() -> None:
    values = [0.123456, 0.234567, None, 0.3456789, 0.1111]
    one = sparkline(values, label="x", target=0.2)
    assert one == sparkline(list(values), label="x", target=0.2)
    coordinates = re.findall(r'(?:points|c[xy]|[xy][12])="([^"]+)"', one)
    assert coordinates
    for number in re.findall(r"\d+\.\d+", " ".join(coordinates)):
        assert len(number.split(".")[1]) == 1


def test_the_label_is_escaped() -> None:
    svg = sparkline([1.0, 2.0], label='<script>alert("x")</script> | *')
    assert "<script>" not in svg
    root = parse(svg)
    assert root.get("aria-label") == '<script>alert("x")</script> | *'
