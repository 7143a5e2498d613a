"""Where each part of the model came from: positions kept by the YAML reader, looked up on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .problems import Loc

if TYPE_CHECKING:
    from .model import Key


class Positions(Protocol):
    """What the model needs from a parsed file: where a key, or the value under it, starts."""

    def key_loc(self, container: dict, key: str) -> Loc: ...

    def value_loc(self, container: dict | list, key: str | int) -> Loc: ...


class Located:
    """Where an object starts and where each of its fields' values start, found on demand.

    Positions are looked up only when a check needs one, which keeps a
    100,000-node tree from allocating a position for every string in it.
    """

    __slots__ = ("_fixed", "_key", "_mapping", "_parent", "_positions")

    def __init__(
        self,
        fixed: Loc | None = None,
        *,
        positions: Positions | None = None,
        parent: dict | list | None = None,
        key: str | int = "",
        mapping: dict | None = None,
    ) -> None:
        self._fixed = fixed
        self._positions = positions
        self._parent = parent
        self._key = key
        self._mapping = mapping

    @property
    def loc(self) -> Loc:
        """Where the object starts: its key in a mapping, or its item in a list."""
        if self._fixed is not None:
            return self._fixed
        assert self._positions is not None and self._parent is not None
        if isinstance(self._parent, list):
            return self._positions.value_loc(self._parent, self._key)
        assert isinstance(self._key, str), "a mapping's keys are text"
        return self._positions.key_loc(self._parent, self._key)

    def of(self, name: Key) -> Loc:
        """Where the value of field `name` starts, or the object's own start if it has none."""
        if self._positions is None or self._mapping is None or name not in self._mapping:
            return self.loc
        return self._positions.value_loc(self._mapping, name)

    def of_entry(self, name: str) -> Loc:
        """Where the value under a key of the data (not a field of the format: a question id in `when`) starts."""
        if self._positions is None or self._mapping is None or name not in self._mapping:
            return self.loc
        return self._positions.value_loc(self._mapping, name)

    def key_of_entry(self, name: str) -> Loc:
        """Where that key itself starts."""
        if self._positions is None or self._mapping is None or name not in self._mapping:
            return self.loc
        return self._positions.key_loc(self._mapping, name)

    def of_item(self, name: Key, index: int) -> Loc:
        """Where item `index` of list field `name` starts, or the field's own start."""
        items = self._mapping.get(name) if self._mapping is not None else None
        if self._positions is None or not isinstance(items, list) or index >= len(items):
            return self.of(name)
        return self._positions.value_loc(items, index)

    def __repr__(self) -> str:
        return f"Located({self.loc})"
