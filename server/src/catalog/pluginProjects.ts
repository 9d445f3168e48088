/**
 * The project types of the edx-django-utils plugin framework (its entry point groups) and the
 * IDAs that run them: the platform's LMS runs `lms.djangoapp` plugin apps, Studio runs
 * `cms.djangoapp` ones. Other IDAs run none.
 */

/** The entry point group of the LMS's plugin apps (`ProjectType.LMS`). */
export const LMS_PROJECT = 'lms.djangoapp';
/** The entry point group of Studio's plugin apps (`ProjectType.CMS`). */
export const CMS_PROJECT = 'cms.djangoapp';

/** The project type whose plugin apps an IDA runs, by IDA name; undefined for an IDA that runs none. */
export function pluginProjectOf(ida: string): string | undefined {
  return ida === 'lms' ? LMS_PROJECT : ida === 'studio' ? CMS_PROJECT : undefined;
}
