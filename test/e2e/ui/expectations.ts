/**
 * What the UI checks expect to see for examples/openedx-platform-lite/lms.yml. Kept apart from the flow
 * so that a change to the example workspace is a one-file change here.
 */
export const UI_EXPECTATIONS = {
  quickOpenQuery: 'lms.yml',
  fileName: 'lms.yml',
  completion: {
    /** An empty top-level line (1-based, for Go to Line) between two settings. */
    line: 15,
    /** The first row on an empty line: the required setting the file misses (LMS_ROOT_ULR is a typo). */
    firstRow: 'LMS_ROOT_URL',
    /** Keys the file sets, which must not be offered again. */
    notOffered: ['PLATFORM_NAME', 'SECRET_KEY', 'TIME_ZONE'],
    /** Typed to filter the list. */
    filter: 'ENABLE_',
    /** The rows left, in order: the toggles of lms/envs/common.py and openedx/envs/common.py the file does not set at the top level. */
    filtered: ['ENABLE_COURSE_NOTES', 'ENABLE_CROSS_DOMAIN_CSRF_COOKIE', 'ENABLE_DISCUSSION_SERVICE', 'ENABLE_LEARNER_RECORDS'],
    /** The details of the first row: type and default, documentation and annotation fields, origin. */
    details: ['boolean = false', 'Lets learners keep private notes beside course content.', 'lms/envs/common.py:29'],
    /** Typed next, to pick one; accepting it leaves `inserted` on the line. */
    more: 'DISC',
    chosen: 'ENABLE_DISCUSSION_SERVICE',
    inserted: 'ENABLE_DISCUSSION_SERVICE:',
  },
  hover: {
    /** A key of lms.yml to hover. */
    key: 'PLATFORM_NAME',
    /** The key above an empty line, where the mouse is parked afterwards. */
    parkBelow: 'LANGUAGE_CODE',
    /** Text the hover must contain: documentation from openedx/envs/common.py's annotation, type, default, origin. */
    includes: [
      'PLATFORM_NAME · string',
      'Name of the site as learners see it: page titles, e-mails, certificates.',
      'PLATFORM_NAME: Lite Platform',
      'openedx/envs/common.py:26',
    ],
  },
  /** A key a package of the example's `.venv` reads (the libraries layer, docs/libraries.md). */
  libraryHover: {
    key: 'CORS_ORIGIN_WHITELIST',
    /** Where the mouse is parked afterwards: right of the line below this key, clear of the hover (shown above the hovered key). */
    parkBelow: 'CELERY_QUEUES',
    includes: ['CORS_ORIGIN_WHITELIST · list', 'Read by lite-cors 0.4.0', 'lite_cors/conf.py:5'],
  },
  /** Substrings of rows the Problems panel must list: the three deliberate mistakes and their consequences. */
  problems: [
    'Missing required setting: `LMS_ROOT_URL`.',
    'Unknown setting `LMS_ROOT_ULR`: did you mean `LMS_ROOT_URL`?',
    'Expected integer, found string "ten minutes".',
    '`TIME_ZONE` has no effect',
  ],
};
