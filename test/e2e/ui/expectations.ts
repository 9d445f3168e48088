/**
 * What the UI checks expect to see for examples/openedx-platform-lite/lms.yml. Kept apart from the flow
 * so that a change to the example workspace is a one-file change here.
 */
export const UI_EXPECTATIONS = {
  quickOpenQuery: 'lms.yml',
  fileName: 'lms.yml',
  completion: {
    /** The first row on an empty line: the required setting the file misses (LMS_ROOT_ULR is a typo). */
    firstRow: 'LMS_ROOT_URL',
    /** Keys the file sets, which must not be offered again. */
    notOffered: ['PLATFORM_NAME', 'SECRET_KEY'],
    /** Typed to filter the list down to one setting, whose details are then shown. */
    filter: 'COURSE_SE',
    chosen: 'COURSE_SEARCH_INDEXING_PREFIX',
    /** The chosen row's details: its type and default, and its documentation from lms/envs/common.py. */
    details: ['string = lite_', "Prefix of the names of this site's search indexes."],
    /** The line accepting it leaves. */
    inserted: 'COURSE_SEARCH_INDEXING_PREFIX:',
  },
  hover: {
    /** A key of lms.yml to hover. */
    key: 'PLATFORM_NAME',
    /** Text the hover must contain: documentation from openedx/envs/common.py's annotation, type, default, origin. */
    includes: [
      'PLATFORM_NAME · string',
      'Name of the site as learners see it: page titles, e-mails, certificates.',
      'PLATFORM_NAME: Lite Platform',
      'openedx/envs/common.py:26',
    ],
  },
  /** Substrings of rows the Problems panel must list: the three deliberate mistakes and their consequences. */
  problems: [
    'Missing required setting: `LMS_ROOT_URL`.',
    'Unknown setting `LMS_ROOT_ULR`: did you mean `LMS_ROOT_URL`?',
    'Expected integer, found string "ten minutes".',
    '`TIME_ZONE` has no effect',
  ],
};
