"""``stakemap analyze``: the deal's health and the ways it can die, from the terminal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stakemap.cli.options import add_today_option
from stakemap.cli.output import out, print_json, user
from stakemap.errors import ValidationError

__all__ = ["EXIT_FAIL_ON", "register"]

#: Exit status when ``--fail-on`` finds a finding at or above its severity.
EXIT_FAIL_ON = 1


def register(sub: Any) -> None:
    sub.add_parser(
        "analyze",
        help="find the ways a deal can die, and who can fix them",
        description="Analyse a map: deal health, department states, influence scores and "
        "findings, worst first.",
        configure=_configure,
    )


def _configure(p: argparse.ArgumentParser) -> None:
    """The options, which name the rules and severities: the analysis loads only here."""
    from stakemap.analysis import RULES, AnalysisConfig, Severity

    severities = [s.value for s in Severity]
    p.epilog = (
        f"Rules: {', '.join(RULES)}. Thresholds (--set NAME=VALUE): "
        f"{', '.join(AnalysisConfig.names())}. Exit status: 0, or 1 when --fail-on "
        "matches, 2 on a user error."
    )
    p.add_argument("path", type=Path, metavar="PATH", nargs="?")
    p.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default; coloured on a terminal), json (stable, for scripts) or "
        "markdown (for a deal review)",
    )
    p.add_argument(
        "--rule",
        dest="rules",
        action="append",
        metavar="ID",
        help="show only this rule's findings (repeatable)",
    )
    p.add_argument(
        "--min-severity",
        choices=severities,
        metavar="S",
        help="hide findings below S (high, medium, low)",
    )
    p.add_argument(
        "--fail-on",
        choices=severities,
        metavar="S",
        help="exit 1 if a finding at S or worse exists (for scripts and CI)",
    )
    add_today_option(p, help="count stale contacts from this date (YYYY-MM-DD) instead of today")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a threshold, e.g. --set stale_days=90 (repeatable; on top of the "
        "config files, see 'stakemap config')",
    )
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.set_defaults(handler=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    from stakemap.analysis import (
        RULES,
        Severity,
        analyze,
        check_rule_ids,
        filter_findings,
    )
    from stakemap.analysis.report import analysis_markdown, analysis_to_json
    from stakemap.cli.report import text_report
    from stakemap.store import MapStore

    if args.list_rules:
        console = out()
        for rule in RULES.values():
            console.print(user(f"{rule.id:<22} {rule.summary}"))
        return 0
    if args.path is None:
        raise ValidationError("PATH", None, reason="give a map file: stakemap analyze PATH")
    rules = check_rule_ids(args.rules) if args.rules else None
    from stakemap.config import load_settings

    config = load_settings(args.path).with_overrides(args.overrides).analysis
    stakemap = MapStore(args.path).load()
    analysis = analyze(stakemap, today=args.today, config=config, rules=rules)
    min_severity = Severity(args.min_severity) if args.min_severity else None
    shown = filter_findings(analysis.findings, min_severity=min_severity)
    if args.format == "json":
        data = analysis_to_json(stakemap, analysis)
        data["findings"] = [f.to_dict() for f in shown]
        print_json(data)
    elif args.format == "markdown":
        shown_analysis = type(analysis)(
            analysis.health, analysis.departments, analysis.people, tuple(shown), analysis.extra
        )
        sys.stdout.write(analysis_markdown(stakemap, shown_analysis))
    else:
        console = out()
        for line in text_report(stakemap, analysis, findings=shown, width=console.width):
            console.print(line, soft_wrap=True)
    if args.fail_on:
        limit = Severity(args.fail_on)
        if any(f.severity.rank <= limit.rank for f in analysis.findings):
            return EXIT_FAIL_ON
    return 0
