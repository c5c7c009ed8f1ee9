"""Pictures in Thai PDFs: a PNG placed in the text flow, Altair charts rendered offline as PNG
with Thai text in Sarabun (vl-convert), and QR codes."""

from __future__ import annotations

import copy
import io
from typing import Any

from core.pdf.base import FONT_DIR, FONT_FAMILY, PdfBase
from core.pdf.thai_text import SARA_AM, SARA_AM_DECOMPOSED


class ImagesMixin(PdfBase):
    """``add_image(png)`` (and ``image(png, width=...)``) for a ``PdfBase`` document."""

    def image(
        self,
        name: Any,
        *args: Any,
        width: float | None = None,  # type: ignore[override]
        **kwargs: Any,
    ) -> Any:
        """``image(png_bytes, width=mm)`` places a picture (a chart) centred in the text flow.

        Any other call is fpdf2's own ``FPDF.image`` (fpdf2 calls it internally).
        """
        if isinstance(name, (bytes, bytearray)) and not args and not kwargs:
            return self.add_image(bytes(name), width)
        if isinstance(name, (bytes, bytearray)):
            name = io.BytesIO(name)
        return super().image(name, *args, **kwargs)

    def _image_box(self, png_bytes: bytes, width: float | None) -> tuple[float, float]:
        """Width and height (mm) a picture will take in the flow."""
        from PIL import Image

        with Image.open(io.BytesIO(png_bytes)) as im:
            px_w, px_h = im.size
        w = min(width or self.epw, self.epw)
        h = w * px_h / px_w
        max_h = self.eph - 5
        if h > max_h:
            w, h = w * max_h / h, max_h
        return w, h

    def add_image(self, png_bytes: bytes, width: float | None = None) -> None:
        """A picture centred in the flow, ``width`` mm wide (default: the text width), scaled to fit
        the page; starts a new page when it does not fit below."""
        w, h = self._image_box(png_bytes, width)
        self.ensure_space(h + 2)
        x = self.l_margin + (self.epw - w) / 2
        super().image(io.BytesIO(png_bytes), x=x, y=self.get_y(), w=w, h=h)
        self.set_y(self.get_y() + h + 2)


class ChartError(RuntimeError):
    """A chart could not be turned into a picture (vl-convert missing or failed)."""


_fonts_registered = False
# Sarabun's bold faces lose ำ (SARA AM) in vl-convert's renderer; the decomposed
# NIKHAHIT + SARA AA (defined at the top) draws the same glyphs correctly.


def _decompose_sara_am(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj.replace(SARA_AM, SARA_AM_DECOMPOSED)
    if isinstance(obj, dict):
        return {_decompose_sara_am(k): _decompose_sara_am(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_decompose_sara_am(v) for v in obj]
    return obj


def chart_png(chart: Any, scale: float = 2) -> bytes:
    """An Altair chart (or a Vega-Lite dict) as PNG bytes, text in Sarabun.

    Rendered offline by vl-convert. Raises ``ChartError`` when rendering is impossible, so a
    report can leave the picture out and keep its table.
    """
    global _fonts_registered
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover - installed with the app
        raise ChartError("vl-convert-python is not installed") from exc
    spec = chart.to_dict() if hasattr(chart, "to_dict") else copy.deepcopy(dict(chart))
    config = spec.setdefault("config", {})
    config.setdefault("font", FONT_FAMILY)
    spec = _decompose_sara_am(spec)
    try:
        if not _fonts_registered:
            vlc.register_font_directory(str(FONT_DIR))
            _fonts_registered = True
        return bytes(vlc.vegalite_to_png(spec, scale=scale))
    except Exception as exc:  # vl-convert raises plain ValueError/Exception
        raise ChartError(f"chart could not be rendered: {exc}") from exc


def qr_png(url: str, box_size: int = 10, border: int = 4) -> bytes:
    """A QR code of ``url`` as PNG bytes."""
    import qrcode

    qr = qrcode.QRCode(box_size=box_size, border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(url)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()
