"""The demo county (云溪县): `bianzhi-cli demo` and the sign-in dialog's “open the demo county”."""

from bianzhi_desktop.demo.build import PASSWORD, DemoReport, SeededProblem, build_demo_county

__all__ = ["PASSWORD", "DemoReport", "SeededProblem", "build_demo_county"]
