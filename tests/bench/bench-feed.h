/* bench-feed.h: a large, realistic feed made up for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The source id the benchmarks load the generated feed under. */
#define BENCH_FEED_SOURCE_ID "bench"

/* Returns a feed (format v1) with @n_cases made-up people in Russia and
 * Belarus: Cyrillic and Latin names with their Russian forms, stories in
 * English and Russian, interests, facilities, four- or five-line postal
 * addresses; plus a few campaigns, targets, templates and two rulesets.
 * The same @seed always gives the same feed. Every case is a demo. */
GBytes *bench_feed_generate (guint   n_cases,
                             guint32 seed);

/* Peak resident set size of this process so far, in MiB. */
double  bench_peak_rss_mib  (void);

/* Sorts @values in place and returns the median. */
double  bench_median        (double *values,
                             gsize   n_values);

G_END_DECLS
