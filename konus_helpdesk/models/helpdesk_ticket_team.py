# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """A support team.  A team that works by the Konus regulation processes
    only identified requests (§5.1); other teams of the same database (sales
    desk, internal IT …) keep helpdesk_mgmt's free workflow."""

    _inherit = "helpdesk.ticket.team"

    identification_required = fields.Boolean(
        string="Process identified requests only",
        help="§5.1: a request of this team cannot leave the first stage until "
        "it carries the identifying information of §4.4 (contract or "
        "certificate, organisation and contact, product, steps, question).",
    )
