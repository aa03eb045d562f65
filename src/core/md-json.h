/* md-json.h — json-glib for untrusted input: a nesting limit on parsing and
 * accessors that return NULL for anything of the wrong type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MD_JSON_MAX_DEPTH 64

JsonNode   *md_json_parse          (const char  *data,
                                    gsize        length,
                                    GError     **error);

const char *md_json_node_string    (JsonNode    *node);
const char *md_json_member_string  (JsonObject  *object,
                                    const char  *name);
JsonArray  *md_json_member_array   (JsonObject  *object,
                                    const char  *name);
JsonObject *md_json_member_object  (JsonObject  *object,
                                    const char  *name);
const char *md_json_element_string (JsonArray   *array,
                                    guint        index);
JsonArray  *md_json_element_array  (JsonArray   *array,
                                    guint        index);
JsonObject *md_json_element_object (JsonArray   *array,
                                    guint        index);

G_END_DECLS
