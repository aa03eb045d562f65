/* md-bounce-text.h — any bytes made displayable, with byte offsets mapped to characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *md_bounce_text_make_valid   (const char  *data,
                                    gsize        length,
                                    gsize       *out_length);
void   md_bounce_text_map_offsets  (const char  *data,
                                    gsize        length,
                                    const gsize *byte_offsets,
                                    guint        n_offsets,
                                    gint64      *char_offsets);
gsize  md_bounce_text_chunk_end    (const char  *text,
                                    gsize        length,
                                    gsize        start,
                                    gsize        chunk_size);

G_END_DECLS
