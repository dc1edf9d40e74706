from . import identification
from . import mail_numbers
