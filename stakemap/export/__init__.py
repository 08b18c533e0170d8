"""One exporter registry for the CLI and the app: formats, privacy, safe writing.

Every format is an ``ExportFormat``: a name, a file extension, a description,
whether its output is binary, and a renderer ``(stakemap, *, analysis,
options) -> str | bytes``. ``stakemap export`` and the app's export screen both
call ``export_map`` (render in memory) or ``write_export`` (render and write),
so a format exists once. Renderers live in their own modules and are imported
only when used, which keeps ``stakemap --help`` fast.

Privacy is a transform of the map applied before any renderer runs (see
``stakemap.privacy``); the analysis a document includes is computed from the
transformed map, so an anonymized export cannot leak a name through a
finding's suggestion.

Some formats write more than one file: ``csv`` writes ``NAME.csv``
(stakeholders), ``NAME.links.csv``, ``NAME.account.csv`` and
``NAME.interactions.csv`` beside it. They
are the format's ``companions``; every path is checked before anything is
written, and the files are written as a set (``store.atomic_write_many``):
all are complete on disk before the first is renamed into place.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from stakemap.errors import StakemapError

if TYPE_CHECKING:
    from stakemap.analysis.config import AnalysisConfig
    from stakemap.analysis.types import Analysis
    from stakemap.model import StakeMap

__all__ = [
    "FORMATS",
    "Companion",
    "ExportError",
    "ExportFile",
    "ExportFormat",
    "ExportOptions",
    "analysis_for",
    "check_outputs",
    "default_output",
    "export_map",
    "format_for_path",
    "format_names",
    "get_format",
    "output_paths",
    "prepare_map",
    "slugify",
    "write_export",
    "write_files",
]

#: Mode of newly written export files: they carry personal data.
EXPORT_FILE_MODE: Final = 0o600
#: A temp file beside an export that is older than this was left by a killed
#: export (a live one renames its file within a second of writing it).
STALE_TEMP_AGE_S: Final = 600.0


class ExportError(StakemapError):
    """An export cannot be made or written; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the user chose besides the format.

    ``today`` is the date the document is "as of" and the date the analysis
    measures stale contacts from; tests fix it for deterministic output.
    """

    redact: bool = False
    anonymize: bool = False
    today: date | None = None
    #: Also hide the account name and the initiative (implies ``anonymize``).
    anonymize_account: bool = False
    #: The team's thresholds (``stakemap.config.load_settings``), so an export
    #: shows the findings ``analyze`` and the app show. None: the defaults.
    config: AnalysisConfig | None = None

    @property
    def transforms(self) -> bool:
        return self.redact or self.anonymize or self.anonymize_account

    def as_of(self) -> date:
        return self.today or date.today()


class Renderer(Protocol):
    def __call__(
        self, stakemap: StakeMap, *, analysis: Analysis | None, options: ExportOptions
    ) -> str | bytes: ...


def _load(spec: str) -> Renderer:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Companion:
    """An extra file a format writes beside its main file (``NAME.links.csv``)."""

    suffix: str
    description: str
    renderer: str  # "module:function", imported on first use

    def render(
        self, stakemap: StakeMap, *, analysis: Analysis | None, options: ExportOptions
    ) -> str | bytes:
        return _load(self.renderer)(stakemap, analysis=analysis, options=options)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format. ``renderer`` is a "module:function" string so the
    registry can be listed (``--help``, the app's format picker) without
    importing every renderer."""

    name: str
    extension: str
    description: str
    binary: bool
    renderer: str
    needs_analysis: bool = False
    companions: tuple[Companion, ...] = field(default_factory=tuple)

    def render(
        self, stakemap: StakeMap, *, analysis: Analysis | None, options: ExportOptions
    ) -> str | bytes:
        return _load(self.renderer)(stakemap, analysis=analysis, options=options)


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One rendered file: ``suffix`` is ``""`` for the main file, else the companion's."""

    suffix: str
    data: str | bytes

    def encoded(self) -> bytes:
        """UTF-8; a lone surrogate (possible only from a hand-edited JSON file) becomes "?"."""
        if isinstance(self.data, bytes):
            return self.data
        return self.data.encode("utf-8", errors="replace")


_E = "stakemap.export"

FORMATS: Final[dict[str, ExportFormat]] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat(
            "markdown",
            ".md",
            "deal-review document: health, departments, findings, table, Mermaid map",
            binary=False,
            renderer=f"{_E}.markdown:render_markdown",
            needs_analysis=True,
        ),
        ExportFormat(
            "html",
            ".html",
            "self-contained page: the map drawn as SVG, findings, table; prints well",
            binary=False,
            renderer=f"{_E}.html:render_html",
            needs_analysis=True,
        ),
        ExportFormat(
            "svg",
            ".svg",
            "the map drawing alone, headed by account, date and deal health",
            binary=False,
            renderer=f"{_E}.svg:render_svg",
            needs_analysis=True,
        ),
        ExportFormat(
            "mermaid",
            ".mmd",
            "Mermaid flowchart of the map",
            binary=False,
            renderer=f"{_E}.mermaid:render_mermaid",
        ),
        ExportFormat(
            "dot",
            ".dot",
            "Graphviz DOT graph of the map",
            binary=False,
            renderer=f"{_E}.dot:render_dot",
        ),
        ExportFormat(
            "csv",
            ".csv",
            "stakeholders, plus NAME.links.csv, NAME.account.csv and "
            "NAME.interactions.csv; re-importable",
            binary=False,
            renderer=f"{_E}.tabular:render_people_csv",
            companions=(
                Companion(".links.csv", "links", f"{_E}.tabular:render_links_csv"),
                Companion(".account.csv", "account", f"{_E}.tabular:render_account_csv"),
                Companion(
                    ".interactions.csv",
                    "interactions",
                    f"{_E}.tabular:render_interactions_csv",
                ),
            ),
        ),
        ExportFormat(
            "json",
            ".stakemap.json",
            "versioned bundle of the whole map; 'stakemap import' reads it back exactly",
            binary=False,
            renderer=f"{_E}.graphs:render_json",
        ),
        ExportFormat(
            "graphml",
            ".graphml",
            "GraphML for Gephi, yEd, Cytoscape, igraph (every field as an attribute)",
            binary=False,
            renderer=f"{_E}.graphs:render_graphml",
        ),
        ExportFormat(
            "gexf",
            ".gexf",
            "GEXF for Gephi (every field, colours, sizes and positions)",
            binary=False,
            renderer=f"{_E}.graphs:render_gexf",
        ),
    )
}

_ALIASES: Final = {
    "md": "markdown",
    "htm": "html",
    "mmd": "mermaid",
    "gv": "dot",
    "json": "json",
}


def format_names() -> list[str]:
    return list(FORMATS)


def get_format(name: str) -> ExportFormat:
    key = name.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    try:
        return FORMATS[key]
    except KeyError:
        raise ExportError(
            f"{name!r} is not an export format; use one of: {', '.join(FORMATS)}"
        ) from None


def format_for_path(path: Path) -> ExportFormat | None:
    """The format a file name implies (``deal.md`` -> markdown), if any."""
    name = path.name.lower()
    for fmt in sorted(FORMATS.values(), key=lambda f: -len(f.extension)):
        if name.endswith(fmt.extension):
            return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in _ALIASES:
        return FORMATS[_ALIASES[suffix]]
    return None


def slugify(text: str) -> str:
    """A file-name-safe form of an account name.

    >>> slugify("Northwind Logistics, Inc.")
    'northwind-logistics-inc'
    >>> slugify("Café Zürich")
    'cafe-zurich'
    >>> slugify("../../etc")
    'etc'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "stakemap"


def default_output(
    stakemap: StakeMap,
    fmt: ExportFormat,
    folder: Path | None = None,
    *,
    hide_account: bool = False,
) -> Path:
    """``<folder>/<account-slug><extension>``, e.g. ``northwind-logistics.md``; with
    ``hide_account`` the name does not give the account away (``account.md``)."""
    name = "account" if hide_account else slugify(stakemap.account.account)
    return (folder or Path()) / (name + fmt.extension)


def output_paths(fmt: ExportFormat, out: Path) -> list[Path]:
    """Every path an export to ``out`` writes: the main file, then its companions.

    >>> [path.name for path in output_paths(get_format("csv"), Path("deal.csv"))]
    ['deal.csv', 'deal.links.csv', 'deal.account.csv', 'deal.interactions.csv']
    """
    base = out.name[: -len(fmt.extension)] if out.name.endswith(fmt.extension) else out.name
    return [out, *(out.with_name(base + c.suffix) for c in fmt.companions)]


def prepare_map(stakemap: StakeMap, options: ExportOptions) -> StakeMap:
    """The map as it may leave the machine under ``options`` (see ``stakemap.privacy``)."""
    from stakemap.privacy import protect  # noqa: PLC0415 (lazy: keeps --help fast)

    return protect(
        stakemap,
        redact_private=options.redact,
        anonymize_names=options.anonymize,
        anonymize_account=options.anonymize_account,
    )


def analysis_for(stakemap: StakeMap, options: ExportOptions) -> Analysis:
    """Analyse the (already prepared) map as of ``options.today``."""
    from stakemap.analysis import analyze  # noqa: PLC0415 (lazy: keeps --help fast)

    return analyze(stakemap, today=options.as_of(), config=options.config)


def export_map(
    stakemap: StakeMap,
    fmt: ExportFormat | str,
    *,
    options: ExportOptions | None = None,
    analysis: Analysis | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[ExportFile]:
    """Render ``stakemap`` in ``fmt``; returns the main file first, then companions.

    ``analysis`` lets the app pass the analysis it already shows; it is used
    only when no privacy transform applies, because an analysis of the
    original map names the people a redacted or anonymized export hides.
    ``progress`` is told each step ("analysing", "rendering") for a progress bar.
    """
    fmt = get_format(fmt) if isinstance(fmt, str) else fmt
    options = options or ExportOptions()
    step = progress or (lambda _step: None)
    if options.transforms:
        step("applying privacy options")
        stakemap = prepare_map(stakemap, options)
        analysis = None
    if fmt.needs_analysis and analysis is None:
        step("analysing")
        analysis = analysis_for(stakemap, options)
    step("rendering")
    files = [ExportFile("", fmt.render(stakemap, analysis=analysis, options=options))]
    for companion in fmt.companions:
        files.append(
            ExportFile(
                companion.suffix, companion.render(stakemap, analysis=analysis, options=options)
            )
        )
    return files


def write_export(
    stakemap: StakeMap,
    fmt: ExportFormat | str,
    out: Path,
    *,
    options: ExportOptions | None = None,
    analysis: Analysis | None = None,
    force: bool = False,
    mode: int | None = None,
    protect: Sequence[Path] = (),
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Render and write an export; returns the paths written.

    Refuses (``ExportError``) to replace an existing file unless ``force``, and
    never replaces a path in ``protect`` (the map being exported) even then.
    Every path is checked before anything is written. New files get mode 0600
    unless ``mode`` says otherwise; a replaced file keeps its mode.
    """
    fmt = get_format(fmt) if isinstance(fmt, str) else fmt
    paths = output_paths(fmt, out)
    check_outputs(paths, force=force, protect=protect)
    files = export_map(stakemap, fmt, options=options, analysis=analysis, progress=progress)
    if progress:
        progress("writing")
    write_files(paths, [file.encoded() for file in files], mode=mode, out=out)
    return paths


def check_outputs(paths: Sequence[Path], *, force: bool, protect: Sequence[Path] = ()) -> None:
    """Refuse, before anything is rendered or written, any path an export must not write.

    An existing file needs ``force``; the map being exported (``protect``), a
    folder, a device, a missing folder or a file this user cannot replace are
    refused even then. Every document stakemap writes (exports, handovers)
    goes through this one check.
    """
    from stakemap.store import check_writable  # noqa: PLC0415 (lazy: keeps --help fast)

    guarded = {_real(p) for p in protect}
    for path in paths:
        if _real(path) in guarded:
            raise ExportError(f"{path}: that is the map being exported; choose another file name")
        if path.is_dir():
            raise ExportError(f"{path}: is a folder; give a file name")
        if path.exists() and not force:
            raise ExportError(f"{path}: already exists; add --force to replace it")
        if path.exists() and not path.is_file():
            raise ExportError(f"{path}: is not a regular file (a device or FIFO); not replacing it")
        if not path.parent.is_dir():
            raise ExportError(f"{path}: the folder {path.parent} does not exist")
        try:  # a read-only or another user's file stays, as a map does
            check_writable(path)
        except StakemapError as exc:
            raise ExportError(str(exc)) from None


def write_files(
    paths: Sequence[Path], datas: Sequence[bytes], *, mode: int | None = None, out: Path
) -> None:
    """Write checked ``paths`` as a set (all complete before the first is renamed).

    New files get mode 0600 (they carry personal data) unless ``mode`` says
    otherwise; a replaced file keeps its mode.
    """
    from stakemap.store import (  # noqa: PLC0415 (lazy: keeps --help fast)
        atomic_write_many,
        remove_stale_temp_files,
    )

    staged = []
    for path, data in zip(paths, datas, strict=True):
        remove_stale_temp_files(path, older_than_s=STALE_TEMP_AGE_S)
        new_mode = mode if mode is not None else (None if path.exists() else EXPORT_FILE_MODE)
        staged.append((path, data, new_mode))
    try:
        atomic_write_many(staged)
    except StakemapError as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _real(path: Path) -> str:
    return os.path.realpath(path)


def write_stream(files: Sequence[ExportFile], stream: Any = None) -> None:
    """Write a one-file export to stdout (``-o -``); text as UTF-8, bytes as they are."""
    stream = stream or sys.stdout
    if len(files) != 1:
        raise ExportError(
            "this format writes several files; give a file name with -o instead of '-'"
        )
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(files[0].encoded())
        buffer.flush()
    else:  # a text-only stream (tests' StringIO)
        data = files[0].data
        stream.write(data.decode("utf-8") if isinstance(data, bytes) else data)
        stream.flush()
