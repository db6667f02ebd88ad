"""A package's names imported from its submodules when first used (PEP 562).

A package whose stage needs heavy libraries (scipy, wordfreq) but whose models the store
and the site import keeps the stage out of their start-up: the package's ``__getattr__``
imports the submodule on the first access to one of its names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """Make a package's module ``__getattr__`` that imports names on first use.

    :param package: the package's ``__name__``
    :param names: name -> the submodule (relative to the package) that defines it
    :returns: the ``__getattr__`` function
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
