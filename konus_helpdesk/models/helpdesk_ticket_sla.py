# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.cron_batch import commit_progress, lock_free

DEFAULT_RISK_SHARE = 0.8
RISK_SHARE_PARAM = "konus_helpdesk.sla_risk_share"
# The clock's state for each phase of its ticket (see _get_sla_phase).
STATE_OF_PHASE = {
    "running": "in_progress",
    "paused": "on_hold",
    "done": "accomplished",
    "cancelled": "cancelled",
}


def _round_to_second(moment):
    if not moment:
        return moment
    return (moment + timedelta(microseconds=500_000)).replace(microsecond=0)


class HelpdeskTicketSla(models.Model):
    """The clock of one SLA target on one ticket (§3.1, §4.5).

    The clock is a small state machine driven by events — creation, a stage
    change, the first response, a breach — all applied by
    ``_konus_sync_state``. Its written state is: ``state``, ``running_since``
    (start of the current running period, kept when breached),
    ``consumed_time`` (working hours used in earlier periods) and
    ``done_date``. While the ticket waits for the customer (a stage in the
    SLA's ignored stages, §4.5) the clock is *on hold*: the working time used
    so far is kept and counting resumes from there.

    ``deadline`` and ``risk_date`` are computed from that state and the
    ticket's calendar — never written by hand — in one batch per calendar.
    """

    _inherit = "helpdesk.ticket.sla"

    # The alert cron's breaches to announce among years of clocks: only the
    # running ones and the breached ones not yet announced (a few hundred).
    _breach_pending_idx = models.Index(
        "(deadline, id) WHERE breach_notified IS NOT TRUE"
        " AND state IN ('in_progress', 'expired')"
    )

    # Every read of a request's clocks searches them by request.
    ticket_id = fields.Many2one(index=True)
    sla_type = fields.Selection(related="sla_id.sla_type", store=True)
    calendar_id = fields.Many2one(
        related="ticket_id.sla_calendar_id", store=True, index=True
    )
    hours = fields.Float(string="Target (working hours)")
    # OCA computes these together with ``hours`` from sla_id only and then
    # writes them by hand; here they are plain written fields.
    state = fields.Selection(compute=False, readonly=True, index=True)
    last_state_date = fields.Datetime(compute=False, readonly=True)
    consumed_time = fields.Float(
        string="Consumed working hours",
        help="Working hours used before the current running period.",
    )
    running_since = fields.Datetime(readonly=True, copy=False)
    worked_hours = fields.Float(
        string="Worked hours",
        readonly=True,
        copy=False,
        help="Working hours the clock ran, pauses excluded, written by the "
        "clock when its target was reached (met, breached or declined).",
    )
    done_date = fields.Datetime(string="Met on", readonly=True, copy=False)
    deadline = fields.Datetime(
        compute="_compute_deadline", store=True, index=True, copy=False
    )
    risk_date = fields.Datetime(
        string="At risk from",
        compute="_compute_deadline",
        store=True,
        index=True,
        copy=False,
        help="When the configured share of the target is used up.",
    )
    risk_notified = fields.Boolean(readonly=True, copy=False)
    breach_notified = fields.Boolean(readonly=True, copy=False)
    at_risk = fields.Boolean(
        string="SLA at risk", compute="_compute_at_risk", search="_search_at_risk"
    )
    remaining_hours = fields.Float(
        string="Remaining working hours", compute="_compute_remaining_hours"
    )
    calendar_tz = fields.Selection(
        related="calendar_id.tz", string="Time zone of the calendar"
    )
    deadline_local = fields.Char(
        string="Deadline (calendar's time)",
        compute="_compute_deadline_local",
        help="The deadline on the wall clock of the ticket's calendar, with "
        "its time zone.",
    )

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    def _sla_hours_depends(self):
        """Fields the target hours depend on; extend together with
        ``helpdesk.ticket._get_sla_target_hours``."""
        return [
            "sla_id.working_hours",
            "sla_id.hours",
            "sla_id.stage_id",
            "sla_id.incident_class",
            "sla_id.sla_type",
            "ticket_id.incident_class",
            "ticket_id.contract_id",
            "ticket_id.contract_id.sla_target_ids.incident_class",
            "ticket_id.contract_id.sla_target_ids.sla_type",
            "ticket_id.contract_id.sla_target_ids.working_hours",
        ]

    @api.depends(lambda self: self._sla_hours_depends())
    def _compute_sla_data(self):
        for record in self:
            record.hours = record.ticket_id._get_sla_target_hours(record.sla_id)
            record.expected_stage_id = record.sla_id.stage_id

    @api.depends("state", "running_since", "consumed_time", "hours", "calendar_id")
    def _compute_deadline(self):
        planned = self._get_deadlines()
        # Thousands of clocks after a calendar edit: assign equal results to
        # whole groups (one cache write per distinct value).
        groups = defaultdict(list)
        for record in self:
            groups[planned[record.id]].append(record.id)
        for (deadline, risk_date), ids in groups.items():
            self.browse(ids).update({"deadline": deadline, "risk_date": risk_date})

    def _get_deadlines(self):
        """``{id: (deadline, risk date)}`` of the clocks: for a running or
        breached clock, the moments its target and the risk share of it are
        used up, counted in working time of its calendar from
        ``running_since`` on; ``(False, False)`` for the others. Each clock
        is read once and each calendar plans all of its clocks in one call."""
        share = self._get_risk_share()
        planned = defaultdict(dict)  # {calendar: {(id, field): (since, hours)}}
        deadlines = {}
        for record in self:
            since = record.running_since
            if not since or record.state not in ("in_progress", "expired"):
                deadlines[record.id] = (False, False)
                continue
            target, consumed = record.hours, record.consumed_time
            requests = planned[record.calendar_id]
            requests[record.id, "deadline"] = (
                since,
                timedelta(hours=max(target - consumed, 0.0)),
            )
            requests[record.id, "risk_date"] = (
                since,
                timedelta(hours=max(target * share - consumed, 0.0)),
            )
        for calendar, requests in planned.items():
            moments = calendar.sudo()._konus_plan_hours_batch(requests)
            for record_id, field in requests:
                if field == "deadline":
                    deadlines[record_id] = (
                        _round_to_second(moments[record_id, "deadline"]),
                        _round_to_second(moments[record_id, "risk_date"]),
                    )
        return deadlines

    def _compute_at_risk(self):
        now = fields.Datetime.now()
        for record in self:
            record.at_risk = bool(
                record.state == "in_progress"
                and record.risk_date
                and record.risk_date <= now < record.deadline
            )

    def _search_at_risk(self, operator, value):
        if operator in ("=", "!="):
            positive = (operator == "=") == bool(value)
        elif operator in ("in", "not in"):
            positive = (operator == "in") == (True in value)
        else:
            return NotImplemented
        now = fields.Datetime.now()
        domain = Domain(
            [
                ("state", "=", "in_progress"),
                ("risk_date", "<=", now),
                ("deadline", ">", now),
            ]
        )
        return domain if positive else ~domain

    @api.depends("state", "running_since", "consumed_time", "hours", "calendar_id")
    def _compute_remaining_hours(self):
        now = fields.Datetime.now()
        running = self.filtered(lambda r: r.state == "in_progress" and r.running_since)
        used = running._working_hours_until(now)
        for record in self:
            if record.state in ("accomplished", "expired", "cancelled"):
                record.remaining_hours = 0.0
            else:
                record.remaining_hours = max(
                    record.hours - record.consumed_time - used.get(record.id, 0.0),
                    0.0,
                )

    @api.depends("deadline", "calendar_id.tz")
    @api.depends_context("lang")
    def _compute_deadline_local(self):
        for record in self:
            record.deadline_local = record.calendar_id._konus_format_local(
                record.deadline
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._konus_sync_state()
        return records

    # ------------------------------------------------------------------
    # Business methods: the clock
    # ------------------------------------------------------------------

    def _get_sla_phase(self):
        """What the ticket's situation asks of this clock: ``done``,
        ``cancelled`` (declined, §4.6), ``paused`` (waiting for the customer,
        §4.5) or ``running``."""
        self.ensure_one()
        ticket = self.ticket_id
        if self.sla_type == "response":
            done = bool(ticket.first_response_date) or ticket.stage_id.closed
        elif self.expected_stage_id:
            # OCA's rule: a target stage is reached by order of stages.
            done = ticket.stage_id.sequence >= self.expected_stage_id.sequence
        else:
            done = ticket.stage_id.closed
        if (
            ticket.stage_id.closed
            and ticket.stage_id.declined
            and not (self.sla_type == "response" and ticket.first_response_date)
        ):
            # Declined or cancelled (§4.6): the service was not due.
            return "cancelled"
        if done:
            return "done"
        if ticket.stage_id in self.sla_id.ignore_stage_ids:
            return "paused"
        return "running"

    def _konus_sync_state(self, now=None):
        """Move every clock to the state its ticket asks for, at ``now``.

        A breach is final (as in OCA): a breached clock keeps its running
        period and deadline for the record, whatever happens next. Stopping a
        clock adds the working time of its running period to
        ``consumed_time``, computed in one batch per calendar.
        """
        now = now or fields.Datetime.now()
        stopping, updates, overdue = [], {}, []
        for record in self:
            if record.state == "expired":
                # Still the record of its worked hours once the target is
                # reached (the reports read them).
                if not record.worked_hours and record._get_sla_phase() in (
                    "done",
                    "cancelled",
                ):
                    overdue.append(record)
                continue
            phase = record._get_sla_phase()
            if record.state == "in_progress":
                if record.deadline and record.deadline <= now:
                    updates[record] = {"state": "expired"}
                    if phase in ("done", "cancelled"):
                        overdue.append(record)
                elif phase != "running":
                    stopping.append(record)
                    updates[record] = {
                        "state": STATE_OF_PHASE[phase],
                        "running_since": False,
                        "done_date": now if phase == "done" else False,
                    }
            elif phase == "running":
                updates[record] = {
                    "state": "in_progress",
                    "running_since": now,
                    "done_date": False,
                    "worked_hours": 0.0,
                }
            elif record.state != STATE_OF_PHASE[phase]:
                updates[record] = {
                    "state": STATE_OF_PHASE[phase],
                    "done_date": now if phase == "done" else False,
                }
        worked = self.browse([r.id for r in stopping + overdue])._working_hours_until(
            now
        )
        for record in stopping:
            updates[record]["consumed_time"] = record.consumed_time + worked[record.id]
        for record, vals in updates.items():
            if vals.get("state") in ("accomplished", "cancelled"):
                # What the reports read: the clock's working time at its stop.
                vals["worked_hours"] = vals.get("consumed_time", record.consumed_time)
        for record in overdue:
            updates.setdefault(record, {})["worked_hours"] = (
                record.consumed_time + worked[record.id]
            )
        for record, vals in updates.items():
            record.write(dict(vals, last_state_date=now) if "state" in vals else vals)

    def _stage_recompute(self):
        """OCA's per-record hook, kept for callers: delegates to the batch."""
        if not self.env.context.get("konus_sla_sync_later"):
            self._konus_sync_state()

    @api.model
    def _get_risk_share(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RISK_SHARE_PARAM, "")
        try:
            share = float(value)
        except ValueError:
            return DEFAULT_RISK_SHARE
        return share if 0 < share <= 1 else DEFAULT_RISK_SHARE

    @api.model
    def _konus_recompute_open_deadlines(self, calendars=None):
        """Recompute the deadlines of all running clocks, on ``calendars``
        (all calendars when ``None``), after their working time changed.

        One search, one interval fetch per calendar and per thousand clocks
        (the ORM's recomputation batches), one batched UPDATE of the
        deadlines that moved.
        """
        domain = Domain("state", "=", "in_progress")
        if calendars is not None:
            if not calendars:
                return self.browse()
            domain &= Domain("calendar_id", "in", calendars.ids)
        records = self.sudo().search_fetch(
            domain,
            [
                "state",
                "running_since",
                "consumed_time",
                "hours",
                "calendar_id",
                "deadline",
                "risk_date",
            ],
        )
        # The working time of their calendars changed, which no field says:
        # to the ORM, as if their calendar had changed.
        records.modified(["calendar_id"])
        records.flush_recordset(["deadline", "risk_date"])
        return records

    def _working_hours_until(self, now):
        """``{id: working hours}`` of each clock's running period until
        ``now``, on its calendar: one interval fetch per calendar."""
        by_calendar = defaultdict(dict)
        for record in self:
            by_calendar[record.calendar_id][record.id] = (record.running_since, now)
        worked = {}
        for calendar, requests in by_calendar.items():
            worked.update(calendar.sudo()._konus_work_hours_batch(requests))
        return worked

    # ------------------------------------------------------------------
    # Alerts
    # ------------------------------------------------------------------

    @api.model
    def _cron_sla_alerts(self, batch_size=200):
        """Every 15 minutes: announce each breach and each clock at risk once,
        never for clocks on hold or met.

        A breach is announced whoever noticed it first: this cron, for a
        running clock past its deadline (marked expired here), or a write of
        the ticket that marked the clock expired before the cron came by.
        One batch of ``batch_size`` clocks per call, committed with its
        flags; the scheduler calls again while some are left
        (``ir.cron._commit_progress``), and a run that stops half-way
        announces nothing twice.
        """
        now = fields.Datetime.now()
        breach_domain = Domain("breach_notified", "=", False) & (
            Domain("state", "=", "expired")
            | (Domain("state", "=", "in_progress") & Domain("deadline", "<=", now))
        )
        risk_domain = Domain(
            [
                ("state", "=", "in_progress"),
                ("risk_date", "<=", now),
                ("deadline", ">", now),
                ("risk_notified", "=", False),
                ("ticket_id.stage_id.closed", "=", False),
            ]
        )
        breached = self.search(breach_domain, order="deadline, id", limit=batch_size)
        at_risk = self.browse()
        if len(breached) < batch_size:
            at_risk = self.search(
                risk_domain, order="deadline, id", limit=batch_size - len(breached)
            )
        # Clocks another transaction holds (a ticket being written) are left
        # to the next call; so are clocks it changed since this one began.
        breached = lock_free(breached).filtered_domain(breach_domain)
        at_risk = lock_free(at_risk).filtered_domain(risk_domain)
        breached._konus_sync_state(now)
        breached._notify_sla_event("breached")
        at_risk._notify_sla_event("at_risk")
        # Committed by the scheduler's run only: called from elsewhere (a
        # button, a test) the caller owns the transaction.
        commit_progress(
            self.env,
            len(breached) + len(at_risk),
            self.search_count(breach_domain) + self.search_count(risk_domain),
        )

    def _notify_sla_event(self, event):
        """One activity per clock and per recipient: the assignee and the
        head of support (the group's users, else the team leader)."""
        flag = "breach_notified" if event == "breached" else "risk_notified"
        # Announced once per clock, whoever asks again.
        pending = self.filtered(lambda r: not r[flag])
        if not pending:
            return
        activity_type = self.env.ref("konus_helpdesk.mail_activity_type_sla_alert")
        heads = self.env["res.users"]._konus_support_heads(pending.ticket_id.company_id)
        for record in pending:
            ticket = record.ticket_id
            leaders = heads.filtered(lambda u, t=ticket: t.company_id in u.company_ids)
            recipients = ticket.user_id | (leaders or ticket.team_id.user_id)
            for user in recipients:
                # In each reader's language, whoever runs the check (the cron).
                env = self.with_context(lang=user.lang).env
                if event == "breached":
                    summary = env._(
                        "SLA breached: %(sla)s", sla=record.with_env(env).sla_id.name
                    )
                else:
                    summary = env._(
                        "SLA at risk: %(sla)s", sla=record.with_env(env).sla_id.name
                    )
                note = env._(
                    "Ticket %(ticket)s: deadline %(deadline)s, "
                    "%(hours).2f working hours target.",
                    ticket=ticket.display_name,
                    deadline=record.with_env(env).deadline_local,
                    hours=record.hours,
                )
                ticket.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    note=note,
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(ticket),
                )
        pending.write({flag: True})
