"""
Production settings of the lite LMS: everything in common.py, overridden by the YAML
file that the LMS_CFG environment variable names, then adjusted.

Invented for Open edX Config's example workspace and tests.
"""
# pylint: disable=wildcard-import, unused-wildcard-import
import codecs
import os

import yaml
from django.core.exceptions import ImproperlyConfigured

from openedx.core.lib.event_bus import merge_producer_configs
from openedx.core.lib.features_setting_proxy import FeaturesProxy
from openedx.core.lib.logsettings import get_logger_config

from .common import *

FEATURES = FeaturesProxy(globals())


def get_env_setting(setting):
    """The value of an environment variable; stops with a clear message when it is unset."""
    try:
        return os.environ[setting]
    except KeyError as exc:
        raise ImproperlyConfigured(f'Set the {setting} environment variable') from exc


CONFIG_FILE = get_env_setting('LMS_CFG')

with codecs.open(CONFIG_FILE, encoding='utf-8') as f:
    _YAML_TOKENS = yaml.safe_load(f)

    # Each YAML key becomes the setting of the same name, except the keys below,
    # which are merged or converted further down.
    vars().update({
        key: value
        for key, value in _YAML_TOKENS.items()
        if key not in [
            'FEATURES',
            'JWT_AUTH',
            'REST_FRAMEWORK',
            'CELERY_QUEUES',
            'EVENT_TRACKING_BACKENDS',
            'EVENT_BUS_PRODUCER_CONFIG',
            'DEFAULT_FILE_STORAGE',
        ]
    })

############################## After the YAML ##############################

# Connections drop behind the load balancer; keep broker waits short.
BROKER_CONNECTION_TIMEOUT = 1

for feature, value in _YAML_TOKENS.get('FEATURES', {}).items():
    FEATURES[feature] = value

# The YAML gives a list of queue names; Celery wants a dict.
_YAML_CELERY_QUEUES = _YAML_TOKENS.get('CELERY_QUEUES', None)
if _YAML_CELERY_QUEUES:
    CELERY_QUEUES = {queue: {} for queue in _YAML_CELERY_QUEUES}

_YAML_ALTERNATE_WORKER_QUEUES = _YAML_TOKENS.get('ALTERNATE_WORKER_QUEUES', '').split()
ALTERNATE_QUEUES = [
    DEFAULT_PRIORITY_QUEUE.replace(SERVICE_VARIANT, alternate)
    for alternate in _YAML_ALTERNATE_WORKER_QUEUES
]

# Every date is shown in the Celery time zone.
TIME_ZONE = CELERY_TIMEZONE

LANGUAGE_COOKIE_NAME = _YAML_TOKENS.get('LANGUAGE_COOKIE') or LANGUAGE_COOKIE_NAME

for app in _YAML_TOKENS.get('ADDL_INSTALLED_APPS', []):
    INSTALLED_APPS.append(app)

MIDDLEWARE.extend(_YAML_TOKENS.get('EXTRA_MIDDLEWARE_CLASSES', []))

LOGGING = get_logger_config(LOG_DIR, logging_env=LOGGING_ENV, service_variant=SERVICE_VARIANT)

if ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE:
    CORS_ORIGIN_WHITELIST = _YAML_TOKENS.get('CORS_ORIGIN_WHITELIST', ())
    CORS_ORIGIN_ALLOW_ALL = _YAML_TOKENS.get('CORS_ORIGIN_ALLOW_ALL', False)

LMS_SEGMENT_KEY = _YAML_TOKENS.get('SEGMENT_KEY')

SESSION_COOKIE_SAMESITE = 'None'

if 'DEFAULT_FILE_STORAGE' in _YAML_TOKENS:
    STORAGES['default']['BACKEND'] = _YAML_TOKENS['DEFAULT_FILE_STORAGE']

BROKER_URL = '{}://{}'.format(CELERY_BROKER_TRANSPORT, CELERY_BROKER_HOSTNAME)

BROKER_TRANSPORT_OPTIONS = {
    'fanout_patterns': True,
    **_YAML_TOKENS.get('CELERY_BROKER_TRANSPORT_OPTIONS', {}),
}

JWT_AUTH.update(_YAML_TOKENS.get('JWT_AUTH', {}))
REST_FRAMEWORK.update(_YAML_TOKENS.get('REST_FRAMEWORK', {}))
EVENT_TRACKING_BACKENDS['tracking_logs']['OPTIONS']['backends'].update(_YAML_TOKENS.get('EVENT_TRACKING_BACKENDS', {}))

EVENT_BUS_PRODUCER_CONFIG = merge_producer_configs(
    EVENT_BUS_PRODUCER_CONFIG,
    _YAML_TOKENS.get('EVENT_BUS_PRODUCER_CONFIG', {}),
)

if ENABLE_THIRD_PARTY_AUTH:
    AUTHENTICATION_BACKENDS = _YAML_TOKENS.get('THIRD_PARTY_AUTH_BACKENDS', [
        'lms.djangoapps.lite.auth.OAuth2Backend',
    ]) + list(AUTHENTICATION_BACKENDS)

    # Seconds a learner may spend in the third-party sign-in pipeline.
    SOCIAL_AUTH_PIPELINE_TIMEOUT = _YAML_TOKENS.get('SOCIAL_AUTH_PIPELINE_TIMEOUT', 600)
    SOCIAL_AUTH_LTI_CONSUMER_SECRETS = _YAML_TOKENS.get('SOCIAL_AUTH_LTI_CONSUMER_SECRETS', {})
    SOCIAL_AUTH_STRATEGY = 'lms.djangoapps.lite.auth.ConfigurationStrategy'

ELASTIC_SEARCH_CONFIG = _YAML_TOKENS.get('ELASTIC_SEARCH_CONFIG_ES7', [{}])
