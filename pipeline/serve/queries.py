"""Canned queries an analyst asks every week, over the reviewed views so that reviews apply.

Each is plain SQL with named parameters (Datasette shows a form field for each :name). Record ids
are returned as `id`, which the plugin renders as a link to the record's page.
"""

from __future__ import annotations

DEADLINES_DUE = """
select d.due, d.role, d.text as deadline, s.text as sentence, doc.place, doc.language, doc.title,
       d.document_id, d.id
from reviewed_deadlines d
join documents doc on doc.id = d.document_id
left join sentences s on s.document_id = d.document_id and s.idx = d.sentence_idx
where d.due >= :due_from and d.due <= :due_to and d.role = 'deadline'
order by d.due, doc.place
"""

# due before today; set by a date whose role is a deadline (a meeting's "in the first quarter" is the
# period it reviews, not work due); not reported done (no completed count, reviewed, in the same
# sentence); rejected commitments are not in the reviewed view, and a deadline's role corrected to
# anything else takes its commitment out
OVERDUE = """
select m.due, cast(julianday(date('now')) - julianday(m.due) as integer) as days_overdue, m.agencies, m.text as commitment,
       doc.place, doc.language, doc.event_date, doc.title, m.document_id, m.id
from reviewed_commitments m
join documents doc on doc.id = m.document_id
where m.due < date('now')
  and exists (
    select 1 from reviewed_deadlines d
    where d.document_id = m.document_id and d.sentence_idx = m.sentence_idx and d.role = 'deadline')
  and not exists (
    select 1 from reviewed_counts c
    where c.document_id = m.document_id and c.sentence_idx = m.sentence_idx and c.status = 'completed')
order by m.due, doc.place
"""

MOVED_DEADLINES = """
select r.old as was_due, r.new as now_due, r.direction, a.event_date as first_reported, a.title as in_report,
       b.event_date as moved_in, b.title as moved_in_report, s.place, s.unit, r.reason, r.score,
       r.review_status, r.from_document, r.to_document
from reviewed_revisions r
join documents a on a.id = r.from_document
join documents b on b.id = r.to_document
left join reviewed_series s on s.id = r.series_id
where r.kind = 'deadline'
order by b.event_date desc, r.new
"""

PLACE_SERIES = """
select s.place, s.unit, s.total as target, p.date, p.value, p.total, p.status, p.due, p.review_status, doc.language,
       sen.text as evidence, p.series_id, p.document_id
from reviewed_series s
join reviewed_series_points p on p.series_id = s.id
join documents doc on doc.id = p.document_id
left join sentences sen on sen.document_id = p.document_id and sen.idx = p.sentence_idx
where s.place like '%' || :place || '%'
order by s.unit, s.total, p.date
"""

BY_AGENCY = """
select a.name as agency, a.role, m.due, m.text as commitment, doc.place, doc.language, doc.event_date,
       m.document_id, m.id
from reviewed_agencies a
join reviewed_commitments m on m.document_id = a.document_id and m.sentence_idx = a.sentence_idx
join documents doc on doc.id = a.document_id
where a.name like '%' || :agency || '%'
order by a.name, m.due is null, m.due
"""

TRANSLATIONS = """
select d.id, d.language, d.title, d.place, d.event_date,
       group_concat(o.language || ': ' || coalesce(o.title, o.source), ' | ') as translations,
       group_concat(o.id, ' ') as translation_ids
from documents d
join translation_groups g on g.document_id = d.id
join translation_groups g2 on g2.group_id = g.group_id and g2.document_id != d.id
join documents o on o.id = g2.document_id
group by d.id
order by d.event_date desc, d.language
"""

SEARCH = """
select doc.event_date, doc.place, doc.language, s.text as sentence, doc.title, s.document_id, s.idx
from sentences_fts f
join sentences s on s.rowid = f.rowid
join documents doc on doc.id = s.document_id
where sentences_fts match :words
order by doc.event_date desc
"""

QUERIES: dict[str, dict[str, str]] = {
    "deadlines_due": {"title": "Deadlines due in a date range", "sql": DEADLINES_DUE,
                      "description": "Deadlines (role deadline) due between two ISO dates, reviewed values."},
    "overdue": {"title": "Overdue commitments", "sql": OVERDUE,
                "description": "Commitments with a deadline before today that their sentence does not report "
                               "as completed; rejected ones left out."},
    "moved_deadlines": {"title": "Deadlines that moved between reports", "sql": MOVED_DEADLINES,
                        "description": "From `docket link`, with reviews applied: a deadline one report gives and a later one changes."},
    "place_series": {"title": "A place's target series", "sql": PLACE_SERIES,
                     "description": "Every report's statement of each target of a place, by date."},
    "commitments_by_agency": {"title": "Commitments by agency", "sql": BY_AGENCY,
                              "description": "Commitments whose sentence names the agency (part of its name)."},
    "translations": {"title": "Documents with their translations", "sql": TRANSLATIONS,
                     "description": "Documents that are the same article in other languages."},
    "search": {"title": "Search sentences, newest first", "sql": SEARCH,
               "description": "Full-text search (diacritics folded; FTS5 syntax), sorted by the meeting date."},
}
