"""Tests are exempt from headers and docstrings but not from annotations or naming."""


def test_something():  # expect: ANN002
    value = 1
    assert value == 1


class TestGroup:
    def test_inside(self) -> None:
        totalCount = 2  # expect: NAM003
        assert totalCount == 2
