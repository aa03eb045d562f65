/* md-json.c — json-glib for untrusted input: a nesting limit on parsing and
 * accessors that return NULL for anything of the wrong type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "md-json.h"

/* json-glib parses by recursion: refuse deep nesting before it starts. */
static gboolean
json_depth_is_bounded (const char *data,
                       gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MD_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

JsonNode *
md_json_parse (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The answer is empty"));
      return NULL;
    }

  if (length > G_MAXSSIZE || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The answer is not valid JSON: it is not UTF-8 text"));
      return NULL;
    }

  if (!json_depth_is_bounded (data, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The answer is not valid JSON: it nests more than %u levels deep"),
                   MD_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The answer is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The answer is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

const char *
md_json_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

const char *
md_json_member_string (JsonObject *object,
                       const char *name)
{
  g_return_val_if_fail (object != NULL, NULL);

  return md_json_node_string (json_object_get_member (object, name));
}

JsonArray *
md_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
md_json_member_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, NULL);

  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
md_json_element_string (JsonArray *array,
                        guint      index)
{
  g_return_val_if_fail (array != NULL, NULL);

  if (index >= json_array_get_length (array))
    return NULL;
  return md_json_node_string (json_array_get_element (array, index));
}

JsonArray *
md_json_element_array (JsonArray *array,
                       guint      index)
{
  JsonNode *node;

  g_return_val_if_fail (array != NULL, NULL);

  if (index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
md_json_element_object (JsonArray *array,
                        guint      index)
{
  JsonNode *node;

  g_return_val_if_fail (array != NULL, NULL);

  if (index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
