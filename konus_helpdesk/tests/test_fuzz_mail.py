# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fuzz: random hostile mails through the mail gateway (``message_process``).

Each mail is built from random ingredients — charsets declared and actual
(matching or not, unknown names, broken UTF-8), transfer encodings (broken
base64 and quoted-printable), huge and deeply nested bodies, attachments with
hostile names, missing or garbled From, Subject, Message-Id and Date, replies
to other customers' requests or to nothing, request numbers of other
customers in the subject — and checked against the gateway's rules: nothing
raises, every mail is exactly one new request or one message on the request
it answers, the sender is who the From address names, no other customer's
contract is linked, nobody outside the customer's organisation becomes a
follower, and the text is readable or the original is kept.

The seed is fixed (printed with every failure); run longer with
``KONUS_FUZZ_N=2000`` and another seed with ``KONUS_FUZZ_SEED=…``;
``KONUS_FUZZ_RAISE=1`` stops at the first exception with its traceback.
"""

import base64
import email
import email.policy
import os
import quopri
import random
from email.header import Header

from odoo.tests import TransactionCase, tagged
from odoo.tools import email_normalize, mute_logger

from .common import KonusSupportDataMixin

ALIAS = "support-fuzz"
DOMAIN = "konus-fuzz.test"
SEED = int(os.environ.get("KONUS_FUZZ_SEED", "20261127"))
ITERATIONS = int(os.environ.get("KONUS_FUZZ_N", "48"))
ORIGINAL = "original_email.eml"
STRANGER = "stranger@nowhere.example"

WORDS = [
    "добрый",
    "день",
    "не",
    "проводится",
    "документ",
    "касса",
    "печатает",
    "чеки",
    "ошибка",
    "учёта",
    "отчёт",
    "сформировать",
    "помогите",
    "срочно",
    "сервер",
    "база",
    "данных",
    "обновление",
    "шаги",
    "открыть",
    "нажать",
    "провести",
    "ёлка",
    "щука",
    "подъезд",
    "съёмка",
] + ["hello", "error", "report", "please", "urgent", "the", "printer"]
# Text nobody should type, and everybody eventually does.
ODD_TEXT = (
    "\u202egnp.exe",
    "\u200b\u200d\ufeff",
    "😀🔥",
    "\x00\x01\x07\x1b[31m",
    "<script>alert(1)</script>",
    "]]><!--",
    "%s%n{0}",
    "' OR 1=1 --",
    "\r\n.\r\n",
    "𝕂𝕠𝕟𝕦𝕤",
)
CHARSETS = ("utf-8", "koi8-r", "windows-1251", "cp866", "iso8859-5")
UNKNOWN_CHARSETS = ("x-unknown-8bit", "windows-1251x", "cp-1251", "utf8mb4", "", "?")
HOSTILE_NAMES = (
    "../../etc/passwd",
    "..\\..\\boot.ini",
    "con.txt",
    "",
    ".",
    "a" * 900 + ".png",
    "скриншот ошибки.png",
    "\u202egnp.exe",
    "evil\x00.png",
    "new\r\nline.txt",
    'quo"te.txt',
    "=?utf-8?b?0YTQsNC50Ls=?=.txt",
    "=?x-unknown?b?////?=",
    "%00%2e%2e%2f.txt",
    "<img src=x onerror=alert(1)>.html",
)


def _mail_text(raw):
    """The text of every text part of the mail ``raw``, as read by Python."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    texts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            texts.append(part.get_payload(decode=True).decode("utf-8", "replace"))
    return "".join(texts)


def _words(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


class MailFuzzer:
    """Builds random hostile mails; each comes with what the gateway must do
    with it (``expect``)."""

    def __init__(self, rng, case):
        self.rng = rng
        self.case = case
        self.huge_text_sent = False

    # ------------------------------------------------------------ pieces
    def text(self, number, contract=None):
        rng = self.rng
        parts = [_words(rng, rng.randint(0, 12)), self.mark(number)]
        if rng.random() < 0.3:
            parts.append(rng.choice(ODD_TEXT))
        if contract:
            parts.append(f"по договору № {contract}")
        parts.append(_words(rng, rng.randint(1, 30)))
        return " ".join(parts)

    @staticmethod
    def mark(number):
        # Letters then digits then a letter: never read as a request number.
        return f"konusfuzz{number:05d}q"

    def encode_text(self, text, expect):
        """Bytes of ``text`` and the Content-Type charset parameter."""
        rng = self.rng
        actual = rng.choice(CHARSETS)
        data = text.encode(actual, errors="replace")
        if actual == "utf-8" and rng.random() < 0.25:
            # Broken UTF-8: a stray byte and a cut sequence.
            # Anywhere but in the mark that tells the mail's text.
            mark = data.find(b"konusfuzz")
            cut = rng.choice((rng.randint(0, max(mark, 0)), len(data)))
            data = data[:cut] + rng.choice((b"\xff", b"\xc3", b"\xe2\x82")) + data[cut:]
            expect["broken_bytes"] = True
        roll = rng.random()
        if roll < 0.55:
            declared = actual
        elif roll < 0.75:
            declared = rng.choice(CHARSETS)
        elif roll < 0.9:
            declared = rng.choice(UNKNOWN_CHARSETS)
        else:
            declared = None
        return data, declared

    def transfer(self, data, expect):
        """``(Content-Transfer-Encoding or None, encoded payload bytes)``."""
        rng = self.rng
        kind = rng.choice(
            ("8bit", "base64", "qp", "none", "base64-broken", "qp-broken", "x-gzip")
        )
        if kind == "base64":
            return "base64", base64.encodebytes(data)
        if kind == "base64-broken":
            encoded = base64.encodebytes(data).replace(b"\n", b"\r\n")
            how = rng.choice(("junk", "padding", "cut", "shift"))
            middle = len(encoded) // 2
            if how == "junk":
                encoded = encoded[:middle] + b"!*%$" + encoded[middle:]
            elif how == "padding":
                encoded = encoded.rstrip(b"=\r\n") + b"===\r\n"
            elif how == "cut":
                encoded = encoded[: max(1, len(encoded) - rng.randint(1, 6))]
            else:
                encoded = b"Q" + encoded
                expect["garbled"] = True
            return "base64", encoded
        if kind == "qp":
            return "quoted-printable", quopri.encodestring(data)
        if kind == "qp-broken":
            return "quoted-printable", quopri.encodestring(data) + b"=ZZ=\r\n=4"
        if kind == "none":
            return None, data
        return kind, data

    def text_part(self, number, expect, subtype=None, contract=None):
        rng = self.rng
        subtype = subtype or rng.choice(("plain", "plain", "html"))
        text = self.text(number, contract)
        if subtype == "html":
            text = rng.choice(
                (
                    f"<html><body><p>{text}</p></body></html>",
                    f"<div><p><b>{text}",
                    f"<p>{text}</p><table><tr><td>x</table></p></div></span>",
                )
            )
        data, declared = self.encode_text(text, expect)
        cte, payload = self.transfer(data, expect)
        expect.setdefault("payload", payload)
        headers = f"Content-Type: text/{subtype}"
        if declared is not None:
            headers += f'; charset="{declared}"'
        headers += "\r\n"
        if cte:
            headers += f"Content-Transfer-Encoding: {cte}\r\n"
        return headers.encode() + b"\r\n" + payload

    def huge_part(self, number, expect):
        """A body beyond what Odoo's HTML parser keeps (see
        ``tools.mail_body_limit``): a text node over 10,000,000 characters,
        or nesting deeper than 255 levels."""
        expect["huge"] = True
        mark = self.mark(number)
        if not self.huge_text_sent:
            # One text over 10,000,000 characters per run: it costs seconds.
            self.huge_text_sent = True
            body = ("0" * 10_000_100 + "\n" + mark).encode()
            return (
                b"Content-Type: text/plain; charset=utf-8\r\n"
                b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body
            )
        depth = self.rng.randint(260, 600)
        body = (
            "<html><body>"
            + "<blockquote>Ответ" * depth
            + "</blockquote>" * depth
            + f"<p>{mark}</p></body></html>"
        ).encode()
        return (
            b"Content-Type: text/html; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body
        )

    def attachment(self, expect):
        rng = self.rng
        name = rng.choice(HOSTILE_NAMES)
        mimetype = rng.choice(
            (
                "application/octet-stream",
                "image/png",
                "text/html",
                "application/x-msdownload",
                "application/pdf; name=" + '"x.pdf"',
            )
        )
        how = rng.choice(("filename", "rfc2231", "rfc2047", "ct-name"))
        if how == "filename":
            quoted = name.replace("\r", "").replace("\n", "")
            disposition = f'attachment; filename="{quoted}"'
        elif how == "rfc2231":
            charset = rng.choice(("utf-8", "x-unknown", "koi8-r"))
            encoded = "".join(f"%{b:02X}" for b in name.encode("utf-8"))
            disposition = f"attachment; filename*={charset}''{encoded}"
        elif how == "rfc2047":
            disposition = (
                f'attachment; filename="{Header(name, "utf-8").encode()}"'
            ).replace("\n", "")
        else:
            disposition = "attachment"
            mimetype = f'{mimetype.split(";")[0]}; name="{name[:200]}"'
        content = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300)))
        expect["attachments"] += 1
        return (
            f"Content-Type: {mimetype}\r\n"
            f"Content-Disposition: {disposition}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode() + base64.encodebytes(content)

    def multipart(self, subtype, parts):
        boundary = f"=_fuzz_{self.rng.getrandbits(48):x}"
        body = b"".join(
            b"--" + boundary.encode() + b"\r\n" + p + b"\r\n" for p in parts
        )
        body += b"--" + boundary.encode() + b"--\r\n"
        header = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'
        return header.encode() + body

    def body(self, number, expect, focus):
        rng = self.rng
        contract = None
        roll = rng.random()
        if roll < 0.2:
            contract = self.case.contract_a.name
        elif roll < 0.4:
            contract = self.case.contract_b.name
        expect["contract_named"] = contract
        if focus == "huge":
            main = self.huge_part(number, expect)
        else:
            main = self.text_part(number, expect, contract=contract)
        shape = rng.choice(("single", "alternative", "mixed", "nested"))
        if focus == "deep":
            shape = "deep"
        if focus == "attachments" or (focus == "huge" and shape == "alternative"):
            shape = "mixed"
        if shape == "single":
            return main
        if shape == "alternative":
            other = self.text_part(number, expect, subtype="html")
            return self.multipart("alternative", [main, other])
        attachments = [
            self.attachment(expect)
            for _ in range(rng.randint(1, 4) if shape == "mixed" else 0)
        ]
        body = self.multipart("mixed", [main, *attachments])
        levels = {"nested": rng.randint(2, 30), "deep": rng.randint(80, 1500)}.get(
            shape, 0
        )
        for _level in range(levels):
            body = self.multipart(
                rng.choice(("mixed", "related", "alternative")), [body]
            )
        return body

    # ------------------------------------------------------------ headers
    def sender(self, expect):
        rng = self.rng
        case = self.case
        who = rng.choice(("a", "a", "b", "unknown", "garbled"))
        partner = {"a": case.contact_a, "b": case.contact_b}.get(who)
        address = partner.email if partner else STRANGER
        if rng.random() < 0.3:
            address = address.upper()
        name = rng.choice(
            (
                "",
                "Аюшеева Туяна",
                Header("Цыренов Баир", rng.choice(("utf-8", "koi8-r"))).encode(),
                "=?x-unknown?B?0JDQsQ==?=",
                "=?utf-8?B?####?=",
                '"Evil, Inc." <spoof@evil.example>',
            )
        )
        expect["author"] = partner
        expect["email"] = address.lower()
        if who == "garbled":
            expect["author"] = None
            expect["email"] = None
            return rng.choice((None, "", "Иван Петров", "<>", "@@@", "не-адрес"))
        if name.startswith('"Evil'):
            # Two addresses: nobody is identified by such a From.
            expect["author"] = None
            expect["email"] = None
            return f"{name}, {address}"
        if name and not name.isascii():
            name = Header(name, "utf-8").encode()
        return f"{name} <{address}>" if name else address

    def subject(self, number, expect, focus):
        rng = self.rng
        case = self.case
        quoted = None
        text = _words(rng, rng.randint(1, 8))
        if focus == "numbers" or rng.random() < 0.3:
            quoted = rng.choice(case.pool)
            number_text = quoted.number
            if rng.random() < 0.3:
                number_text = number_text.replace("H", "Н").replace("T", "Т")
            if rng.random() < 0.2:
                quoted, number_text = None, "HT9999999"
            text = f"Re: Обращение {number_text} {text}"
        expect["quoted"] = quoted
        style = rng.choice(
            ("utf-8", "koi8-r", "raw-utf-8", "raw8bit", "unknown", "broken", "long")
        )
        # A subject in raw 8-bit bytes of an unknown charset may be misread:
        # the number it quotes may then be missed (a new request), nothing worse.
        expect["quoted_maybe"] = style in ("raw8bit", "unknown", "broken")
        if style == "raw8bit":
            return text.encode("windows-1251", errors="replace")
        if style == "raw-utf-8":
            return text.encode()
        if style == "unknown":
            data = base64.b64encode(text.encode("koi8-r", errors="replace")).decode()
            return f"=?x-unknown-8bit?B?{data}?=".encode()
        if style == "broken":
            return f"=?utf-8?B?{text[:3]}###?= {text}".encode()
        if style == "long":
            text = (text + " ") * rng.randint(50, 400)
        if rng.random() < 0.2:
            text += rng.choice(ODD_TEXT)
        charset = "utf-8" if style in ("long", "raw-utf-8") else style
        text = text.encode(charset, errors="replace").decode(charset)
        return Header(text, charset).encode().encode()

    def references(self, expect, focus):
        """In-Reply-To / References: a real message of a request of the
        pool (any customer's: a reply goes to the thread it answers), an id
        forged in Odoo's form, ids that exist nowhere, garbage."""
        rng = self.rng
        case = self.case
        kind = rng.choice(("none", "none", "real", "forged", "missing", "garbage"))
        if focus == "references":
            kind = rng.choice(("real", "forged", "missing"))
        expect["replied"] = None
        if kind == "none":
            return ""
        if kind == "real":
            ticket = rng.choice(case.pool)
            expect["replied"] = ticket
            ref = case.message_ids[ticket.id]
        elif kind == "forged":
            ticket = rng.choice(case.pool)
            ref = f"<1.{rng.getrandbits(30)}-openerp-{ticket.id}-helpdesk.ticket@konus>"
        elif kind == "missing":
            ref = f"<nowhere-{rng.getrandbits(40)}@customer.example>"
        else:
            ref = rng.choice(("<<<>>>", "reply_to", "<" + "r" * 3000 + ">", ">"))
        many = " ".join(f"<n{i}@x.example>" for i in range(rng.choice((0, 0, 40))))
        header = rng.choice(("In-Reply-To", "References", "both"))
        lines = []
        if header in ("In-Reply-To", "both"):
            lines.append(f"In-Reply-To: {ref}")
        if header in ("References", "both"):
            lines.append(f"References: {many} {ref}".strip())
        return "".join(f"{line}\r\n" for line in lines)

    def mail(self, number, focus):
        rng = self.rng
        expect = {"attachments": 0, "focus": focus, "number": number}
        headers = []
        sender = self.sender(expect)
        if sender is not None:
            headers.append(f"From: {sender}")
        to = rng.choice(
            (
                f"{ALIAS}@{DOMAIN}",
                f'"Поддержка" <{ALIAS.upper()}@{DOMAIN}>',
                f"{ALIAS}@{DOMAIN}, {self.case.contact_b.email}",
            )
        )
        headers.append(f"To: {to}")
        if rng.random() < 0.3:
            headers.append(
                f"Cc: {rng.choice((self.case.contact_b, self.case.contact_a)).email}"
            )
        if rng.random() < 0.2:
            headers.append(f"Reply-To: {self.case.contact_a.email}")
        message_id = rng.choice(
            (
                f"<fuzz{number}.{SEED}@customer.example>",
                None,
                "",
                f"not an id {number} {SEED}",
                f"<{'m' * 1500}{number}.{SEED}@x>",
            )
        )
        if message_id is not None:
            headers.append(f"Message-ID: {message_id}")
        date = rng.choice(
            (
                "Wed, 25 Nov 2026 10:00:00 +0800",
                None,
                "вчера",
                "Mon, 31 Feb 2026 99:99:99 +9999",
                "Fri, 01 Jan 9999 00:00:00 -1200",
                "Thu, 01 Jan 1970 00:00:00 +0000",
            )
        )
        if date is not None:
            headers.append(f"Date: {date}")
        headers.append("MIME-Version: 1.0")
        raw = "".join(f"{h}\r\n" for h in headers).encode()
        raw += self.references(expect, focus).encode()
        if not (focus != "subject" and rng.random() < 0.1):
            raw += b"Subject: " + self.subject(number, expect, focus) + b"\r\n"
        else:
            expect["quoted"] = None
            expect["quoted_maybe"] = False
        return raw + self.body(number, expect, focus), expect


FOCUSES = (
    "charsets",
    "numbers",
    "references",
    "attachments",
    "deep",
    "subject",
    "charsets",
    "references",
    "numbers",
    "attachments",
    "charsets",
    "huge",
)


@tagged("post_install", "-at_install")
class TestFuzzMail(KonusSupportDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        env = cls.env
        domain = env["mail.alias.domain"].create({"name": DOMAIN})
        env.company.alias_domain_id = domain
        cls.team.write({"alias_name": ALIAS, "alias_domain_id": domain.id})
        # Odoo refuses (with a bounce) the 21st mail of one sender on one
        # request within two hours, as a mail loop; a limit of its own,
        # documented in the README, that a long fuzz run would reach.
        env["ir.config_parameter"].sudo().set_param(
            "mail.gateway.loop.threshold", 1_000_000
        )
        cls.Ticket = env["helpdesk.ticket"]
        cls.ticket_a = cls._seed_mail(cls.contact_a.email, "Касса А", "<pool-a@c.ex>")
        cls.ticket_a_closed = cls._seed_mail(
            cls.contact_a.email, "Старая А", "<pool-a2@c.ex>"
        )
        values = cls._identified_ticket_values()
        for key in ("name", "team_id", "partner_id"):
            values.pop(key)
        cls.ticket_a_closed.write(values)
        cls.ticket_a_closed.stage_id = cls.stages.filtered("closed")[:1]
        cls.ticket_b = cls._seed_mail(cls.contact_b.email, "АСУ Б", "<pool-b@c.ex>")
        cls.ticket_u = cls._seed_mail(STRANGER, "Незнакомец", "<pool-u@c.ex>")
        cls.pool = [cls.ticket_a, cls.ticket_a_closed, cls.ticket_b, cls.ticket_u]
        cls.message_ids = {
            ticket.id: ticket.message_ids.filtered(lambda m: m.message_type == "email")[
                :1
            ].message_id
            for ticket in cls.pool
        }

    @classmethod
    def _seed_mail(cls, sender, subject, message_id):
        raw = (
            f"From: {sender}\r\nTo: {ALIAS}@{DOMAIN}\r\n"
            f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
            f"Message-ID: {message_id}\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nСтарт\r\n"
        )
        thread_id = cls.env["mail.thread"].message_process(
            "helpdesk.ticket", raw.encode(), save_original=False
        )
        return cls.env["helpdesk.ticket"].browse(thread_id)

    # ------------------------------------------------------------ checks
    def _expected_thread(self, expect):
        """The request the mail belongs to, or None for a new one."""
        if expect["replied"]:
            return expect["replied"]
        quoted = expect["quoted"]
        if quoted and not quoted.closed:
            author, email = expect["author"], expect["email"]
            if author and quoted.partner_id.commercial_partner_id == (
                author.commercial_partner_id
            ):
                return quoted
            if not author and email and email == email_normalize(quoted.partner_email):
                return quoted
        return None

    def _check(self, raw, expect, thread_id, before):
        problems = []
        env = self.env
        env.invalidate_all()
        new_tickets = self.Ticket.search([("id", ">", before["ticket"])])
        incoming = env["mail.message"].search(
            [
                ("id", ">", before["message"]),
                ("message_type", "=", "email"),
                ("model", "=", "helpdesk.ticket"),
            ]
        )
        expected = self._expected_thread(expect)
        if expected and not expect["replied"] and expect["quoted_maybe"]:
            expected = expected if new_tickets.ids == [] else None
        if len(incoming) != 1:
            return [f"{len(incoming)} incoming messages recorded, not 1"]
        ticket = self.Ticket.browse(incoming.res_id)
        if thread_id != ticket.id:
            problems.append(f"message_process answered {thread_id}, not {ticket.id}")
        if expected:
            if new_tickets:
                problems.append(f"new request {new_tickets.ids} for a reply")
            if ticket != expected:
                problems.append(f"added to request {ticket.id}, not {expected.id}")
        else:
            if new_tickets != ticket:
                problems.append(
                    f"requests created {new_tickets.ids}, message on {ticket.id}"
                )
        # The sender is who the From address names, nobody else.
        author = expect["author"] or env["res.partner"]
        # Without a From, Odoo names the gateway's own user as the author.
        gateway = env.user.partner_id if not expect["email"] else author
        if incoming.author_id not in (author, gateway):
            problems.append(f"author {incoming.author_id.name!r}, not {author.name!r}")
        if not expected and ticket.partner_id != author:
            problems.append(f"customer {ticket.partner_id.name!r}, not {author.name!r}")
        entity = ticket.partner_id.commercial_partner_id
        if ticket.contract_id and ticket.contract_id.partner_id != entity:
            problems.append(f"another customer's contract {ticket.contract_id.name}")
        strangers = ticket.message_partner_ids.filtered(
            lambda p: p.partner_share and p.commercial_partner_id != entity
        )
        if strangers:
            problems.append(f"strangers follow the request: {strangers.mapped('name')}")
        # Nothing lost: the text is there, or the original mail is.
        originals = incoming.attachment_ids.filtered(lambda a: a.name == ORIGINAL)
        mark = MailFuzzer.mark(expect["number"])
        shown = (incoming.body or "") + (ticket.description or "")
        if expect.get("huge") and not originals:
            problems.append("a body beyond the parser without its original")
        if mark not in shown and not originals:
            problems.append(f"text unreadable and no original kept: {shown[:300]!r}")
        if originals and not self._is_original(originals.raw, raw, expect):
            problems.append("the original kept is not the mail received")
        attachments = incoming.attachment_ids - originals
        if len(attachments) < expect["attachments"]:
            problems.append(
                f"{len(attachments)} attachments kept of {expect['attachments']}"
            )
        return problems

    @staticmethod
    def _is_original(kept, raw, expect):
        if kept == raw:
            return True
        if expect.get("huge"):
            return MailFuzzer.mark(expect["number"]) in _mail_text(kept)
        # Re-serialised: the body's encoded bytes are there, whatever the
        # line breaks.
        payload = b"".join(expect["payload"].split())[:300]
        return payload in b"".join(kept.split())

    @mute_logger("odoo.addons.mail.models.mail_thread", "odoo.tests")
    def test_fuzz_mail_gateway(self):
        rng = random.Random(SEED)
        fuzzer = MailFuzzer(rng, self)
        failures = []
        for number in range(ITERATIONS):
            raw, expect = fuzzer.mail(number, FOCUSES[number % len(FOCUSES)])
            before = {
                "ticket": self.Ticket.search([], order="id desc", limit=1).id,
                "message": self.env["mail.message"]
                .search([], order="id desc", limit=1)
                .id,
            }
            try:
                with self.env.cr.savepoint():
                    thread_id = self.env["mail.thread"].message_process(
                        "helpdesk.ticket", raw, save_original=False
                    )
                    problems = self._check(raw, expect, thread_id, before)
            except Exception as error:  # the fuzz reports every failure
                if os.environ.get("KONUS_FUZZ_RAISE"):
                    raise AssertionError(
                        f"mail {number} (seed {SEED}): {raw!r}"
                    ) from error
                problems = [f"raised {type(error).__name__}: {str(error)[:300]}"]
            if problems:
                failures.append(
                    f"mail {number} (seed {SEED}, focus {expect['focus']}): "
                    + "; ".join(problems)
                    + f"\n    headers: {raw[:600]!r}"
                )
        self.assertFalse(
            failures,
            f"{len(failures)} of {ITERATIONS} mails (seed {SEED}):\n"
            + "\n".join(failures),
        )


@tagged("post_install", "-at_install")
class TestFuzzMailFindings(KonusSupportDataMixin, TransactionCase):
    """What the fuzz found, each as one fixed mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        domain = cls.env["mail.alias.domain"].create({"name": DOMAIN})
        cls.env.company.alias_domain_id = domain
        cls.team.write({"alias_name": ALIAS, "alias_domain_id": domain.id})
        cls.Ticket = cls.env["helpdesk.ticket"]

    def _process(self, body, msg_id, subject="=?utf-8?b?0JrQsNGB0YHQsA==?="):
        raw = (
            f"From: {self.contact_a.email}\r\n"
            f"To: {ALIAS}@{DOMAIN}\r\n"
            f"Subject: {subject}\r\n"
            f"Message-ID: <{msg_id}@customer.example>\r\n"
            "MIME-Version: 1.0\r\n"
        ).encode() + body
        count = self.Ticket.search_count([])
        thread_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw, save_original=False
        )
        self.assertEqual(self.Ticket.search_count([]), count + 1)
        ticket = self.Ticket.browse(thread_id)
        self.assertEqual(ticket.partner_id, self.contact_a)
        return ticket, raw

    def _original(self, ticket):
        return ticket.message_ids.attachment_ids.filtered(lambda a: a.name == ORIGINAL)

    def _notes(self, ticket):
        return ticket.message_ids.filtered(lambda m: m.subtype_id.internal)

    def test_empty_charset_name(self):
        """charset="" stopped the parser (LookupError): the mail was lost."""
        for number, text in enumerate((b"Printer is broken", "Касса".encode("koi8-r"))):
            with self.subTest(text=text):
                ticket, _raw = self._process(
                    b'Content-Type: text/plain; charset=""\r\n'
                    b"Content-Transfer-Encoding: 8bit\r\n\r\n" + text,
                    f"empty-charset-{number}",
                )
                self.assertIn(text.decode("koi8-r"), ticket.description)

    def test_nul_in_subject_and_file_name(self):
        """PostgreSQL refuses a NUL character: the mail was lost."""
        ticket, _raw = self._process(
            b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
            b"--B\r\nContent-Type: image/png\r\n"
            b"Content-Disposition: attachment; filename*=utf-8''evil%00.png\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n",
            "nul",
            subject="=?utf-8?b?0JrQsNGB0YHQsAA=?=",
        )
        self.assertEqual(ticket.name, "Касса")
        self.assertEqual(ticket.message_ids.attachment_ids.mapped("name"), ["evil.png"])

    def test_nesting_too_deep_for_the_parser(self):
        """Python's parser stopped (RecursionError) on a mail nested some
        hundreds of levels deep: nothing was read, the mail was lost."""
        body = b"Content-Type: text/plain\r\n\r\nkonus-deep\r\n"
        for level in range(1200):
            boundary = b"b%d" % level
            body = (
                b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
                b"--" + boundary + b"\r\n" + body + b"\r\n--" + boundary + b"--\r\n"
            )
        ticket, raw = self._process(body, "deep")
        self.assertEqual(ticket.name, "Касса")
        self.assertIn("nested too deeply", ticket.description)
        self.assertEqual(self._original(ticket).raw, raw)

    def test_broken_transfer_encoding_keeps_the_original(self):
        """Base64 out of step: the text shown is garbage; the original is
        kept and the engineer told."""
        payload = b"Q" + base64.encodebytes("Не печатает касса".encode())
        ticket, _raw = self._process(
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + payload,
            "broken-base64",
        )
        self.assertIn(payload.strip(), self._original(ticket).raw)
        self.assertEqual(len(self._notes(ticket)), 1)
        self.assertIn("could not be read whole", self._notes(ticket).body)

    def test_wrong_charset_keeps_the_original_bytes(self):
        """Declared UTF-8, written in windows-1251: the original kept is the
        bytes received, not a text re-encoded from replacement marks."""
        text = "Не печатает касса".encode("windows-1251")
        ticket, _raw = self._process(
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + text,
            "wrong-charset",
        )
        self.assertIn(text, self._original(ticket).raw)
        self.assertIn("could not be read whole", self._notes(ticket).body)

    def test_readable_mail_keeps_no_copy(self):
        ticket, _raw = self._process(
            b"Content-Type: text/plain; charset=windows-1251\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n"
            + "Не печатает касса".encode("windows-1251"),
            "readable",
        )
        self.assertIn("Не печатает касса", ticket.description)
        self.assertFalse(self._original(ticket))
        self.assertFalse(self._notes(ticket))
