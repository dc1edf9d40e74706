from . import identification
from . import mail_numbers
from . import portal_uploads
