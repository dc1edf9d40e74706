from . import mail_numbers
