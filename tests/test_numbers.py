"""The one number-formatting rule: 2 decimals half up, a dash where there is no figure."""

from __future__ import annotations

import pandas as pd

from core.numbers import fmt2, fmt2_columns


def test_a_whole_mean_prints_with_two_decimals_and_a_missing_sd_prints_as_a_dash():
    assert fmt2(4) == "4.00"
    assert fmt2(None) == "-" and fmt2(float("nan")) == "-"
    assert fmt2(4.505) == "4.51"


def test_figure_columns_of_a_screen_table_read_4_00_and_dash_never_none_and_other_columns_stay():
    frame = pd.DataFrame({"ข้อ": ["1.1", "1.2"], "n": [1, 0], "x̄": [4.0, None], "S.D.": [None, None]})
    shown = fmt2_columns(frame, ["x̄", "S.D.", "absent"], grouping=False)
    assert list(shown["x̄"]) == ["4.00", "-"]
    assert list(shown["S.D."]) == ["-", "-"]
    assert list(shown["n"]) == [1, 0] and list(shown["ข้อ"]) == ["1.1", "1.2"]
    assert list(frame["x̄"].isna()) == [False, True]  # the frame given is left as it was
