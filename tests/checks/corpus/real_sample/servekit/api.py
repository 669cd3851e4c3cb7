# ------------------------------------------------------------------
# Copyright The ServeKit Authors. All rights reserved.
# Licensed under the Apache License, Version 2.0
# ------------------------------------------------------------------
import enum
from collections import namedtuple

from litserve import LitAPI


class LoopKind(enum.Enum):
    DEFAULT = "default"
    STREAMING = "streaming-loop"
    batchedStreaming = "batched-streaming"


Timing = namedtuple("Timing", "start end")
ServeError = RuntimeError


class BaseServeAPI(LitAPI):
    def setup(self, device):
        self.device = device


class TextAPI(BaseServeAPI):
    def predict(self, x):
        return x


class Cache:
    def __init__(self):
        self.items = {}


class TimedCache(Cache):
    def __init__(self):
        super().__init__()
        self.hits = 0


def describe(kind):
    Summary = namedtuple("Summary", "kind label")
    return Summary(kind, kind.value)
