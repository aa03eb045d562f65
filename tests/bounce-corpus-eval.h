/* bounce-corpus-eval.h — the whole analyzer over a folder of real bounces, scored against expected verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The line ends the bounces are given with: as stored, or rewritten. */
typedef enum {
  MD_CORPUS_LINE_ENDS_AS_IS = 0,
  MD_CORPUS_LINE_ENDS_CRLF,
  MD_CORPUS_LINE_ENDS_CR,
} MdCorpusLineEnds;

/* Agreement with expected.tsv, per field. A row is one recipient of one
 * bounce; "count" is per file (how many recipients the analyzer found). */
typedef struct {
  guint       rows;
  guint       files;
  guint       reason_ok;
  guint       status_ok;
  guint       reply_ok;
  guint       hard_ok;
  guint       count_ok;
  guint       not_bounces;     /* files in not-bounces/ */
  guint       not_bounces_ok;  /* of which the analyzer said "not a bounce" */
  GPtrArray  *misses;          /* char *: one line per disagreement */
  GHashTable *confusion;       /* "expected -> got" (char *) → count */
} MdCorpusScore;

MdCorpusScore *md_corpus_score_new     (const char       *folder,
                                        MdCorpusLineEnds  line_ends,
                                        GError          **error);
void           md_corpus_score_free    (MdCorpusScore    *score);
double         md_corpus_score_percent (guint             ok,
                                        guint             total);
char          *md_corpus_score_summary (MdCorpusScore    *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdCorpusScore, md_corpus_score_free)

G_END_DECLS
