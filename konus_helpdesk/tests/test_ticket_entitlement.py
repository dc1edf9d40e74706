# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, freeze_time, tagged

from .common import (
    CONTRACT,
    ORGANISATION,
    PRODUCT,
    QUESTION,
    SCREENSHOT,
    STEPS,
    KonusSupportDataMixin,
    load_russian,
    missing_info,
)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestTicketEntitlement(KonusSupportDataMixin, TransactionCase):
    """§2.2, §5.3: a request is served under its customer's valid contract,
    for the products and the kinds of support that contract covers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.Ticket = cls.env["helpdesk.ticket"]

    def test_customer_proposes_only_active_contract(self):
        form = Form(self.Ticket.with_user(self.engineer))
        form.name = "Вопрос"
        form.description = "<p>Вопрос по отчёту</p>"
        form.partner_id = self.contact_a
        self.assertEqual(form.contract_id, self.contract_a)
        form.partner_id = self.contact_b
        self.assertEqual(form.contract_id, self.contract_b)
        ticket = form.save()
        self.assertEqual(ticket.contract_id, self.contract_b)

    def test_no_proposal_when_in_doubt(self):
        self._make_contract(
            "ДТП-A-2", self.customer_a, self.product_a, self.type_remote
        )
        self._make_contract(
            "ДТП-A-0",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_start=date(2025, 1, 1),
            date_end=date(2025, 12, 31),
        )
        ticket = self.Ticket.create(
            {"name": "Q", "description": "<p>Q</p>", "partner_id": self.contact_a.id}
        )
        self.assertFalse(ticket.contract_id, "two active contracts: the engineer picks")
        ticket.contract_id = self.contract_a
        self.assertEqual(ticket.contract_id, self.contract_a)

    def test_contract_of_another_customer_refused(self):
        with self.assertRaisesRegex(ValidationError, "belongs to АО «Тест-Байкал»"):
            self.Ticket.create(
                self._identified_ticket_values(
                    contract_id=self.contract_b.id, supported_product_id=False
                )
            )

    def test_expired_contract_refused(self):
        expired = self._make_contract(
            "ДТП-A-OLD",
            self.customer_a,
            self.product_a,
            self.type_remote,
            date_start=date(2025, 1, 1),
            date_end=date(2025, 12, 31),
        )
        with self.assertRaisesRegex(ValidationError, "expired on 2025-12-31"):
            self.Ticket.create(self._identified_ticket_values(contract_id=expired.id))
        self.contract_a.action_cancel()
        with self.assertRaisesRegex(ValidationError, "cancelled"):
            self.Ticket.create(self._identified_ticket_values())

    def test_ticket_keeps_its_contract_after_expiry(self):
        ticket = self.Ticket.create(self._identified_ticket_values())
        with freeze_time(self.contract_a.date_end + timedelta(days=10)):
            self.env["konus.support.contract"]._cron_update_state()
            ticket.steps_to_reproduce = "1. Открыть 2. Нажать «Провести»"
        self.assertEqual(ticket.contract_id.state, "expired")

    def test_uncovered_product_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not covered by the contract"):
            self.Ticket.create(
                self._identified_ticket_values(
                    supported_product_id=self.product_a_other.id
                )
            )
        with self.assertRaisesRegex(ValidationError, "belongs to АО «Тест-Байкал»"):
            self.Ticket.create(
                self._identified_ticket_values(
                    contract_id=False, supported_product_id=self.product_b.id
                )
            )

    def test_ungranted_support_type_refused(self):
        ticket = self.Ticket.create(
            self._identified_ticket_values(support_type_id=self.type_remote.id)
        )
        self.assertEqual(ticket.support_type_id, self.type_remote)
        with self.assertRaisesRegex(ValidationError, "does not grant"):
            ticket.support_type_id = self.type_onsite

    def test_third_party_only_where_contract_allows(self):
        integrator = self.env["res.partner"].create({"name": "ООО «Сервис-Партнёр»"})
        ticket = self.Ticket.create(self._identified_ticket_values())
        ticket.third_party_partner_id = integrator
        self.contract_b.third_party_allowed = False
        with self.assertRaisesRegex(ValidationError, "third parties"):
            self.Ticket.create(
                {
                    "name": "Б",
                    "description": "<p>Сбой АСУ ТП</p>",
                    "partner_id": self.contact_b.id,
                    "contract_id": self.contract_b.id,
                    "third_party_partner_id": integrator.id,
                }
            )

    def test_errors_are_translated(self):
        load_russian(self.env)
        with self.assertRaisesRegex(ValidationError, "не предусматривает"):
            self.Ticket.with_context(lang="ru_RU").create(
                self._identified_ticket_values(support_type_id=self.type_onsite.id)
            )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestTicketIdentification(KonusSupportDataMixin, TransactionCase):
    """§4.4 checklist on the ticket and the §5.1 rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.in_progress = cls.stages[1]

    def test_identified_ticket(self):
        ticket = self.Ticket.create(self._identified_ticket_values())
        self.assertEqual(ticket.identification_state, "identified")
        # The screenshot is shown as wished for, never required.
        self.assertEqual(ticket.missing_info, missing_info(SCREENSHOT))
        self.env["ir.attachment"].create(
            {
                "name": "error.png",
                "datas": base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 16),
                "mimetype": "image/png",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        self.assertFalse(ticket.missing_info)
        self.assertEqual(
            self.Ticket.search(
                [("identification_state", "=", "identified"), ("id", "=", ticket.id)]
            ),
            ticket,
        )

    def test_missing_items_listed_and_updated(self):
        ticket = self.Ticket.create(
            self._identified_ticket_values(
                supported_product_id=False, steps_to_reproduce=False
            )
        )
        self.assertEqual(ticket.identification_state, "incomplete")
        self.assertEqual(ticket.missing_info, missing_info(PRODUCT, STEPS, SCREENSHOT))
        ticket.incident_class = "consultation"
        self.assertEqual(
            ticket.missing_info,
            missing_info(PRODUCT, SCREENSHOT),
            "a consultation has no steps",
        )
        ticket.supported_product_id = self.product_a
        self.assertEqual(ticket.identification_state, "identified")

    def test_unknown_sender_is_unidentified(self):
        stranger = self.env["res.partner"].create(
            {"name": "Иван", "email": "ivan@mail.example"}
        )
        ticket = self.Ticket.create(
            {
                "name": "Помогите",
                "description": "<p>Помогите</p>",
                "partner_id": stranger.id,
            }
        )
        self.assertEqual(ticket.identification_state, "unidentified")
        self.assertEqual(
            ticket.missing_info,
            missing_info(CONTRACT, ORGANISATION, PRODUCT, STEPS, QUESTION, SCREENSHOT),
        )
        # The organisation's contact without any means of contact is not enough.
        nameless = self.env["res.partner"].create(
            {"name": "Б/Н", "parent_id": self.customer_b.id}
        )
        ticket.partner_id = nameless
        ticket.partner_email = False
        self.assertEqual(
            ticket.missing_info,
            missing_info(ORGANISATION, PRODUCT, STEPS, QUESTION, SCREENSHOT),
        )

    def test_unidentified_ticket_stays_in_first_stage(self):
        ticket = self.Ticket.with_user(self.engineer).create(
            self._identified_ticket_values(
                contract_id=False, supported_product_id=False
            )
        )
        self.assertEqual(ticket.stage_id, self.stages[0])
        with self.assertRaises(ValidationError) as error:
            ticket.stage_id = self.in_progress
        message = str(error.exception)
        self.assertEqual(
            message,
            f"The request {ticket.display_name} cannot move to "
            f"“{self.in_progress.name}” before it is identified (§5.1). "
            f"Missing:\n{missing_info(CONTRACT, PRODUCT)}",
        )
        self.assertEqual(ticket.stage_id, self.stages[0])
        # The engineer can still answer: the request is read and replied to.
        ticket.with_user(self.engineer).message_post(
            body="Укажите номер договора и продукт (§4.4).", message_type="comment"
        )
        # Once identified, it moves on.
        ticket.write(
            {
                "contract_id": self.contract_a.id,
                "supported_product_id": self.product_a.id,
                "stage_id": self.in_progress.id,
            }
        )
        self.assertEqual(ticket.stage_id, self.in_progress)

    def test_cannot_be_created_past_first_stage(self):
        with self.assertRaisesRegex(ValidationError, "before it is identified"):
            self.Ticket.create(
                self._identified_ticket_values(
                    contract_id=False,
                    supported_product_id=False,
                    stage_id=self.in_progress.id,
                )
            )

    def test_customer_may_withdraw_from_portal(self):
        closing = self.stages.filtered("closed")[:1]
        closing.close_from_portal = True
        ticket = self.Ticket.create(
            self._identified_ticket_values(
                contract_id=False, supported_product_id=False
            )
        )
        with self.assertRaises(ValidationError):
            ticket.with_user(self.engineer).stage_id = closing
        ticket.with_user(self.portal_a).sudo().stage_id = closing
        self.assertEqual(ticket.stage_id, closing)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestIdentificationPerTeam(KonusSupportDataMixin, TransactionCase):
    """§5.1 applies to the teams that work by the regulation only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()

    def test_free_team_moves_unidentified_ticket(self):
        free_team = self.env["helpdesk.ticket.team"].create({"name": "Отдел продаж"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Вопрос по счёту",
                "description": "<p>?</p>",
                "team_id": free_team.id,
            }
        )
        self.assertNotEqual(ticket.identification_state, "identified")
        later_stage = free_team._get_applicable_stages()[1]
        ticket.stage_id = later_stage
        self.assertEqual(ticket.stage_id, later_stage)

    def test_regulation_team_refuses(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Вопрос", "description": "<p>?</p>", "team_id": self.team.id}
        )
        with self.assertRaises(ValidationError):
            ticket.stage_id = self.team._get_applicable_stages()[1]
