# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import ClassVar

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.helpdesk_sla import INCIDENT_CLASSES
from ..models.helpdesk_ticket_sla_figures import SLA_RESULTS


class KonusHelpdeskTicketReport(models.Model):
    """Requests analysis for the head of support: one row per request (§3.1,
    §4.6, §5.4, §5.5).

    The working hours to the first response and to the resolution are the
    ones the SLA clocks wrote when they stopped (``worked_hours``: on the
    request's calendar, pauses while waiting for the customer excluded), kept
    on the request by the ORM (``sla_*_hours``, ``sla_*_result``), so the
    report and the SLA never disagree and no calendar is recomputed here.
    An SLA target is *met* or *breached* as its clock says; a declined
    request's targets are *not applicable* (§4.6).

    A breach is shown when it happens, not when the alert cron next comes
    by: the engine's rule (``helpdesk.ticket.sla._konus_sync_state``) is that
    a *running* clock whose deadline has come is breached, so the view
    compares the nearest deadline of the running clocks, kept on the request
    by the ORM (``sla_*_deadline``), with the present moment. A
    paused clock (waiting for the customer) has no deadline in the engine —
    its working time is frozen and counting resumes with the request — so it
    is never breached while paused; a clock already past its deadline when
    the pause came was marked breached by the engine at that moment.

    *Breached today* counts from midnight on the wall clock of the request's
    SLA calendar (Ulan-Ude for the regulation's calendar, §3.1): the working
    day the deadline fell on, as the SLA alerts and the service act show it.
    """

    _name = "konus.helpdesk.ticket.report"
    _description = "Support requests analysis"
    _auto = False
    _rec_name = "number"
    _order = "create_date desc"
    _depends: ClassVar[dict[str, list[str]]] = {
        "helpdesk.ticket": [
            "number",
            "name",
            "commercial_partner_id",
            "partner_id",
            "contract_id",
            "supported_product_id",
            "incident_class",
            "support_type_id",
            "channel_id",
            "user_id",
            "team_id",
            "company_id",
            "stage_id",
            "create_date",
            "first_response_date",
            "closed_date",
            "deferral_reason_id",
            "origin_ticket_id",
            "origin_user_id",
            "active",
            "sla_response_result",
            "sla_resolution_result",
            "sla_response_hours",
            "sla_resolution_hours",
            "sla_response_deadline",
            "sla_resolution_deadline",
            "sla_calendar_id",
        ],
        "helpdesk.ticket.sla": [
            "ticket_id",
            "sla_type",
            "state",
            "deadline",
            "risk_date",
        ],
        "helpdesk.ticket.stage": ["closed", "declined"],
        "resource.calendar": ["tz"],
        "konus.deferral.reason": ["clause"],
        "konus.complaint": ["ticket_id", "kind"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    number = fields.Char(string="Number", readonly=True)
    name = fields.Char(string="Title", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    contact_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    contract_id = fields.Many2one(
        "konus.support.contract", string="Contract or certificate", readonly=True
    )
    supported_product_id = fields.Many2one(
        "konus.supported.product", string="Product", readonly=True
    )
    incident_class = fields.Selection(
        INCIDENT_CLASSES, string="Incident class", readonly=True
    )
    support_type_id = fields.Many2one(
        "konus.support.type", string="Kind of support", readonly=True
    )
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel", string="Channel", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Engineer", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    stage_id = fields.Many2one("helpdesk.ticket.stage", string="Stage", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    create_date = fields.Datetime(string="Registered on", readonly=True)
    first_response_date = fields.Datetime(string="First response on", readonly=True)
    closed_date = fields.Datetime(string="Resolved on", readonly=True)
    first_response_hours = fields.Float(
        string="Hours to first response",
        aggregator="avg",
        readonly=True,
        help="Working hours on the request's calendar, pauses excluded.",
    )
    resolution_hours = fields.Float(
        string="Hours to resolution",
        aggregator="avg",
        readonly=True,
        help="Working hours on the request's calendar, pauses excluded.",
    )
    response_sla = fields.Selection(
        SLA_RESULTS, string="First response SLA", readonly=True
    )
    resolution_sla = fields.Selection(
        SLA_RESULTS, string="Resolution SLA", readonly=True
    )
    sla_breached = fields.Boolean(string="SLA breached", readonly=True)
    sla_at_risk = fields.Boolean(
        string="SLA at risk",
        readonly=True,
        help="A running clock has used up the configured share of its target "
        "and its deadline has not come yet.",
    )
    breached_today = fields.Boolean(
        string="Breached today",
        readonly=True,
        help="An SLA deadline of the request passed today, counted from "
        "midnight on the wall clock of the request's SLA calendar (Ulan-Ude "
        "for the regulation's calendar).",
    )
    breached_count = fields.Integer(
        string="Breached requests", aggregator="sum", readonly=True
    )
    met_count = fields.Integer(
        string="Requests on time", aggregator="sum", readonly=True
    )
    declined = fields.Boolean(string="Declined", readonly=True)
    deferral_reason_id = fields.Many2one(
        "konus.deferral.reason", string="Deferral reason", readonly=True
    )
    deferral_clause = fields.Char(string="Clause", readonly=True)
    complaint_count = fields.Integer(
        string="Complaints", aggregator="sum", readonly=True
    )
    has_complaint = fields.Boolean(string="Complained about", readonly=True)
    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Re-registration of", readonly=True
    )
    origin_user_id = fields.Many2one(
        "res.users", string="Closed prematurely by", readonly=True
    )
    is_reregistration = fields.Boolean(string="Re-registration", readonly=True)
    was_reregistered = fields.Boolean(string="Registered again", readonly=True)

    @property
    def _table_query(self) -> SQL:
        return SQL("%s %s", self._select(), self._from())

    @api.model
    def _select(self) -> SQL:
        # A running clock past its deadline is breached now (the engine's
        # rule), whether or not the alert cron has marked it yet.
        # The request's own columns, so that a pivot reads the request alone.
        now = self._now()
        response = SQL(
            "CASE WHEN t.sla_response_deadline <= %s THEN 'breached'"
            " ELSE t.sla_response_result END",
            now,
        )
        resolution = SQL(
            "CASE WHEN t.sla_resolution_deadline <= %s THEN 'breached'"
            " ELSE t.sla_resolution_result END",
            now,
        )
        # Breached: either target; on time: both met (or without target).
        breached = SQL(
            "COALESCE(%(response)s = 'breached' OR %(resolution)s = 'breached', FALSE)",
            response=response,
            resolution=resolution,
        )
        met = SQL(
            """COALESCE(%(response)s IN ('met', 'none')
                AND %(resolution)s IN ('met', 'none')
                AND 'met' IN (%(response)s, %(resolution)s), FALSE)""",
            response=response,
            resolution=resolution,
        )
        # Midnight on the calendar's wall clock, in UTC like the deadlines.
        tz = SQL("COALESCE(calendar.tz, 'UTC')")
        midnight = SQL(
            """timezone('UTC', timezone(%(tz)s,
                date_trunc('day', timezone(%(tz)s, timezone('UTC', %(now)s)))))""",
            tz=tz,
            now=now,
        )
        return SQL(
            """
            SELECT
                t.id AS id,
                t.id AS ticket_id,
                t.number AS number,
                t.name AS name,
                t.commercial_partner_id AS partner_id,
                t.partner_id AS contact_id,
                t.contract_id AS contract_id,
                t.supported_product_id AS supported_product_id,
                t.incident_class AS incident_class,
                t.support_type_id AS support_type_id,
                t.channel_id AS channel_id,
                t.user_id AS user_id,
                t.team_id AS team_id,
                t.company_id AS company_id,
                t.stage_id AS stage_id,
                NOT COALESCE(stage.closed, FALSE) AS is_open,
                t.create_date AS create_date,
                t.first_response_date AS first_response_date,
                t.closed_date AS closed_date,
                t.sla_response_hours AS first_response_hours,
                t.sla_resolution_hours AS resolution_hours,
                %(response)s AS response_sla,
                %(resolution)s AS resolution_sla,
                %(breached)s AS sla_breached,
                CASE WHEN %(breached)s THEN 1 ELSE 0 END AS breached_count,
                CASE WHEN %(met)s THEN 1 ELSE 0 END AS met_count,
                COALESCE(clock.at_risk, FALSE) AS sla_at_risk,
                COALESCE(clock.last_breach >= %(midnight)s, FALSE)
                    AS breached_today,
                COALESCE(stage.declined, FALSE) AS declined,
                t.deferral_reason_id AS deferral_reason_id,
                reason.clause AS deferral_clause,
                COALESCE(complaint.complaint_count, 0) AS complaint_count,
                complaint.complaint_count IS NOT NULL AS has_complaint,
                t.origin_ticket_id AS origin_ticket_id,
                t.origin_user_id AS origin_user_id,
                t.origin_ticket_id IS NOT NULL AS is_reregistration,
                again.origin_ticket_id IS NOT NULL AS was_reregistered
            """,
            response=response,
            resolution=resolution,
            breached=breached,
            met=met,
            midnight=midnight,
        )

    @api.model
    def _from(self) -> SQL:
        # Each joined subquery has one row per request at most, so
        # PostgreSQL leaves out those a query does not read: the pivot of
        # the main measures reads the request alone. The clocks (for at risk
        # and breached today) are the running ones and those breached in the
        # last two days (a local midnight is less than a day away): a few,
        # found by the indexes on state and deadline, never the history.
        now = self._now()
        return SQL(
            """
            FROM helpdesk_ticket t
            LEFT JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
            LEFT JOIN konus_deferral_reason reason ON reason.id = t.deferral_reason_id
            LEFT JOIN resource_calendar calendar ON calendar.id = t.sla_calendar_id
            LEFT JOIN (
                SELECT ticket_id, COUNT(*) AS complaint_count
                FROM konus_complaint
                WHERE ticket_id IS NOT NULL AND kind = 'complaint'
                GROUP BY ticket_id
            ) complaint ON complaint.ticket_id = t.id
            LEFT JOIN (
                SELECT DISTINCT origin_ticket_id
                FROM helpdesk_ticket
                WHERE origin_ticket_id IS NOT NULL
            ) again ON again.origin_ticket_id = t.id
            LEFT JOIN (
                SELECT
                    ticket_id,
                    BOOL_OR(state = 'in_progress' AND risk_date <= %(now)s
                        AND deadline > %(now)s) AS at_risk,
                    MAX(deadline) FILTER (WHERE deadline <= %(now)s) AS last_breach
                FROM helpdesk_ticket_sla
                WHERE state = 'in_progress'
                    OR (state = 'expired' AND deadline > %(since)s)
                GROUP BY ticket_id
            ) clock ON clock.ticket_id = t.id
            WHERE t.active
            """,
            now=now,
            since=SQL("%s - interval '2 days'", now),
        )

    @api.model
    def _now(self) -> SQL:
        """The present moment of the SLA engine (``fields.Datetime.now``,
        naive UTC like the stored deadlines)."""
        return SQL("%s", fields.Datetime.now())
