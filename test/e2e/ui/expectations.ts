/**
 * What the UI checks expect to see for examples/openedx-platform-lite/lms.yml. Kept apart from the flow
 * so that a change to the example workspace is a one-file change here.
 */
export const UI_EXPECTATIONS = {
  quickOpenQuery: 'lms.yml',
  fileName: 'lms.yml',
  completion: {
    /** A suggestion that must be listed on an empty top-level line. */
    label: 'PROGRESS_GRAPH_DAYS',
    /** Substrings some row's aria-label must contain (setting names, types, defaults). */
    rowIncludes: ['PROGRESS_GRAPH_DAYS'],
  },
  hover: {
    /** A key of lms.yml to hover. */
    key: 'PLATFORM_NAME',
    /** Text the hover must contain (documentation extracted from the Python source). */
    includes: ['Name of the site as learners see it'],
  },
  /** Substrings of rows the Problems panel must list. */
  problems: ['lms.yml'],
};
