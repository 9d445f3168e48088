"""
Production-ready defaults of the demo IDA.

Each of these may be overridden in the YAML file; the ``#:`` comment above a
setting is its documentation.
"""
import os
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------- identity

#: Name of the learning platform, shown in page titles and e-mails.
PLATFORM_NAME = _('Demo Learning')

#: Short name of this service, used in logs, metrics and static paths.
SERVICE_NAME = 'demo'

#: Prefix of the subject of every e-mail the service sends.
EMAIL_SUBJECT_PREFIX = f'[{PLATFORM_NAME}] '

#: Turns on Django's debug pages. Never enable it in production.
DEBUG = False

#: Host names this service answers to.
ALLOWED_HOSTS = ['localhost', '127.0.0.1']

#: Time zone of the dates shown to staff.
TIME_ZONE = 'UTC'

#: Languages offered in the interface, as (code, name) pairs.
LANGUAGES = (
    ('en', 'English'),
    ('fr', 'Français'),
)

# ---------------------------------------------------------------- apps

#: Django applications, in loading order.
INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'demo.apps.core',
]

#: Extra applications (plugins, debugging tools) added after ``INSTALLED_APPS``.
EXTRA_APPS = []

#: URL prefix of static files.
STATIC_URL = '/static/' + SERVICE_NAME + '/'

# ---------------------------------------------------------------- limits

#: Largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 100_000

#: Fraction of requests traced by the performance monitor, between 0 and 1.
TRACE_SAMPLE_RATE = 0.25

#: Seconds a cached course outline stays valid.
OUTLINE_CACHE_SECONDS = 7 * 24 * 3600

#: How long an unsaved learner draft is kept.
DRAFT_LIFETIME = timedelta(days=30)

#: Submissions a learner may make per hour and per day.
SUBMISSION_LIMITS = dict(PER_HOUR=20, PER_DAY=100)

# How many items one page of an API list holds.
# Clients may ask for fewer, never for more.
API_PAGE_SIZE = 20

SESSION_COOKIE_NAME = 'demo_sessionid'  #: Name of the session cookie.

# ---------------------------------------------------------------- integrations

#: JSON Web Token settings. A YAML value is merged into these keys, not substituted.
JWT_AUTH = {
    'JWT_ISSUER': 'http://localhost:18000/oauth2',
    'JWT_AUDIENCE': 'demo',
    'JWT_VERIFY_EXPIRATION': True,
    'JWT_LEEWAY': 1,
}

#: Cache backends, in Django's ``CACHES`` format.
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.locmem.LocMemCache',
        'OPTIONS': {'MAX_ENTRIES': 1000},
    },
}

#: HTTP methods whose request bodies the audit log records.
AUDITED_METHODS = {'POST', 'PUT', 'DELETE'}

#: Folder where exported reports are written.
REPORTS_DIR = os.environ.get('DEMO_REPORTS_DIR', '/var/tmp/demo-reports')

#: Address of the help centre linked from error pages; no link when unset.
SUPPORT_URL: str | None = None

#: Contact address shown in the footer, if any.
CONTACT_EMAIL = None

# Award a badge to learners who complete a course.
ENABLE_BADGES = True

GRADE_PASS_MARK = 0.5  # share of the maximum score needed to pass
