# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scheduled actions in batches, safe under Odoo's multi-worker mode.

Two workers never run the same scheduled action at once: the scheduler
takes its row in ``ir_cron`` with ``FOR NO KEY UPDATE SKIP LOCKED``. What a
batch must still survive is a user writing the same records meanwhile: it
locks what it changes, skips what another transaction holds, and commits
each batch with the number of records left, so the scheduler calls again
(``ir.cron._commit_progress``) and a run cut short loses one batch at most.
"""

from psycopg2 import errors

from odoo.tools import SQL


def lock_free(records):
    """The part of ``records`` no other transaction holds, now locked for
    this one; the rest is left to the next call.

    Rows another transaction changed and committed after this one began
    cannot be locked in a repeatable-read transaction: then nothing is
    taken (the next call, in a fresh transaction, sees their new state).
    """
    records = records.exists()
    if not records:
        return records
    query = records._as_query(ordered=False)
    sql = SQL("%s FOR NO KEY UPDATE SKIP LOCKED", query.select())
    cr = records.env.cr
    try:
        with cr.savepoint(flush=False):
            # Not an error worth a log line: the batch is only put off.
            cr.execute(sql, log_exceptions=False)
            locked = {row[0] for row in cr.fetchall()}
    except errors.SerializationFailure:
        return records.browse()
    return records.filtered(lambda record: record.id in locked)


def commit_progress(env, done, remaining):
    """Commit the batch and tell the scheduler what is left, when the
    scheduler runs the action; any other caller (a button, the install, a
    test) owns its transaction and gets nothing committed."""
    if env.context.get("cron_id") and env.context.get("ir_cron_progress_id"):
        env["ir.cron"]._commit_progress(done, remaining=remaining)
