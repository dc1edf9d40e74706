from . import identification
from . import mail_headers
from . import mail_identification
from . import mail_numbers
from . import phone
from . import production_calendar
from . import portal_uploads
from . import oca_translations
