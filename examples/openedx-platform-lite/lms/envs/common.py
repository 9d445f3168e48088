"""
LMS settings of the "lite" platform, on top of the shared ones.

Invented for Open edX Config's example workspace and tests.
"""
# pylint: disable=wildcard-import, unused-wildcard-import
import os

from openedx.core.lib.derived import Derived
from openedx.core.lib.features_setting_proxy import FeaturesProxy
from openedx.envs.common import *

# FEATURES used to be a dict; now each FEATURES['X'] reads and writes the setting X.
FEATURES = FeaturesProxy(globals())

SERVICE_VARIANT = os.environ.get('SERVICE_VARIANT', 'lms')

# Shown on receipts; follows the platform name.
PAYMENT_MERCHANT_NAME = Derived(lambda settings: settings.PLATFORM_NAME)

############################## Feature toggles ##############################

# .. toggle_name: settings.ENABLE_COURSE_NOTES
# .. toggle_implementation: DjangoSetting
# .. toggle_default: False
# .. toggle_description: Lets learners keep private notes beside course content.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-03-14
ENABLE_COURSE_NOTES = False

# .. toggle_name: settings.ENABLE_THIRD_PARTY_AUTH
# .. toggle_implementation: DjangoSetting
# .. toggle_default: False
# .. toggle_description: Lets learners sign in with accounts from other identity providers.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-03-15
ENABLE_THIRD_PARTY_AUTH = False

# .. toggle_name: FEATURES['ENABLE_LEARNER_RECORDS']
# .. toggle_implementation: DjangoSetting
# .. toggle_default: True
# .. toggle_description: Shows learners a record of the programs they completed.
# .. toggle_use_cases: open_edx
# .. toggle_creation_date: 2031-03-16
FEATURES['ENABLE_LEARNER_RECORDS'] = True

ENABLE_DISCUSSION_SERVICE = True

# .. toggle_name: courseware.use_lite_navigation
# .. toggle_implementation: WaffleFlag
# .. toggle_default: False
# .. toggle_description: Switches the course outline to the compact navigation.
# .. toggle_use_cases: temporary
# .. toggle_creation_date: 2031-03-17
LITE_NAVIGATION_FLAG_NAMESPACE = 'courseware'

############################## Documented settings ##############################

# .. setting_name: COURSE_SEARCH_INDEX_PREFIX
# .. setting_default: 'lite_'
# .. setting_description: Prefix of the names of this site's search indexes.
COURSE_SEARCH_INDEXING_PREFIX = 'lite_'

# .. setting_name: PROGRESS_GRAPH_DAYS
# .. setting_default: 7
# .. setting_description: Days of activity drawn in the learner's progress graph.
# .. Older themes draw a fixed week and ignore it.
PROGRESS_GRAPH_DAYS = 7

# .. setting_name: CERTIFICATE_TEMPLATE_LANGUAGES
# .. setting_default: empty dictionary
# .. setting_description: Maps a language code to the certificate template used for it.
# .. setting_warning:
CERTIFICATE_TEMPLATE_LANGUAGES = {}

# .. setting_name: RETIRED_GRADEBOOK_LIMIT
# .. setting_default: 100
# .. setting_description: No longer read by any code; documented here until its removal.

BLOCK_CACHE_SETTINGS = dict(
    # .. setting_name: BLOCK_CACHE_SETTINGS['REBUILD_DELAY']
    # .. setting_default: 30
    # .. setting_description: Seconds between a course publish and the rebuild of its block cache.
    REBUILD_DELAY=30,
    # Seconds the cache keeps a course's blocks.
    TIMEOUT=24 * 60 * 60,
)

EVENT_BUS_PRODUCER_CONFIG = {
    'org.lite.course.published.v1': {
        'course-events': {
            'event_key_field': 'course.key',
            # .. setting_name: EVENT_BUS_PRODUCER_CONFIG['org.lite.course.published.v1']
            #    ['course-events']['enabled']
            # .. setting_default: True
            # .. setting_description: Whether course-published events go to the course-events topic.
            'enabled': True,
        },
    },
}

# Links to the help centre; both names are read by templates.
SUPPORT_SITE_LINK = HELP_CENTER_LINK = Derived(lambda settings: settings.MKTG_URLS['ROOT'] + '/help')

############################## In-place edits ##############################

INSTALLED_APPS += [
    'lms.djangoapps.courseware',
    'lms.djangoapps.grades',
]
INSTALLED_APPS.remove('django.contrib.sessions')

MIDDLEWARE.append('lms.djangoapps.lite.middleware.LiteMiddleware')
MIDDLEWARE.insert(0, 'lms.djangoapps.lite.middleware.RequestTimer')

AUTHENTICATION_BACKENDS.extend(['lms.djangoapps.lite.backends.EmailBackend'])

CACHES.update({'course_structure': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}})
CACHES['default']['TIMEOUT'] = 300

# Template loaders, in the order Django tries them.
TEMPLATE_LOADERS = [
    'django.template.loaders.filesystem.Loader',
    'django.template.loaders.app_directories.Loader',
]
TEMPLATE_LOADERS[0:0] = ['lms.djangoapps.lite.loaders.ThemeLoader']

############################## Cross-origin requests ##############################

if ENABLE_CORS_HEADERS:
    CORS_ALLOW_CREDENTIALS = True
    CORS_ORIGIN_WHITELIST = ()
    CORS_ORIGIN_ALLOW_ALL = False
    MIDDLEWARE.insert(0, 'corsheaders.middleware.CorsMiddleware')

############################## Wiki ##############################

from lms.djangoapps.lite_wiki import settings as wiki_settings  # pylint: disable=wrong-import-position

# Follows the wiki app's own switch.
WIKI_ENABLED = wiki_settings.ENABLED


def _theme_dir(name):
    """Folder of one bundled theme."""
    return COMMON_ROOT / 'themes' / name


_bundled_themes = ['lite-light', 'lite-dark']
theme_dirs = [_theme_dir(name) for name in _bundled_themes]
