import pytest

from bianzhi_desktop.domain.numerals import chinese_ordinal


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")],
)
def test_points_are_numbered_as_documents_write_them(number: int, text: str) -> None:
    assert chinese_ordinal(number) == text


def test_a_hundred_points_is_refused() -> None:
    with pytest.raises(ValueError):
        chinese_ordinal(100)
