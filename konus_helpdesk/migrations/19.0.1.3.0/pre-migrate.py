# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def fill_running_deadlines(cr):
    """The requests' nearest running deadline per target
    (``sla_response_deadline``, ``sla_resolution_deadline``) are new stored
    fields. Left to the ORM, ``-u`` recomputes them request by request
    (minutes on years of requests); created here, the ORM finds the columns
    and keeps them from now on. Same rule as the compute: the earliest
    deadline of the target's running clocks."""
    for sla_type in ("response", "resolution"):
        column = SQL.identifier(f"sla_{sla_type}_deadline")
        cr.execute(
            SQL(
                "ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS %s timestamp",
                column,
            )
        )
        cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket ticket
                   SET %(column)s = clocks.deadline
                  FROM (SELECT ticket_id, min(deadline) AS deadline
                          FROM helpdesk_ticket_sla
                         WHERE state = 'in_progress'
                           AND deadline IS NOT NULL
                           AND sla_type = %(sla_type)s
                      GROUP BY ticket_id) clocks
                 WHERE clocks.ticket_id = ticket.id
                """,
                column=column,
                sla_type=sla_type,
            )
        )


def migrate(cr, version):
    fill_running_deadlines(cr)
