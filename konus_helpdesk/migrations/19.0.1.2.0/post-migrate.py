# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Open SLA deadlines were planned with the special days' stored leaves,
    stale where a calendar changed since: plan them again with the special
    days as the calendars now apply them."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    calendars = (
        env["resource.calendar"]
        .with_context(active_test=False)
        .search([("konus_special_day_ids", "!=", False)])
    )
    calendars._konus_recompute_sla_deadlines()
    # The reports read the worked hours the clocks write when they stop; a
    # clock stopped before this version holds them in consumed_time (breached
    # clocks, whose last period was never added, stay empty).
    cr.execute(
        """
        UPDATE helpdesk_ticket_sla SET worked_hours = consumed_time
        WHERE state IN ('accomplished', 'cancelled') AND worked_hours IS NULL
        """
    )
    tickets = (
        env["helpdesk.ticket"]
        .with_context(active_test=False)
        .search([("ticket_sla_ids", "!=", False)])
    )
    tickets._compute_sla_figures()
    env.flush_all()
