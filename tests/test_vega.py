"""vega.py: the interactive timeline's spec rows, lanes, and the Vega JavaScript kept on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import vega


def point(date: str, value: float | None, total: float, source: str) -> dict:
    return {"date": date, "value": value, "total": total, "status": None, "due": None, "languages": ["en"],
            "sources": [source], "documents": ["d" * 16], "evidence": "x", "score": 1.0, "reason": "r"}


def test_two_series_stated_without_values_get_rows_of_their_own_above_100() -> None:
    found = [{"id": sid, "place": "Ha Tinh", "unit": unit, "total": total,
              "points": [point("2025-01-10", None, total, "plan.pdf")]} for sid, unit, total in
             (("a", "group", 6), ("b", "task", 45))]
    rows = vega.chart_points(found, lambda source, document: None)
    assert [r["value"] for r in rows] == ["target 6, no value reported", "target 45, no value reported"]
    assert rows[0]["y"] != rows[1]["y"] and min(r["y"] for r in rows) >= vega.LANE_Y > 100
    assert all(r["link"] is None for r in rows)


def test_a_point_links_through_the_first_report_that_has_a_link() -> None:
    p = {**point("2024-03-28", 6, 38, "gone.txt"), "sources": ["gone.txt", "here.txt"], "documents": ["1", "2"]}
    assert vega.point_link(p, lambda source, document: f"to/{document}" if source == "here.txt" else None) == "to/2"


def test_the_bundle_is_read_from_the_cache_not_built_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    monkeypatch.setenv("DOCKET_CACHE", str(tmp_path))
    cached = tmp_path / "vega" / f"vl-convert-{vlc.__version__}-{vl_version_for_vl_convert()}.js"
    cached.parent.mkdir()
    cached.write_text("window.vegaEmbed = 'kept';", encoding="utf-8")
    monkeypatch.setattr(vlc, "javascript_bundle", lambda **kwargs: pytest.fail("bundled again"))
    vega.javascript.cache_clear()
    try:
        assert vega.javascript() == "window.vegaEmbed = 'kept';"
    finally:
        vega.javascript.cache_clear()


def test_inlined_javascript_cannot_close_its_script_element() -> None:
    code = vega.inline_script('const a = "</script><script>alert(1)</SCRIPT>"; // <!-- x')
    assert "</script" not in code.lower() and "<!--" not in code and "<\\/SCRIPT>" in code
