"""机构编制管理 — desktop system for county staffing offices (县委编办)."""

__version__ = "0.1.0"
