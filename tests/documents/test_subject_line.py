"""The trích yếu line of a decision reads "Về việc …" exactly once."""

import pytest

from documents.layout import subject_line


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tặng Giấy khen cho các tập thể", "Về việc tặng Giấy khen cho các tập thể"),
        ("Về việc tặng Giấy khen", "Về việc tặng Giấy khen"),
        ("  về việc tặng Giấy khen ", "về việc tặng Giấy khen"),
    ],
)
def test_subject_line_says_ve_viec_once(title, expected):
    assert subject_line(title) == expected
