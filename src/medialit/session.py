"""The current student's store, looked up at every use.

A widget opened before the student chose a pseudonym saves as ``guest``; when the student
then chooses one (lesson 00), the guest work moves to it and the same widget goes on saving
into the chosen pseudonym's store, not into a recreated ``guest`` folder."""
from __future__ import annotations

import os
from typing import Any

from . import store as _store

__all__ = ["GUEST", "CurrentStore", "GUEST_NOTE"]

GUEST = "guest"
GUEST_NOTE = ("Saving as guest: choose a pseudonym in lesson 00 (Exercise 0.1) and this work "
              "moves to it.")


class CurrentStore:
    """Behaves like :class:`medialit.store.Store` for whichever student is current now."""

    def __init__(self, *, root: str | os.PathLike | None = None) -> None:
        self._root = root
        self._stores: dict[str, _store.Store] = {}

    @property
    def student(self) -> str:
        return _store.current_student(root=self._root) or GUEST

    @property
    def is_guest(self) -> bool:
        return self.student == GUEST

    def current(self) -> _store.Store:
        name = self.student
        st = self._stores.get(name)
        if st is None:
            st = self._stores[name] = _store.open_store(name, root=self._root)
        return st

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.current(), name)

    def __repr__(self) -> str:
        return f"CurrentStore(student={self.student!r})"
