"""
Settings shared by the LMS and Studio of the "lite" platform.

This tree imitates the shape of openedx-platform's settings so that Open edX Config
can be tried and tested on it. The names follow the platform's conventions; the
values and every word of documentation are invented.
"""
import os

from django.utils.translation import gettext_lazy as _
from path import Path as path

from openedx.core.lib.derived import Derived

# Root of the checkout, three folders above this file.
REPO_ROOT = path(__file__).abspath().dirname().dirname().dirname()

# Templates and assets shared by both services.
COMMON_ROOT = REPO_ROOT / 'common'

############################## Site identity ##############################

# .. setting_name: PLATFORM_NAME
# .. setting_default: Lite Platform
# .. setting_description: Name of the site as learners see it: page titles, e-mails, certificates.
PLATFORM_NAME = _('Lite Platform')

SITE_NAME = 'localhost'

# .. setting_name: LMS_ROOT_URL
# .. setting_default: None
# .. setting_description: Public root URL of the LMS, such as ``https://learn.example.com``.
#   Links in e-mails and in Studio are built from it, so every deployment must set it.
LMS_ROOT_URL = None

# Signs sessions and tokens. The value here is only good for development.
SECRET_KEY = 'dev key'

DEBUG = False

TIME_ZONE = 'America/New_York'
CELERY_TIMEZONE = 'UTC'
LANGUAGE_CODE = 'en'
LANGUAGE_COOKIE_NAME = 'lite-language-preference'

############################## Toggles ##############################

# .. toggle_name: settings.ENABLE_CORS_HEADERS
# .. toggle_implementation: DjangoSetting
# .. toggle_default: False
# .. toggle_description: Sends CORS headers so that pages on other origins may call the APIs.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-01-10
ENABLE_CORS_HEADERS = False

# .. toggle_name: settings.ENABLE_CROSS_DOMAIN_CSRF_COOKIE
# .. toggle_implementation: DjangoSetting
# .. toggle_default: False
# .. toggle_description: Sets a second CSRF cookie readable from sibling sub-domains.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-01-11
ENABLE_CROSS_DOMAIN_CSRF_COOKIE = False

# .. toggle_name: ENABLE_DISCUSSION_SERVICE
# .. toggle_implementation: DjangoSetting
# .. toggle_default: True in the LMS
# .. toggle_description: Shows the discussion tab in courses. Each service sets its own value.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-01-12
ENABLE_DISCUSSION_SERVICE: bool

############################## Django ##############################

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
]

AUTHENTICATION_BACKENDS = [
    'django.contrib.auth.backends.ModelBackend',
]

CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.memcached.PyMemcacheCache',
        'LOCATION': ['localhost:11211'],
    },
}

STORAGES = {
    'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},
    'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'},
}

# Token settings; the YAML file may give only the keys it changes.
JWT_AUTH = {
    'JWT_ISSUER': 'http://127.0.0.1:8000/oauth2',
    'JWT_ALGORITHM': 'HS256',
    'JWT_EXPIRATION': 30,
}

REST_FRAMEWORK = {
    'PAGE_SIZE': 10,
    'DEFAULT_PAGINATION_CLASS': 'rest_framework.pagination.PageNumberPagination',
}

# Marketing pages. The root follows LMS_ROOT_URL unless set.
MKTG_URLS = {
    'ROOT': Derived(lambda settings: settings.LMS_ROOT_URL),
    'ABOUT': '/about',
}

# Where tracking events go. The YAML file adds backends to the routing backend's list.
EVENT_TRACKING_BACKENDS = {
    'tracking_logs': {
        'ENGINE': 'eventtracking.backends.routing.RoutingBackend',
        'OPTIONS': {
            'backends': {
                'logger': {'ENGINE': 'eventtracking.backends.logger.LoggerBackend'},
            },
        },
    },
}

############################## Logging and Celery ##############################

LOG_DIR = '/edx/var/log/lite'
LOGGING_ENV = 'sandbox'
LOGGING = {'version': 1, 'disable_existing_loggers': False}

CELERY_BROKER_TRANSPORT = 'redis'
CELERY_BROKER_HOSTNAME = 'localhost:6379'

DEFAULT_PRIORITY_QUEUE = 'lite.lms.core.default'
CELERY_QUEUES = {
    'lite.lms.core.default': {},
    'lite.lms.core.high': {},
}
