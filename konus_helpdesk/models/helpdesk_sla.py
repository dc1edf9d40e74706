# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .konus_identification_mixin import INCIDENT_CLASSES

# The two kinds of SLA target (§3.1): the reaction time and the resolution time.
SLA_TYPES = [("response", "First response"), ("resolution", "Resolution")]


class HelpdeskSla(models.Model):
    """An SLA target of the regulation (§3.1): how many *working hours* of the
    ticket's calendar may pass before the first response to the customer or
    before the resolution, per incident class.

    The target is ``working_hours``. OCA's ``days`` are refused: a "day" turned
    into hours through the calendar's average day is wrong on shortened days;
    OCA's integer ``hours`` is still honoured for SLAs that set nothing else.
    """

    _inherit = "helpdesk.sla"

    # Engineers and customers read the target's name on the ticket and in the
    # portal: in their language.
    name = fields.Char(translate=True)

    sla_type = fields.Selection(
        SLA_TYPES,
        string="Target",
        default="resolution",
        required=True,
        tracking=True,
        help="First response: met by the first public reply of an engineer to "
        "the customer. Resolution: met when the ticket reaches a closed stage "
        "(or the stage to reach, when one is set).",
    )
    incident_class = fields.Selection(
        INCIDENT_CLASSES,
        tracking=True,
        help="Applies only to tickets of this class; empty applies to all.",
    )
    working_hours = fields.Float(
        string="Working hours",
        tracking=True,
        help="Target in working hours of the ticket's calendar (lunch breaks, "
        "weekends, holidays and shortened days do not count).",
    )

    @api.constrains("days")
    def _check_no_days(self):
        if self.filtered("days"):
            raise ValidationError(
                self.env._(
                    "SLA targets are counted in working hours; set the working "
                    "hours instead of days."
                )
            )

    @api.constrains("working_hours")
    def _check_working_hours(self):
        if any(sla.working_hours < 0 for sla in self):
            raise ValidationError(self.env._("Working hours cannot be negative."))

    def write(self, vals):
        result = super().write(vals)
        if {"ignore_stage_ids", "stage_id", "sla_type"} & vals.keys():
            # The rule of the clocks changed: apply it to the open ones now.
            self.env["helpdesk.ticket.sla"].sudo().search(
                [
                    ("sla_id", "in", self.ids),
                    ("state", "in", ("in_progress", "on_hold")),
                ]
            )._konus_sync_state()
        return result

    def _get_target_hours(self):
        """The SLA's own target in working hours (before per-ticket overrides)."""
        self.ensure_one()
        return self.working_hours or float(self.hours)

    @api.model
    def _incident_class_domain(self, incident_class):
        return Domain("incident_class", "=", False) | Domain(
            "incident_class", "=", incident_class or False
        )
