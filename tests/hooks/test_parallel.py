"""The one parallel map: guided batches, results from worker processes, failures raised here."""

from typing import List

import pytest

from hooks.runtime.parallel import MAX_BATCH_ITEMS, guided_batches, map_in_processes


def square_all(batch: List[int]) -> List[int]:
    if -1 in batch:
        raise ValueError("negative input")
    return [value * value for value in batch]


def test_guided_batches_hand_out_everything_largest_first_in_shrinking_batches() -> None:
    items = list(range(1, 200))
    batches = guided_batches(items, lambda value: value, 2)
    assert sorted(value for batch in batches for value in batch) == items
    assert batches[0][0] == 199
    assert sum(batches[0]) > sum(batches[len(batches) // 2]) > sum(batches[-1])
    assert all(len(batch) <= MAX_BATCH_ITEMS for batch in batches)
    assert guided_batches([], lambda value: value, 4) == []


def test_map_in_processes_returns_every_result() -> None:
    batches = guided_batches(list(range(50)), lambda value: 1, 2)
    results = [value for result in map_in_processes(square_all, batches, 2) for value in result]
    assert sorted(results) == [value * value for value in range(50)]


def test_a_failing_batch_raises_in_the_caller() -> None:
    with pytest.raises(ValueError, match="negative input"):
        list(map_in_processes(square_all, [[1, 2], [-1], [3]], 2))
