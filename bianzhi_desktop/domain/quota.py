"""Quota arithmetic (编制计算): the figures of one unit and kind, and of leader posts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuotaFigures:
    """核定 approved, 在编 enrolled, 已核准未入编 reserved; 空编 vacancy = approved − enrolled − reserved."""

    approved: int = 0
    enrolled: int = 0
    reserved: int = 0

    @property
    def vacancy(self) -> int:
        return self.approved - self.enrolled - self.reserved

    @property
    def over_quota(self) -> int:
        """How far over quota (超编), 0 when within."""
        return max(0, -self.vacancy)

    def __add__(self, other: QuotaFigures) -> QuotaFigures:
        return QuotaFigures(
            self.approved + other.approved,
            self.enrolled + other.enrolled,
            self.reserved + other.reserved,
        )


@dataclass(frozen=True)
class LeaderPostFigures:
    """Approved leader posts of one tier against the people holding them (占职数 only)."""

    approved: int = 0
    filled: int = 0

    @property
    def free(self) -> int:
        return self.approved - self.filled

    @property
    def over(self) -> int:
        """超职数: how many holders beyond the approved posts."""
        return max(0, self.filled - self.approved)


def remaining_seats(seats: int, used: int) -> int:
    """Seats of a hiring plan still booked: never negative even if history over-used the plan."""
    return max(0, seats - used)
