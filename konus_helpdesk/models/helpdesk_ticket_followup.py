# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.cron_batch import commit_progress, lock_free

FOLLOWUP_BATCH = 200
# The regulation's clock (§3.1) when a calendar has no time zone.
ULAN_UDE_TZ = "Asia/Irkutsk"


def _left_after(batch, domain):
    """How many requests match ``domain`` beyond ``batch``, a full batch of
    them; none when the batch was not full."""
    if len(batch) < FOLLOWUP_BATCH:
        return 0
    return max(batch.search_count(domain) - len(batch), 0)


class HelpdeskTicket(models.Model):
    """The follow-up of requests waiting for the customer: a reminder after
    the team's number of working days of the request's calendar (§4.5), the
    closure with the reason «missing information» after more of them (§4.6),
    and the return to work of a request deferred until a date."""

    _inherit = "helpdesk.ticket"

    # ------------------------------------------------------------------
    # Working days (§3.1)
    # ------------------------------------------------------------------

    def _konus_local_today(self, now):
        tz = pytz.timezone(self.sla_calendar_id.tz or ULAN_UDE_TZ)
        return pytz.utc.localize(now).astimezone(tz).date()

    @api.model
    def _konus_working_days_elapsed(self, pairs, now):
        """``pairs``: list of ``(ticket, moment)``; returns for each pair the
        number of working days of the ticket's calendar fully elapsed after
        the day of ``moment`` (local time) and before today — one interval
        fetch per calendar."""
        results = [0] * len(pairs)
        by_calendar = defaultdict(list)
        for index, (ticket, _moment) in enumerate(pairs):
            by_calendar[ticket.sla_calendar_id].append(index)
        for calendar, indexes in by_calendar.items():
            tz = pytz.timezone(calendar.tz or ULAN_UDE_TZ)
            today = pytz.utc.localize(now).astimezone(tz).date()
            days = [
                pytz.utc.localize(pairs[i][1]).astimezone(tz).date() for i in indexes
            ]
            first = min(days) + timedelta(days=1)
            if calendar:
                start = tz.localize(datetime.combine(first, time.min))
                stop = tz.localize(datetime.combine(today, time.min))
                if start < stop:
                    intervals = calendar.sudo()._work_intervals_batch(
                        start.astimezone(UTC), stop.astimezone(UTC)
                    )[False]
                    working = {
                        interval[0].astimezone(tz).date() for interval in intervals
                    }
                else:
                    working = set()
            else:
                working = {
                    first + timedelta(days=n) for n in range((today - first).days)
                }
            for index, day in zip(indexes, days, strict=True):
                results[index] = sum(1 for d in working if day < d < today)
        return results

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_request_information_followup(self):
        """Hourly: deferred requests come back on their day (§4.6); requests
        waiting for information get a reminder after the team's working
        days, and are declined for missing information after more of them
        where the team wants it (§4.5, §4.6). Batched and committed per
        call (the scheduler calls again while a full batch did something);
        each step marks what it did, so a run repeated or cut short does
        nothing twice."""
        now = fields.Datetime.now()
        done, left = self._konus_followup_deferrals(now)
        done_info, left_info = self._konus_followup_information(now)
        done += done_info
        # Requests not due yet in working days stay candidates: a batch of
        # them alone waits for the next hour instead of spinning.
        commit_progress(self.env, done, left + left_info if done else 0)

    def _konus_followup_deferrals(self, now):
        # The calendar's local day may be ahead of UTC: a day of margin in
        # the search, the exact local day per request.
        domain = Domain(
            [
                ("waiting_for", "=", "deferral"),
                ("waiting_until", "<=", now.date() + timedelta(days=1)),
            ]
        )
        candidates = self.search(
            domain, order="waiting_until, id", limit=FOLLOWUP_BATCH
        )
        left = _left_after(candidates, domain)
        due = lock_free(candidates).filtered_domain(domain)
        due = due.filtered(lambda t: t.waiting_until <= t._konus_local_today(now))
        due._konus_resume()
        return len(due), left

    def _konus_followup_information(self, now):
        done = left = 0
        teams = self.env["helpdesk.ticket.team"].search(
            [
                "|",
                ("info_reminder_days", ">", 0),
                ("info_close_days", ">", 0),
            ]
        )
        missing_info = self.env["konus.deferral.reason"].search(
            [("code", "=", "missing_info")]
        )
        for team in teams:
            waiting = Domain(
                [("team_id", "=", team.id), ("waiting_for", "=", "information")]
            )
            if team.info_reminder_days > 0:
                # Working days are no fewer than calendar days.
                domain = (
                    waiting
                    & Domain("info_reminder_date", "=", False)
                    & Domain(
                        "waiting_since",
                        "<=",
                        now - timedelta(days=team.info_reminder_days),
                    )
                )
                due = self.search(
                    domain, order="waiting_since, id", limit=FOLLOWUP_BATCH
                )
                left += _left_after(due, domain)
                due = lock_free(due).filtered_domain(domain)
                elapsed = self._konus_working_days_elapsed(
                    [(t, t.waiting_since) for t in due], now
                )
                for ticket, days in zip(due, elapsed, strict=True):
                    if days >= team.info_reminder_days:
                        ticket._konus_post_to_customer(
                            "konus_helpdesk.mail_template_information_reminder"
                        )
                        ticket.info_reminder_date = now
                        done += 1
            if team.info_close_days > 0:
                base = (
                    "info_reminder_date"
                    if team.info_reminder_days > 0
                    else ("waiting_since")
                )
                domain = waiting & Domain(
                    base, "<=", now - timedelta(days=team.info_close_days)
                )
                due = self.search(domain, order=f"{base}, id", limit=FOLLOWUP_BATCH)
                left += _left_after(due, domain)
                due = lock_free(due).filtered_domain(domain)
                elapsed = self._konus_working_days_elapsed(
                    [(t, t[base]) for t in due], now
                )
                for ticket, days in zip(due, elapsed, strict=True):
                    if days >= team.info_close_days:
                        reason = missing_info.filtered(
                            lambda r, t=ticket: (
                                r.company_id
                                in (
                                    t.company_id,
                                    r.company_id.browse(),
                                )
                            )
                        )[:1]
                        ticket.customer_note = False
                        ticket._konus_decline(reason)
                        ticket._konus_send_closing_mail(declined_for_reason=True)
                        done += 1
        return done, left
