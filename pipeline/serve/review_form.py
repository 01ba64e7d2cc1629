"""The review form's POST: accept, reject or correct a record through the API, guarded three ways.

1. Writes need `docket serve --review`; without it every POST is refused (403).
2. A POST whose Origin (or Sec-Fetch-Site) says it comes from another site is refused (403).
3. Datasette's asgi-csrf checks the form's token against its cookie, but lets a POST without any
   cookie through (it has nothing to compare); a review POST must carry the cookie, so the token
   is always checked.
"""

from __future__ import annotations

from datasette import Forbidden

from .. import reviews
from ..api import Docket, reviewer
from ..reviews import FIELDS, ReviewError
from .pages import record_context, review_on, store_path

ACTIONS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}
CSRF_COOKIE = "ds_csrftoken"


def refuse_unless_allowed(datasette, request) -> None:
    """Raise Forbidden unless reviewing is on and the POST comes from this server's own page."""
    if not review_on(datasette):
        raise Forbidden("reviewing is off: start the server with `docket serve --review` to review records")
    origin = request.headers.get("origin")
    own = f"{request.scheme}://{request.host}"
    if origin is not None and origin != own:
        raise Forbidden(f"a review must come from this server's own page ({own}), not from {origin}")
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        raise Forbidden("a review must come from this server's own page, not from another site")
    if CSRF_COOKIE not in request.cookies:
        raise Forbidden("missing CSRF token: open the record's page and send its form")


def changed_fields(kind: str, form: dict[str, str], current: dict[str, str]) -> list[str]:
    """Return FIELD=VALUE for each field the form changed (an emptied field empties it)."""
    out = []
    for name in FIELDS[kind]:
        key = f"field_{name}"
        if key in form and form[key].strip() != current[name]:
            out.append(f"{name}={form[key].strip()}")
    return out


async def submit(datasette, request) -> str | None:
    """Store the review the form sends; return an error to show with the form, or None when stored."""
    refuse_unless_allowed(datasette, request)
    form = await request.post_vars()
    action = form.get("action", "")
    if action not in ACTIONS:
        return f"{action!r} is not a review (accept, reject or correct)"
    note = form.get("note", "").strip() or None
    by = reviewer(form.get("by", "").strip() or None)
    with Docket(store_path(datasette)) as dk:
        context = record_context(dk, request.url_vars["id"])
        record_id = context["record"]["id"]
        try:
            if action == "correct":
                current = {f["name"]: f["current"] for f in context["fields"]}
                corrections = changed_fields(context["kind"], form, current)
                if not corrections:
                    raise ReviewError("change at least one field to correct the record")
                dk.correct(record_id, corrections, note=note, by=by)
            else:
                reviews.review(dk.store, record_id, ACTIONS[action], by, note)
        except ReviewError as exc:
            return str(exc)
    datasette.add_message(request, f"Review stored: {ACTIONS[action]}; targets, revisions and timelines show it.",
                          datasette.INFO)
    return None
