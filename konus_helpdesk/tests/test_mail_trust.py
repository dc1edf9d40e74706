# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from email.header import Header

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import KonusSupportDataMixin

ALIAS = "support-trust"
DOMAIN = "konus-trust.test"


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestMailTrust(KonusSupportDataMixin, HttpCase):
    """«From:» is not authenticated: a mail — forged or not — never makes a
    follower, hence a reader in the portal, of anybody outside the customer's
    organisation. Real RFC 822 mails through ``message_process``; the
    stranger tries the ticket over the ORM and over real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        domain = cls.env["mail.alias.domain"].create({"name": DOMAIN})
        cls.env.company.alias_domain_id = domain
        cls.team.write({"alias_name": ALIAS, "alias_domain_id": domain.id})
        cls.Ticket = cls.env["helpdesk.ticket"]
        # The stranger: B's portal user, another commercial entity.
        cls.stranger = cls.contact_b
        cls.colleague_user = new_test_user(
            cls.env,
            login="portal-a2",
            groups="base.group_portal",
            name="Бадмаева Сэсэг",
            email="s.badmaeva@customer.example",
        )
        cls.colleague = cls.colleague_user.partner_id
        cls.colleague.parent_id = cls.customer_a

    # ------------------------------------------------------------------ helpers
    def _mail(self, subject, sender, msg_id, to="", cc="", extra_headers=""):
        recipients = ", ".join(filter(None, (f"{ALIAS}@{DOMAIN}", to)))
        body = base64.b64encode("Не проводится документ.".encode()).decode()
        return (
            f"From: {sender}\r\n"
            f"To: {recipients}\r\n"
            + (f"Cc: {cc}\r\n" if cc else "")
            + f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
            f"Message-ID: {msg_id}\r\n"
            "Date: Wed, 25 Nov 2026 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            f"{extra_headers}"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "\r\n"
            f"{body}\r\n"
        ).encode()

    def _process(self, raw):
        thread_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw, save_original=False
        )
        return self.Ticket.browse(thread_id)

    def _followers(self, ticket):
        return (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", ticket._name), ("res_id", "=", ticket.id)])
            .partner_id
        )

    def assertStrangerLockedOut(self, ticket):
        self.assertNotIn(self.stranger, self._followers(ticket))
        as_stranger = ticket.with_user(self.portal_b)
        with self.assertRaises(AccessError):
            as_stranger.check_access("read")
        self.assertFalse(as_stranger.search([("id", "=", ticket.id)]))
        self.authenticate("portal-b", "portal-b")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertNotIn(ticket.name, page.text)
        self.assertNotIn(self.contract_a.name, page.text)
        self.assertNotIn("Не проводится документ", page.text)

    def _new_ticket(self, **kwargs):
        ticket = self._process(
            self._mail(
                "Договор ДТП-A-1: не проводится документ",
                self.contact_a.email,
                "<new@customer.example>",
                **kwargs,
            )
        )
        self.assertEqual(ticket.partner_id, self.contact_a)
        return ticket

    # -------------------------------------------------------------- new ticket
    def test_new_ticket_stranger_in_cc(self):
        ticket = self._new_ticket(
            cc=f"{self.stranger.email}, {self.colleague.email}",
            to=self.engineer.email,
        )
        self.assertStrangerLockedOut(ticket)
        # The customer's colleague and the engineer in copy follow, as before.
        self.assertIn(self.colleague, self._followers(ticket))
        self.assertIn(self.engineer.partner_id, self._followers(ticket))
        ticket.with_user(self.colleague_user).check_access("read")
        self.authenticate("portal-a2", "portal-a2")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.name, page.text)
        self.assertIn(self.contract_a.name, page.text)

    def test_new_ticket_stranger_in_to(self):
        ticket = self._new_ticket(to=self.stranger.email)
        self.assertStrangerLockedOut(ticket)

    # ---------------------------------------------------- replies joining it
    def test_reply_by_references_with_stranger_in_copy(self):
        ticket = self._new_ticket()
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        again = self._process(
            self._mail(
                "Re: не проводится документ",
                self.contact_a.email,
                "<reply-ref@customer.example>",
                to=self.stranger.email,
                cc=self.colleague.email,
                extra_headers=f"In-Reply-To: {first.message_id}\r\n"
                f"References: {first.message_id}\r\n",
            )
        )
        self.assertEqual(again, ticket)
        self.assertStrangerLockedOut(ticket)
        self.assertIn(self.colleague, self._followers(ticket))

    def test_reply_quoting_number_with_stranger_in_copy(self):
        ticket = self._new_ticket()
        again = self._process(
            self._mail(
                f"Re: Обращение {ticket.number}",
                self.contact_a.email,
                "<reply-number@customer.example>",
                cc=self.stranger.email,
            )
        )
        self.assertEqual(again, ticket)
        self.assertStrangerLockedOut(ticket)

    def test_stranger_answering_the_thread_gets_no_access(self):
        ticket = self._new_ticket()
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        again = self._process(
            self._mail(
                "Re: не проводится документ",
                self.stranger.email,
                "<stranger-reply@customer.example>",
                extra_headers=f"References: {first.message_id}\r\n",
            )
        )
        self.assertEqual(again, ticket)  # kept for the engineer, nothing lost
        self.assertStrangerLockedOut(ticket)

    # ---------------------------------------------------------- unknown sender
    def test_unknown_sender_grants_nobody(self):
        ticket = self._process(
            self._mail(
                "Помогите",
                "nobody@nowhere.example",
                "<unknown@nowhere.example>",
                cc=f"{self.stranger.email}, {self.colleague.email}",
            )
        )
        self.assertFalse(ticket.partner_id)
        followers = self._followers(ticket)
        self.assertFalse(followers.filtered("partner_share"))
        self.assertStrangerLockedOut(ticket)
        with self.assertRaises(AccessError):
            ticket.with_user(self.colleague_user).check_access("read")

    # ---------------------------------------------------- deliberate decisions
    def test_engineer_may_still_involve_someone(self):
        ticket = self._new_ticket(cc=self.stranger.email)
        self.assertNotIn(self.stranger, self._followers(ticket))
        ticket.with_user(self.engineer).message_subscribe(self.stranger.ids)
        self.assertIn(self.stranger, self._followers(ticket))

    def test_third_party_named_on_the_ticket_is_subscribed(self):
        """§4.7: the engineer named the third party on the request; its people
        in copy of a later mail follow it."""
        ticket = self._new_ticket()
        ticket.third_party_partner_id = self.customer_b
        first = ticket.message_ids.filtered(lambda m: m.message_type == "email")
        self._process(
            self._mail(
                "Re: не проводится документ",
                self.contact_a.email,
                "<third-party@customer.example>",
                cc=self.stranger.email,
                extra_headers=f"References: {first.message_id}\r\n",
            )
        )
        self.assertIn(self.stranger, self._followers(ticket))

    def test_answer_does_not_propose_the_strangers_in_copy(self):
        """Odoo's chatter sends an engineer's answer to the suggested
        recipients — the last mail's To and Cc — and makes them followers:
        the strangers of a mail are not proposed."""
        ticket = self._new_ticket(
            cc=f"{self.stranger.email}, unknown@elsewhere.example, "
            f"{self.colleague.email}"
        )
        as_engineer = ticket.with_user(self.engineer)
        suggested = as_engineer._message_get_suggested_recipients(reply_discussion=True)
        emails = {r["email"] for r in suggested}
        self.assertNotIn(self.stranger.email, emails)
        self.assertNotIn("unknown@elsewhere.example", emails)
        self.assertIn(self.contact_a.email, emails)
        # What the engineer chooses himself stays his decision.
        suggested = as_engineer._message_get_suggested_recipients(
            reply_discussion=True, additional_partners=self.stranger
        )
        self.assertIn(self.stranger.id, [r["partner_id"] for r in suggested])

    def test_answer_to_unknown_sender_is_proposed(self):
        ticket = self._process(
            self._mail(
                "Помогите",
                "nobody@nowhere.example",
                "<unknown2@nowhere.example>",
                cc=self.stranger.email,
            )
        )
        emails = {
            r["email"]
            for r in ticket.with_user(self.engineer)._message_get_suggested_recipients(
                reply_discussion=True
            )
        }
        self.assertIn("nobody@nowhere.example", emails)
        self.assertNotIn(self.stranger.email, emails)
