# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """A support team.  A team that works by the Konus regulation processes
    only identified requests (§5.1) and writes to its customers itself (the
    acknowledgement of a new request, the closing and the decline mail);
    other teams of the same database (sales desk, internal IT …) keep
    helpdesk_mgmt's free workflow and its stage mails."""

    _inherit = "helpdesk.ticket.team"

    acknowledgement_template_id = fields.Many2one(
        "mail.template",
        string="Acknowledgement mail",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer when a request is registered: its number, "
        "what happens next, the support contacts.",
    )
    reregistration_template_id = fields.Many2one(
        "mail.template",
        string="Re-registration mail",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer instead of the acknowledgement when a "
        "closed request is registered again (§5.5): the old and the new "
        "number, what happens next.",
    )
    closing_template_id = fields.Many2one(
        "mail.template",
        string="Closing mail",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer when a request is closed, instead of the "
        "stage's own mail: the result and how to object (§5.5).",
    )
    decline_template_id = fields.Many2one(
        "mail.template",
        string="Decline mail",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer instead of the closing mail when a request "
        "is closed unsolved — declined for a reason of §4.6 or cancelled: "
        "the reason and its clause, how to object (§5.5).",
    )
    identification_required = fields.Boolean(
        string="Process identified requests only",
        help="§5.1: a request of this team cannot leave the first stage until "
        "it carries the identifying information of §4.4 (contract or "
        "certificate, organisation and contact, product, steps, question).",
    )
