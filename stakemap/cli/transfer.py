"""``stakemap export`` and ``stakemap import``: thin shells over ``stakemap.export``
and ``stakemap.importers``, which the app calls too.

Messages go to stderr, one line each; the exported document itself goes to
stdout only with ``-o -``. A progress bar appears only when stderr is a
terminal, so pipes and CI logs stay clean.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stakemap.cli.options import add_today_option
from stakemap.cli.output import err, say
from stakemap.errors import StakemapError, ValidationError
from stakemap.export import (
    ExportError,
    ExportOptions,
    default_output,
    export_map,
    format_for_path,
    format_names,
    get_format,
    write_export,
    write_stream,
)

__all__ = ["register"]


def _mode(text: str) -> int:
    try:
        value = int(text, 8)
    except ValueError:
        value = -1
    if not 0 <= value <= 0o777:
        raise argparse.ArgumentTypeError(f"{text!r} is not a file mode; use octal, e.g. 600")
    return value


def register(sub: Any) -> None:
    formats = ", ".join(format_names())
    p = sub.add_parser(
        "export",
        help="write the map as Markdown, HTML, SVG, Mermaid, DOT, CSV, JSON, GraphML or GEXF",
        description="Export a map for teammates and other tools. Files are created with mode "
        "0600 because they hold personal data; --redact and --anonymize make them fit to "
        "share more widely.",
        epilog="csv writes NAME.csv, NAME.links.csv, NAME.account.csv and "
        "NAME.interactions.csv (the log of touches); 'stakemap import NAME.csv' reads them "
        "all back. Reviews travel in the json bundle only.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="the map file")
    p.add_argument(
        "--format",
        "-f",
        dest="format",
        metavar="FMT",
        help=f"one of: {formats} (default: from -o's extension)",
    )
    p.add_argument(
        "-o",
        "--output",
        dest="output",
        metavar="OUT",
        help="output file ('-' for stdout); default: the account name, slugified, in "
        "the current folder",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="leave out private fields: notes, drivers, constraints, fears, email",
    )
    p.add_argument(
        "--anonymize",
        action="store_true",
        help="also replace names with role and department labels, and scrub names "
        "out of titles, departments and priorities (implies --redact)",
    )
    p.add_argument(
        "--anonymize-account",
        action="store_true",
        help="also replace the account name and the initiative, for sharing outside "
        "the deal team (implies --anonymize)",
    )
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    add_today_option(p, help="the date the document is as of (default: today)")
    p.add_argument(
        "--mode", type=_mode, metavar="OCTAL", help="file mode for new files (default 600)"
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import",
        help="import contacts from a Salesforce/HubSpot CSV, or a stakemap CSV/JSON export",
        description="Import people (and links) into a new map (-o) or an existing one "
        "(--into). Salesforce and HubSpot contact exports are recognised by their "
        "headers; other CSVs need --map. Bad rows are reported with their line number "
        "and skipped (nothing is written with --strict).",
    )
    p.add_argument("file", type=Path, metavar="FILE", help="CSV, JSON bundle or map file")
    p.add_argument(
        "--links",
        type=Path,
        metavar="LINKS.csv",
        help="links to import: columns from, to, kind, strength (names, emails or ids)",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", type=Path, metavar="NEW_MAP", help="create this map")
    target.add_argument("--into", type=Path, metavar="MAP", help="update this existing map")
    p.add_argument(
        "--map",
        dest="mapping",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="read column HEADER as FIELD (a stakeholder field, first_name, last_name, "
        "account, reports_to, external_id or ignore); repeatable",
    )
    p.add_argument("--strict", action="store_true", help="write nothing if any row is bad")
    p.add_argument("--account", metavar="NAME", help="the account name (default: from the file)")
    p.set_defaults(handler=cmd_import)


# --- progress ------------------------------------------------------------------------


@contextlib.contextmanager
def _steps(label: str) -> Iterator[Callable[[str], None]]:
    """A transient spinner naming the current step, only on a terminal."""
    if not sys.stderr.isatty():
        yield lambda _step: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=err(), transient=True
    ) as bar:
        task = bar.add_task(label)
        yield lambda step: bar.update(task, description=f"{label}: {step}")


@contextlib.contextmanager
def _counter(label: str) -> Iterator[Callable[[int, int], None]]:
    """A transient progress bar over rows, only on a terminal."""
    if not sys.stderr.isatty():
        yield lambda _done, _total: None
        return
    from rich.progress import Progress

    with Progress(console=err(), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


# --- export ----------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from stakemap.store import MapStore

    to_stdout = args.output == "-"
    out = None if args.output in (None, "-") else Path(args.output)
    fmt = get_format(args.format) if args.format else out and format_for_path(out)
    if not fmt:
        raise ExportError(f"say which format with --format (one of: {', '.join(format_names())})")
    from stakemap.config import load_settings

    config = load_settings(args.path).analysis
    stakemap = MapStore(args.path).load()
    options = ExportOptions(
        redact=args.redact,
        anonymize=args.anonymize,
        anonymize_account=args.anonymize_account,
        today=args.today,
        config=config,
    )
    if to_stdout:
        if fmt.companions:
            raise ExportError(
                f"{fmt.name} writes {len(fmt.companions) + 1} files; give a file name with -o"
            )
        with _steps(f"exporting {fmt.name}") as step:
            files = export_map(stakemap, fmt, options=options, progress=step)
        write_stream(files)
        return 0
    out = out or default_output(stakemap, fmt, hide_account=args.anonymize_account)
    with _steps(f"exporting {fmt.name}") as step:
        paths = write_export(
            stakemap,
            fmt,
            out,
            options=options,
            force=args.force,
            mode=args.mode,
            protect=[args.path],
            progress=step,
        )
    privacy = (
        " (anonymized, account hidden)"
        if args.anonymize_account
        else " (anonymized)"
        if args.anonymize
        else " (redacted)"
        if args.redact
        else ""
    )
    say(f"wrote {', '.join(str(p) for p in paths)}{privacy}")
    return 0


# --- import ----------------------------------------------------------------------------


def _print_problems(plan_or_report: Any, *, limit: int = 200) -> None:
    lines = [f"bad row: {p}" for p in plan_or_report.errors]
    lines += [f"warning: {p}" for p in plan_or_report.warnings]
    for line in lines[:limit]:
        say(line)
    if len(lines) > limit:
        say(f"... and {len(lines) - limit} more")


def cmd_import(args: argparse.Namespace) -> int:
    from stakemap.importers import (
        apply_plan,
        new_map_from_plan,
        parse_mapping,
        plan_import,
    )
    from stakemap.store import MapStore

    mapping = parse_mapping(args.mapping)
    if args.output is not None and args.output.exists():
        raise ValidationError(
            "-o", str(args.output), reason=f"{args.output} already exists; use --into to update it"
        )
    plan = plan_import(args.file, links=args.links, mapping=mapping, account=args.account)
    about = f"{plan.source}" + (f", {plan.description}" if plan.description else "")
    say(f"reading {args.file}: {about}, {plan.rows} rows")
    for note in plan.notes:
        say(note)
    _print_problems(plan)
    if args.strict and plan.errors:
        raise StakemapError(
            f"nothing imported: {len(plan.errors)} bad "
            f"{'row' if len(plan.errors) == 1 else 'rows'} (--strict)"
        )

    if args.output is not None:
        account = plan.account_name
        if not account:
            raise ValidationError(
                "--account",
                None,
                reason=f"{args.file} has no Account Name or Company column; "
                "name the account with --account NAME",
            )
        if not plan.people and not plan.links:
            raise StakemapError(f"nothing to import from {args.file}: no row could be read")
        with _counter("importing") as progress:
            stakemap, report = new_map_from_plan(plan, account, progress=progress)
        _print_problems(report)
        if args.strict and report.errors:
            raise StakemapError(f"nothing imported: {len(report.errors)} bad rows (--strict)")
        MapStore(args.output).create(stakemap)
        target = args.output
    else:
        store = MapStore(args.into)
        with store.edit() as stakemap:
            if plan.account_name and plan.account_name != stakemap.account.account:
                say(
                    f"note: the file's account {plan.account_name!r} differs from the map's "
                    f"{stakemap.account.account!r}; importing anyway"
                )
            with _counter("importing") as progress:
                report = apply_plan(stakemap, plan, progress=progress)
            _print_problems(report)
            if args.strict and report.errors:
                raise StakemapError(f"nothing imported: {len(report.errors)} bad rows (--strict)")
        target = args.into
    _summary(target, report, bad=len(plan.errors) + len(report.errors))
    return 0


def _summary(target: Path, report: Any, *, bad: int) -> None:
    people = len(report.added)
    parts = [
        f"added {people} {'person' if people == 1 else 'people'}",
        f"{report.links_added} {'link' if report.links_added == 1 else 'links'}",
    ]
    if report.updated or report.unchanged or report.links_updated:
        parts.append(f"updated {len(report.updated)}")
        parts.append(f"{report.unchanged} unchanged")
    if report.links_updated:
        parts.append(f"{report.links_updated} links updated")
    touches = report.interactions_added
    if touches:
        parts.append(f"{touches} {'touch' if touches == 1 else 'touches'}")
    line = f"{target}: " + ", ".join(parts)
    if bad:
        line += f"; {bad} bad {'row' if bad == 1 else 'rows'} skipped"
    say(line)
    for person, fields in report.updated:
        say(f"  updated {person.name}: {', '.join(fields)}")
