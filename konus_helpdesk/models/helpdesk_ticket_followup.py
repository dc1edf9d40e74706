# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain

FOLLOWUP_BATCH = 200
# The regulation's clock (§3.1) when a calendar has no time zone.
ULAN_UDE_TZ = "Asia/Irkutsk"


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
        """Daily: deferred requests come back on their day (§4.6); requests
        waiting for information get a reminder after the team's working
        days, and are declined for missing information after more of them
        where the team wants it (§4.5, §4.6). Batched; each step marks what
        it did, so a run repeated or cut short does nothing twice."""
        now = fields.Datetime.now()
        more = self._konus_followup_deferrals(now)
        more |= self._konus_followup_information(now)
        if more:
            self.env.ref(
                "konus_helpdesk.ir_cron_request_information_followup"
            )._trigger()

    def _konus_followup_deferrals(self, now):
        # The calendar's local day may be ahead of UTC: a day of margin in
        # the search, the exact local day per request.
        candidates = self.search(
            [
                ("waiting_for", "=", "deferral"),
                ("waiting_until", "<=", now.date() + timedelta(days=1)),
            ],
            order="waiting_until, id",
            limit=FOLLOWUP_BATCH,
        )
        candidates.filtered(
            lambda t: t.waiting_until <= t._konus_local_today(now)
        )._konus_resume()
        return len(candidates) == FOLLOWUP_BATCH

    def _konus_followup_information(self, now):
        more = False
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
                due = self.search(
                    waiting
                    & Domain("info_reminder_date", "=", False)
                    & Domain(
                        "waiting_since",
                        "<=",
                        now - timedelta(days=team.info_reminder_days),
                    ),
                    order="waiting_since, id",
                    limit=FOLLOWUP_BATCH,
                )
                more |= len(due) == FOLLOWUP_BATCH
                elapsed = self._konus_working_days_elapsed(
                    [(t, t.waiting_since) for t in due], now
                )
                for ticket, days in zip(due, elapsed, strict=True):
                    if days >= team.info_reminder_days:
                        ticket._konus_post_to_customer(
                            "konus_helpdesk.mail_template_information_reminder"
                        )
                        ticket.info_reminder_date = now
            if team.info_close_days > 0:
                base = (
                    "info_reminder_date"
                    if team.info_reminder_days > 0
                    else ("waiting_since")
                )
                due = self.search(
                    waiting
                    & Domain(base, "<=", now - timedelta(days=team.info_close_days)),
                    order=f"{base}, id",
                    limit=FOLLOWUP_BATCH,
                )
                more |= len(due) == FOLLOWUP_BATCH
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
        return more
