/* md-bounce-scanner.h — finds SMTP reply codes, enhanced status codes and DSN field names with their byte spans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "md-codes.h"

G_BEGIN_DECLS

typedef enum {
  MD_CODE_KIND_REPLY = 0,    /* "550": RFC 5321 reply code */
  MD_CODE_KIND_ENHANCED,     /* "5.1.1": RFC 3463 enhanced status code */
} MdCodeKind;

/* One code found in the scanned bytes: data[offset .. offset + length) is
 * exactly the code's text, so code[] holds the same characters. */
typedef struct {
  gsize        offset;
  guint        length;
  MdCodeKind   kind;
  MdCodeClass  klass;
  char         code[12];
} MdCodeSpan;

/* A DSN field name at the start of a line, colon included ("Status:"). */
typedef struct {
  gsize        offset;
  guint        length;
} MdFieldSpan;

#define MD_TYPE_CODE_SPAN (md_code_span_get_type ())

GType       md_code_span_get_type  (void) G_GNUC_CONST;
MdCodeSpan *md_code_span_copy      (const MdCodeSpan *span);
void        md_code_span_free      (MdCodeSpan       *span);

GArray     *md_bounce_scan         (const char       *data,
                                    gsize             length,
                                    GArray          **out_fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdCodeSpan, md_code_span_free)

G_END_DECLS
