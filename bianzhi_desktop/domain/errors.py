"""Errors the user sees. Every message is Simplified Chinese and says what is wrong and where."""

from __future__ import annotations


class BianzhiError(Exception):
    """Base of every error that carries a message meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(BianzhiError):
    """Bad input: names the field (in Chinese) and the rule it breaks."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}：{message}")
        self.field = field
        self.rule = message


class PermissionDenied(BianzhiError):
    """The acting user lacks the role the operation needs."""


class NotFound(BianzhiError):
    """A record the operation refers to does not exist."""


class RuleViolation(BianzhiError):
    """A domain rule refuses the operation (over quota, abolished unit, initialisation closed…)."""


class AuthenticationError(BianzhiError):
    """Wrong user name or password, or a locked account."""
