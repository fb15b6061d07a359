"""Methods a Qt base class leaves to its subclasses (a form's `check` and `save`, a matter form's
`build`, `content` and `load` …).

`abc.abstractmethod` has no effect on Qt classes: Shiboken creates the object without asking ABCMeta.
So a base names its hooks as annotations and calls `require_hooks` from `__init_subclass__`: a
subclass that leaves one out fails when its module is imported, not when a clerk clicks 保存. A base,
or an intermediate class that leaves some hooks to its own subclasses, sets `_partial = True`.
"""

from __future__ import annotations


def require_hooks(cls: type, *hooks: str) -> None:
    """Refuse a concrete subclass that does not define every hook."""
    if cls.__dict__.get("_partial", False):
        return
    missing = [name for name in hooks if not callable(getattr(cls, name, None))]
    if missing:
        raise TypeError(f"{cls.__qualname__} must define {', '.join(missing)}")
