# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import identification


class HelpdeskTicket(models.Model):
    """The request's identifying information (§4.4, see
    ``konus.identification.mixin``), stored on the ticket, and the §5.1 gate:
    only identified requests are processed, so a request that is not stays in
    its team's first stage. A mail's sender address counts as the contact
    details of the person writing, an attached image as the screenshot."""

    _name = "helpdesk.ticket"
    _inherit = ("helpdesk.ticket", "konus.identification.mixin")

    incident_class = fields.Selection(tracking=True)
    identification_state = fields.Selection(store=True, index=True)

    # ------------------------------------------------------------------
    # Compute methods
    # ------------------------------------------------------------------

    def _identification_depends(self):
        return super()._identification_depends() + [
            "partner_email",
            "attachment_ids",
            "attachment_ids.mimetype",
        ]

    def _identification_email(self):
        return self.partner_email

    def _identification_screenshot(self):
        return any((a.mimetype or "").startswith("image/") for a in self.attachment_ids)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("stage_id")
    def _check_identified_before_processing(self):
        """§5.1: only requests carrying the identifying information are
        processed, so an unidentified ticket stays in its team's first stage."""
        for ticket in self:
            if ticket.identification_state == "identified":
                continue
            if not ticket._is_identification_required_for(ticket.stage_id):
                continue
            raise ValidationError(
                self.env._(
                    "The request %(ticket)s cannot move to “%(stage)s” before it "
                    "is identified (§5.1). Missing:\n%(missing)s",
                    ticket=ticket.display_name,
                    stage=ticket.stage_id.name,
                    missing=ticket._format_missing_info(
                        identification.check(**ticket._identification_facts()),
                        with_suggestions=False,
                    ),
                )
            )

    def _is_identification_required_for(self, stage):
        """Whether entering ``stage`` means processing the request.

        The first stage of the team is where requests wait for identification;
        a customer may still withdraw their own request from the portal.
        Asking the customer for information (the waiting stage, §4.5) and
        declining the request (a stage closed unsolved, §4.2, §4.6) are no
        processing either.
        """
        self.ensure_one()
        if not self.team_id.identification_required:
            return False
        if not stage or stage == self.team_id._get_applicable_stages()[:1]:
            return False
        if (stage.closed and stage.declined) or (
            stage == self.team_id._get_waiting_stage()
        ):
            return False
        return not (self.env.user.share and stage.close_from_portal)
