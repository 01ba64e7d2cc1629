"""The docket command: the only place that prints or picks an exit code."""

from __future__ import annotations

import csv
import json
import sys
import time

import click

from . import __version__
from .batch import collect, run
from .errors import StoreError
from .export import write_csv, write_jsonl
from .store import Store

DEFAULT_DB = "outputs/docket.db"
EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


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


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--lang", type=click.Choice(["en", "de", "ru", "vi"]), help="Language of every file, instead of detecting it.")
@click.option("--workers", type=click.IntRange(1, 64), help="Processes that read and extract (default: all cores for 8+ files).")
@click.option("--max-mb", type=click.FloatRange(0.001), default=20.0, show_default=True, help="Refuse files larger than this.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file lines; only the summary.")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], lang: str | None, workers: int | None, max_mb: float, quiet: bool) -> None:
    """Read files, folders (recursively) or globs, extract their records and store them.

    \b
    Example:
      docket ingest corpora/sample/
      docket ingest report.pdf --lang de
      docket ingest 'reports/**/*.html'
    Exit code 0 when every file went in, 1 when some were skipped.
    """
    from tqdm import tqdm

    store = open_store(ctx)
    started = time.perf_counter()
    paths, skips = collect(inputs)
    tally = {"stored": 0, "duplicate": 0, "skipped": 0, "records": 0}
    bar = tqdm(total=len(paths), unit="file", disable=quiet or None, file=sys.stderr, leave=False)
    try:
        for event in skips:
            store.record_skip(event.path, event.skip_kind, event.reason)
            report_event(event, quiet, tally, bar)
        for event in run(store, paths, lang=lang, workers=workers, max_bytes=int(max_mb * 1024 * 1024)):
            report_event(event, quiet, tally, bar)
            bar.update(1)
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"interrupted: {tally['stored']} documents stored so far; run the same command again to finish", err=True)
        sys.exit(130)
    finally:
        bar.close()
        store.close()
    seconds = time.perf_counter() - started
    click.echo(f"{tally['stored']} stored, {tally['duplicate']} already stored, {tally['skipped']} skipped, "
               f"{tally['records']} records extracted in {seconds:.1f} s")
    sys.exit(EXIT_SKIPPED if tally["skipped"] else EXIT_OK)


def report_event(event, quiet: bool, tally: dict, bar) -> None:
    """Count one event and print its line where a user must hear of it."""
    tally[event.kind] += 1
    tally["records"] += event.records
    if event.kind == "skipped":
        bar.write(f"skipped {event.path}: {event.reason}", file=sys.stderr)
    elif event.kind == "stored" and not event.language.supported and not quiet:
        bar.write(f"stored {event.path} without records: language {event.language.code!r} is not yet supported "
                  f"for extraction (supported: en, de, ru, vi)", file=sys.stderr)


@cli.command()
@click.option("--lang", help="Only documents in this language.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def documents(ctx: click.Context, lang: str | None, fmt: str) -> None:
    """List stored documents: id, source, language, date, place and record counts.

    \b
    Example:
      docket documents --lang vi
    """
    store = open_store(ctx)
    rows = store.documents(lang)
    columns = ["id", "source", "version", "language", "language_confidence", "event_date", "place", "counts",
               "deadlines", "agencies", "commitments", "title"]
    emit(rows, columns, fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} documents", err=True)


@cli.command()
@click.option("--agency", help="Sentences naming this agency (substring, any case).")
@click.option("--unit", help="Counts of this unit: task, model, public service, %, ...")
@click.option("--status", type=click.Choice(["completed", "in_progress", "not_started", "planned"]))
@click.option("--due-before", type=ISO_DATE, help="Deadlines on or before YYYY-MM-DD.")
@click.option("--due-after", type=ISO_DATE, help="Deadlines on or after YYYY-MM-DD.")
@click.option("--lang", help="Only documents in this language.")
@click.option("--place", help="Only documents about this province or city.")
@click.option("--search", help="Full-text search over evidence sentences.")
@click.option("--limit", type=click.IntRange(1), help="At most this many sentences.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
def query(ctx: click.Context, agency, unit, status, due_before, due_after, lang, place, search, limit, fmt) -> None:
    """Find evidence sentences with their counts, deadlines and agencies.

    \b
    Example:
      docket query --agency "Provincial Police" --due-before 2025-12-31
      docket query --unit task --status completed --lang ru --format csv
      docket query --search "online public services"
    """
    store = open_store(ctx)
    rows = store.query_records(unit=unit, status=status, agency=agency,
                               due_before=due_before.date().isoformat() if due_before else None,
                               due_after=due_after.date().isoformat() if due_after else None,
                               language=lang, search=search, place=place, limit=limit)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    flat = [flatten_hit(r) for r in rows]
    emit(flat, ["source", "language", "event_date", "counts", "deadlines", "agencies", "sentence"], fmt)
    if fmt == "table":
        click.echo(f"{len(rows)} sentences", err=True)


def flatten_hit(row: dict) -> dict:
    """Turn a query hit into one line of text per field."""
    def count_text(c: dict) -> str:
        value = f"{c['value']:g}" + (f"/{c['total']:g}" if c["total"] is not None else "")
        return f"{value} {c['unit']}" + (f" ({c['status']})" if c["status"] else "")
    return {
        "source": row["source"], "language": row["language"], "event_date": row["event_date"],
        "counts": "; ".join(count_text(c) for c in row["counts"]),
        "deadlines": "; ".join(f"{d['due']} {d['role']}" for d in row["deadlines"]),
        "agencies": "; ".join(dict.fromkeys(a["name"] for a in row["agencies"])),
        "sentence": row["text"],
    }


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

    \b
    Example:
      docket export --format jsonl > out.jsonl
      docket export --format csv -o records.csv
    """
    store = open_store(ctx)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = writer(store, fh)
        click.echo(f"wrote {n} {'documents' if fmt == 'jsonl' else 'rows'} to {output}", err=True)
    else:
        writer(store, sys.stdout)


def emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    """Print rows as an aligned table, JSON Lines or CSV."""
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    # the last column (a sentence, a title) runs on; the others are cut at 70 characters
    widths = {c: min(max([len(c)] + [len(cell(r.get(c))) for r in rows]), 70 if c != columns[-1] else 10_000) for c in columns}
    click.echo("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        click.echo("  ".join(cell(row.get(c))[: widths[c]].ljust(widths[c]) for c in columns).rstrip())


def cell(value) -> str:
    """Render one table cell."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\n", " ")


def main() -> None:
    """Entry point of the docket command."""
    cli(obj={})


if __name__ == "__main__":
    main()
