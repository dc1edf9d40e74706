# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin, load_russian


class ReregistrationDataMixin(KonusSupportDataMixin):
    @classmethod
    def _setup_reregistration_data(cls, open_ended=False):
        cls._setup_support_data()
        if open_ended:
            cls._contracts_valid_on_any_date()
        cls.team.use_sla = True
        cls.env["helpdesk.sla"].create(
            {
                "name": "Решение некритичного инцидента",
                "incident_class": "non_critical",
                "sla_type": "resolution",
                "working_hours": 40,
                "team_ids": [Command.set(cls.team.ids)],
            }
        )
        cls.stage_closed = cls.stages.filtered("closed")[:1]
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.ticket_a = cls.Ticket.create(
            cls._identified_ticket_values(
                name="Не проводится реализация",
                user_id=cls.engineer.id,
                support_type_id=cls.type_remote.id,
                doc_reference="Руководство, раздел 4",
            )
        )
        cls.ticket_b = cls.Ticket.create(
            {
                "name": "Заявка Байкала",
                "team_id": cls.team.id,
                "partner_id": cls.contact_b.id,
                "contract_id": cls.contract_b.id,
                "supported_product_id": cls.product_b.id,
                "steps_to_reproduce": "Запустить АСУ ТП",
                "user_id": cls.engineer.id,
                "description": "<p>Не работает АСУ ТП</p>",
            }
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestReregistration(ReregistrationDataMixin, TransactionCase):
    """§5.5: a closed request registered again is a new request, linked to
    the closed one, with its own SLA, counted against the specialist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_reregistration_data()

    def test_reregistration_copies_identification_and_restarts_sla(self):
        self.ticket_a.stage_id = self.stage_closed
        old_clocks = self.ticket_a.ticket_sla_ids
        self.assertTrue(old_clocks)
        self.assertEqual(set(old_clocks.mapped("state")), {"accomplished"})
        with freeze_time("2026-11-26 03:00:00"):
            new = self.ticket_a._reregister(self.contact_a, "Ошибка вернулась")
        self.assertRecordValues(
            new,
            [
                {
                    "origin_ticket_id": self.ticket_a.id,
                    "origin_user_id": self.engineer.id,
                    "user_id": False,
                    "partner_id": self.contact_a.id,
                    "team_id": self.team.id,
                    "contract_id": self.contract_a.id,
                    "supported_product_id": self.product_a.id,
                    "support_type_id": self.type_remote.id,
                    "incident_class": "non_critical",
                    "steps_to_reproduce": self.ticket_a.steps_to_reproduce,
                    "doc_reference": "Руководство, раздел 4",
                    "closed": False,
                }
            ],
        )
        self.assertIn("Ошибка вернулась", new.description)
        self.assertIn("Реализация товаров не проводится", new.description)
        self.assertNotEqual(new.number, self.ticket_a.number)
        # A fresh SLA: new clocks, running, not the closed request's ones.
        self.assertTrue(new.ticket_sla_ids)
        self.assertFalse(new.ticket_sla_ids & old_clocks)
        self.assertEqual(set(new.ticket_sla_ids.mapped("state")), {"in_progress"})
        self.assertEqual(set(old_clocks.mapped("state")), {"accomplished"})
        # The history linked both ways.
        self.assertIn(
            f'data-oe-model="helpdesk.ticket" data-oe-id="{new.id}"',
            self.ticket_a.message_ids[0].body,
        )
        self.assertIn(
            f'data-oe-model="helpdesk.ticket" data-oe-id="{self.ticket_a.id}"',
            new.message_ids[0].body,
        )
        # The former engineer is told.
        self.assertEqual(new.activity_ids.user_id, self.engineer)
        self.assertIn(self.ticket_a.number, new.activity_ids.note)
        self.assertEqual(self.ticket_a.reregistration_count, 1)

    def test_open_request_cannot_be_reregistered(self):
        with self.assertRaises(UserError):
            self.ticket_a._reregister(self.contact_a)
        self.assertFalse(self.Ticket.search([("origin_ticket_id", "!=", False)]))

    def test_pending_reregistration_is_not_duplicated(self):
        self.ticket_a.stage_id = self.stage_closed
        first = self.ticket_a._reregister(self.contact_a, "Снова")
        self.assertEqual(self.ticket_a._reregister(self.contact_a, "Ещё раз"), first)
        first.stage_id = self.stage_closed
        second = self.ticket_a._reregister(self.contact_a, "Опять")
        self.assertNotEqual(second, first)
        self.assertEqual(self.ticket_a.reregistration_count, 2)

    def test_expired_contract_is_not_carried_over(self):
        self.ticket_a.stage_id = self.stage_closed
        with freeze_time(self.contract_a.date_end + timedelta(days=10)):
            self.env["konus.support.contract"]._cron_update_state()
            new = self.ticket_a._reregister(self.contact_a, "Снова")
        self.assertFalse(new.contract_id)
        self.assertFalse(new.support_type_id)
        self.assertEqual(new.origin_ticket_id, self.ticket_a)

    def test_counted_per_specialist(self):
        other = self.ticket_a.copy({"user_id": self.head.id})
        for ticket in (self.ticket_a, other):
            ticket.stage_id = self.stage_closed
            ticket._reregister(self.contact_a)
        self.ticket_a.reregistration_ids.stage_id = self.stage_closed
        self.ticket_a._reregister(self.contact_a)
        counts = dict(
            self.Ticket._read_group(
                [("origin_user_id", "!=", False)], ["origin_user_id"], ["__count"]
            )
        )
        self.assertEqual(counts, {self.engineer: 2, self.head: 1})
        action = self.ticket_a.action_open_reregistrations()
        self.assertEqual(
            self.Ticket.search(action["domain"]), self.ticket_a.reregistration_ids
        )


@tagged("post_install", "-at_install")
class TestReregistrationPortal(ReregistrationDataMixin, HttpCase):
    """The customer registers a closed request again from the portal, by
    real HTTP; never another customer's, never an open one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_reregistration_data(open_ended=True)
        load_russian(cls.env, ("mail", "konus_helpdesk"))
        cls.contact_a.lang = "ru_RU"
        (cls.ticket_a | cls.ticket_b).stage_id = cls.stage_closed

    def _post(self, ticket, **data):
        return self.url_open(
            f"/my/ticket/{ticket.id}/action/reregister",
            data={"csrf_token": http.Request.csrf_token(self), **data},
        )

    def test_reregister_from_the_portal(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertIn(
            f'href="/my/ticket/{self.ticket_a.id}/action/reregister"', page.text
        )
        self.assertIn("Проблема не решена", page.text)
        response = self._post(self.ticket_a, description="Ошибка снова появилась")
        self.assertEqual(response.status_code, 200)
        new = self.Ticket.search([("origin_ticket_id", "=", self.ticket_a.id)])
        self.assertEqual(len(new), 1)
        self.assertIn(f"/my/ticket/{new.id}", response.url)
        self.assertEqual(new.partner_id, self.contact_a)
        self.assertEqual(new.origin_user_id, self.engineer)
        self.assertIn("Ошибка снова появилась", new.description)
        self.assertIn(self.portal_a.partner_id, new.message_partner_ids)
        # The new request's page names the one it repeats.
        new_page = self.url_open(f"/my/ticket/{new.id}")
        self.assertIn(f'href="/my/ticket/{self.ticket_a.id}"', new_page.text)

    def test_other_customers_request_is_refused(self):
        self.authenticate("portal-a", "portal-a")
        with mute_logger("odoo.http"):
            page = self.url_open(f"/my/ticket/{self.ticket_b.id}/action/reregister")
            response = self._post(self.ticket_b, description="Чужая")
        self.assertEqual(page.status_code, 404)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Ticket.search([("origin_ticket_id", "!=", False)]))

    def test_open_request_is_refused(self):
        self.ticket_a.stage_id = self.stages.filtered(lambda s: not s.closed)[:1]
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertNotIn("/action/reregister", page.text)
        with mute_logger("odoo.http"):
            response = self._post(self.ticket_a)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.Ticket.search([("origin_ticket_id", "!=", False)]))

    def test_write_to_the_head_instead(self):
        self.authenticate("portal-a", "portal-a")
        response = self.url_open(
            f"/my/ticket/{self.ticket_a.id}/action/write_head",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "description": "Заявку закрыли, не решив",
            },
        )
        self.assertIn("konus_sent=write_head", response.url)
        self.assertIn("Ваше сообщение отправлено руководителю СТП", response.text)
        letter = self.env["konus.complaint"].search(
            [("ticket_id", "=", self.ticket_a.id)]
        )
        self.assertEqual(letter.kind, "premature_closure")
        self.assertEqual(letter.user_id, self.engineer)
        self.assertIn(self.head, letter.activity_ids.user_id)
        self.assertFalse(self.Ticket.search([("origin_ticket_id", "!=", False)]))
