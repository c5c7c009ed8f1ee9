"""The one rounding rule for every figure Pattana prints (screens, PDF, Excel, charts) and for the
banding of means into levels: 2 decimals, half up, on the decimal value as written
(4.505 -> 4.51, never 4.50 because 4.505 is 4.50499... in binary). Counts are integers."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def round2(value: float | Decimal | str) -> Decimal:
    """``value`` rounded to 2 decimals, half up, as a Decimal (4.505 -> Decimal('4.51'))."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def r2(value: float | Decimal | None) -> float | None:
    """``round2`` as a float for tables and charts; None (and NaN) stay None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(round2(value))


def fmt2(value: float | Decimal | None, *, grouping: bool = True, empty: str = "-") -> str:
    """A figure with 2 decimals as printed: ``1,234.51``; ``empty`` for None or NaN."""
    rounded = r2(value)
    if rounded is None:
        return empty
    return f"{round2(rounded):,.2f}" if grouping else f"{round2(rounded):.2f}"


def fmt2_columns(frame, columns, *, grouping: bool = True, empty: str = "-"):
    """A copy of the DataFrame ``frame`` with ``columns`` (those present) printed by ``fmt2``, for
    a screen table: 4 shows as 4.00, a missing figure as ``empty``, never as "None" or "nan"."""
    present = [c for c in columns if c in frame.columns]
    return frame.assign(
        **{c: frame[c].map(lambda v: fmt2(v, grouping=grouping, empty=empty)) for c in present}
    )
