"""Recording stand-ins: what a rendering reads of the data it is given, path by path."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

PLAIN = (str, int, float, bool, type(None), datetime.date, enum.Enum, bytes)


class Recorder:
    """Wrap values so that every attribute read on them, and on what they lead to, is kept
    as (path, field): `s.claims[].claim` for the claim of any of the claims of `s`."""

    def __init__(self) -> None:
        self.reads: set[tuple[str, str]] = set()

    def wrap(self, value: Any, path: str) -> Any:
        """The value, or a recording stand-in for it; containers hold stand-ins."""
        if isinstance(value, (*PLAIN, Traced)):
            return value
        if isinstance(value, list):
            return [self.wrap(x, path + "[]") for x in value]
        if isinstance(value, tuple) and not hasattr(value, "_fields"):
            return tuple(self.wrap(x, path + "[]") for x in value)
        if isinstance(value, dict):
            return {k: self.wrap(v, path + "[]") for k, v in value.items()}
        return Traced(value, self, path)


def target(value: Any) -> Any:
    """The object behind a stand-in."""
    return object.__getattribute__(value, "_target") if isinstance(value, Traced) else value


class Traced:
    """A stand-in that records reads and behaves as the object it stands for."""

    __slots__ = ("_path", "_recorder", "_target")

    def __init__(self, value: Any, recorder: Recorder, path: str) -> None:
        object.__setattr__(self, "_target", value)
        object.__setattr__(self, "_recorder", recorder)
        object.__setattr__(self, "_path", path)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() sees the object's own class
        return type(target(self))

    def __getattr__(self, name: str) -> Any:
        value = getattr(target(self), name)
        recorder: Recorder = object.__getattribute__(self, "_recorder")
        path = object.__getattribute__(self, "_path")
        if not name.startswith("__"):
            recorder.reads.add((path, name))
        if callable(value) and getattr(value, "__self__", None) is target(self):
            return method(value, recorder, f"{path}.{name}()")
        return recorder.wrap(value, f"{path}.{name}")

    def used_whole(self) -> Any:
        """Record that the object is used as a whole (printed, compared, hashed): `path: *`."""
        recorder: Recorder = object.__getattribute__(self, "_recorder")
        recorder.reads.add((object.__getattribute__(self, "_path"), "*"))
        return target(self)

    def __eq__(self, other: object) -> bool:
        return bool(Traced.used_whole(self) == target(other))

    def __hash__(self) -> int:
        return hash(Traced.used_whole(self))

    def __lt__(self, other: object) -> bool:
        return bool(Traced.used_whole(self) < target(other))

    def __str__(self) -> str:
        return str(Traced.used_whole(self))

    def __repr__(self) -> str:
        return repr(Traced.used_whole(self))

    def __format__(self, spec: str) -> str:
        return format(Traced.used_whole(self), spec)

    def __bool__(self) -> bool:
        return bool(target(self))

    def __len__(self) -> int:
        return len(target(self))

    def __getitem__(self, key: Any) -> Any:
        recorder: Recorder = object.__getattribute__(self, "_recorder")
        return recorder.wrap(target(self)[key], object.__getattribute__(self, "_path") + "[]")

    def __iter__(self) -> Any:
        recorder: Recorder = object.__getattribute__(self, "_recorder")
        path = object.__getattribute__(self, "_path") + "[]"
        return iter([recorder.wrap(x, path) for x in target(self)])


def method(bound: Callable[..., Any], recorder: Recorder, path: str) -> Callable[..., Any]:
    """A bound method whose result is recorded too, at `path` (its arguments stay
    stand-ins, so what it reads of them is recorded where they came from)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return recorder.wrap(bound(*args, **kwargs), path)

    return call
