/* md-provider.c — what a mail provider expects of a domain, loaded from data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "md-provider.h"

#define PROVIDERS_RESOURCE "/io/github/maildoctor/MailDoctor/core/providers.json"

typedef struct {
  guint16  priority;
  char    *host;
} MxTemplate;

struct _MdProvider
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  GStrv             mx_match;
  GArray           *mx;                  /* MxTemplate */
  GStrv             mx_legacy;
  GStrv             mx_alternatives;
  char             *spf_include;
  char             *webmail_url;
  char             *control_panel_url;
  char             *password_reset_url;
  char             *status_page_url;
  char             *status_api_url;
  gboolean          has_autodiscover;
  guint16           autodiscover_port;
  GStrv             autodiscover_targets;
  GArray           *servers;             /* MdProviderServer, strings owned by server_strings */
  GPtrArray        *server_strings;
};

G_DEFINE_FINAL_TYPE (MdProvider, md_provider, G_TYPE_OBJECT)

static void
mx_template_clear (gpointer data)
{
  MxTemplate *mx = data;

  g_free (mx->host);
}

void
md_provider_mx_free (MdProviderMx *mx)
{
  if (mx == NULL)
    return;
  g_free (mx->host);
  g_free (mx);
}

static void
md_provider_finalize (GObject *object)
{
  MdProvider *self = MD_PROVIDER (object);

  g_free (self->id);
  g_free (self->name);
  g_strfreev (self->mx_match);
  g_array_unref (self->mx);
  g_strfreev (self->mx_legacy);
  g_strfreev (self->mx_alternatives);
  g_free (self->spf_include);
  g_free (self->webmail_url);
  g_free (self->control_panel_url);
  g_free (self->password_reset_url);
  g_free (self->status_page_url);
  g_free (self->status_api_url);
  g_strfreev (self->autodiscover_targets);
  g_array_unref (self->servers);
  g_ptr_array_unref (self->server_strings);

  G_OBJECT_CLASS (md_provider_parent_class)->finalize (object);
}

static void
md_provider_class_init (MdProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_provider_finalize;
}

static void
md_provider_init (MdProvider *self)
{
  self->mx = g_array_new (FALSE, TRUE, sizeof (MxTemplate));
  g_array_set_clear_func (self->mx, mx_template_clear);
  self->servers = g_array_new (FALSE, TRUE, sizeof (MdProviderServer));
  self->server_strings = g_ptr_array_new_with_free_func (g_free);
}

static char *
dup_member_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_ascii_strdown (json_node_get_string (node), -1);
}

static char *
dup_member_url (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static GStrv
dup_member_strv (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              g_autofree char *lower = g_ascii_strdown (json_node_get_string (element), -1);

              g_strv_builder_add (builder, lower);
            }
        }
    }

  return g_strv_builder_end (builder);
}

static guint16
get_member_port (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  value = json_node_get_int (node);

  return value >= 0 && value <= G_MAXUINT16 ? (guint16) value : 0;
}

static const char *
keep_string (MdProvider *self,
             char       *string)
{
  if (string != NULL)
    g_ptr_array_add (self->server_strings, string);
  return string;
}

static MdProvider *
provider_from_object (JsonObject  *object,
                      GError     **error)
{
  g_autoptr(MdProvider) self = g_object_new (MD_TYPE_PROVIDER, NULL);
  JsonNode *node;

  self->id = dup_member_string (object, "id");
  self->name = dup_member_url (object, "name");
  if (self->id == NULL || self->name == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "a provider has no id or no name");
      return NULL;
    }

  self->mx_match = dup_member_strv (object, "mx_match");
  self->mx_legacy = dup_member_strv (object, "mx_legacy");
  self->mx_alternatives = dup_member_strv (object, "mx_alternatives");
  self->spf_include = dup_member_string (object, "spf_include");
  self->webmail_url = dup_member_url (object, "webmail_url");
  self->control_panel_url = dup_member_url (object, "control_panel_url");
  self->password_reset_url = dup_member_url (object, "password_reset_url");
  self->status_page_url = dup_member_url (object, "status_page_url");
  self->status_api_url = dup_member_url (object, "status_api_url");

  node = json_object_get_member (object, "mx");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          MxTemplate mx = { 0, };

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          mx.host = dup_member_string (json_node_get_object (element), "host");
          mx.priority = get_member_port (json_node_get_object (element), "priority");
          if (mx.host != NULL)
            g_array_append_val (self->mx, mx);
        }
    }

  node = json_object_get_member (object, "autodiscover");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *srv = json_node_get_object (node);

      self->has_autodiscover = TRUE;
      self->autodiscover_port = get_member_port (srv, "port");
      if (self->autodiscover_port == 0)
        self->autodiscover_port = 443;
      self->autodiscover_targets = dup_member_strv (srv, "targets");
    }
  else
    self->autodiscover_targets = g_new0 (char *, 1);

  node = json_object_get_member (object, "client");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      static const char * const protocols[] = { "imap", "pop", "smtp" };
      JsonObject *client = json_node_get_object (node);

      for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
        {
          JsonNode *server_node = json_object_get_member (client, protocols[i]);
          MdProviderServer server = { protocols[i], };

          if (server_node == NULL || !JSON_NODE_HOLDS_OBJECT (server_node))
            continue;
          server.host = keep_string (self, dup_member_string (json_node_get_object (server_node), "host"));
          server.port = get_member_port (json_node_get_object (server_node), "port");
          server.security = keep_string (self, dup_member_string (json_node_get_object (server_node), "security"));
          if (server.host != NULL && server.port != 0)
            g_array_append_val (self->servers, server);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * md_provider_parse_all:
 *
 * Parses a providers document (the shape of data/providers.json). Entries
 * that are not objects are skipped; one without id or name fails the whole
 * document, so that a broken edit of the data is caught by the tests.
 */
GPtrArray *
md_provider_parse_all (const char  *json,
                       gssize       length,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root, *list;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (list = json_object_get_member (json_node_get_object (root), "providers")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no “providers” list");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);
      MdProvider *provider;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      if ((provider = provider_from_object (json_node_get_object (element), error)) == NULL)
        return NULL;
      g_ptr_array_add (providers, provider);
    }

  return g_steal_pointer (&providers);
}

MdProvider *
md_provider_new_from_json (const char  *json,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GPtrArray) all = md_provider_parse_all (json, length, error);

  if (all == NULL)
    return NULL;
  if (all->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no provider");
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (all, 0));
}

/* Loaded on first use, never on the start-up path. */
GPtrArray *
md_provider_get_all (void)
{
  static GPtrArray *all;

  if (g_once_init_enter (&all))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (PROVIDERS_RESOURCE, 0, &error);
      GPtrArray *loaded = NULL;

      if (bytes != NULL)
        loaded = md_provider_parse_all (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      if (loaded == NULL)
        {
          g_critical ("Cannot load the provider data: %s", error->message);
          loaded = g_ptr_array_new_with_free_func (g_object_unref);
        }
      g_once_init_leave (&all, loaded);
    }

  return all;
}

MdProvider *
md_provider_lookup (const char *id)
{
  GPtrArray *all = md_provider_get_all ();

  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (all, i);

      if (g_ascii_strcasecmp (provider->id, id) == 0)
        return provider;
    }

  return NULL;
}

/* 2 for a host named exactly, 1 for a host under a matching suffix. */
static int
match_score (MdProvider *self,
             const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  gsize len = strlen (lower);
  int best = 0;

  if (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';

  for (guint i = 0; self->mx_match[i] != NULL; i++)
    {
      const char *pattern = self->mx_match[i];

      if (pattern[0] == '.' ? g_str_has_suffix (lower, pattern) : g_str_equal (lower, pattern))
        best = MAX (best, pattern[0] == '.' ? 1 : 2);
    }

  return best;
}

gboolean
md_provider_matches_host (MdProvider *self,
                          const char *host)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  return match_score (self, host) > 0;
}

static gboolean
strv_has_host (GStrv       strv,
               const char *host)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  return strv != NULL && g_strv_contains ((const char * const *) strv, lower);
}

/**
 * md_provider_detect_full:
 * @mx_hosts: the MX hosts of a domain, %NULL-terminated
 * @autodiscover_targets: (nullable): the targets of its autodiscover SRV
 *   records, %NULL-terminated
 *
 * Returns: (transfer none) (nullable): the provider that most of the hosts
 *   belong to; a host named exactly counts more than a suffix. Between
 *   providers that the MX hosts fit equally well (offers of one company that
 *   share their MX servers), the one whose autodiscover target the domain
 *   names wins; otherwise the first in the data.
 */
MdProvider *
md_provider_detect_full (const char * const *mx_hosts,
                         const char * const *autodiscover_targets)
{
  GPtrArray *all = md_provider_get_all ();
  MdProvider *best = NULL;
  int best_score = 0;

  g_return_val_if_fail (mx_hosts != NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (all, i);
      int score = 0;

      for (guint j = 0; mx_hosts[j] != NULL; j++)
        score += match_score (provider, mx_hosts[j]) * 2;
      if (score > 0 && autodiscover_targets != NULL && provider->has_autodiscover)
        for (guint j = 0; autodiscover_targets[j] != NULL; j++)
          if (strv_has_host (provider->autodiscover_targets, autodiscover_targets[j]))
            {
              score++;
              break;
            }
      if (score > best_score)
        {
          best = provider;
          best_score = score;
        }
    }

  return best;
}

/* TRUE when the MX hosts fit several providers equally well and one of them
 * has autodiscover targets: only the autodiscover record tells them apart. */
gboolean
md_provider_detect_needs_autodiscover (const char * const *mx_hosts)
{
  GPtrArray *all = md_provider_get_all ();
  int best_score = 0;
  guint n_best = 0;
  gboolean with_targets = FALSE;

  g_return_val_if_fail (mx_hosts != NULL, FALSE);

  for (guint i = 0; i < all->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (all, i);
      int score = 0;

      for (guint j = 0; mx_hosts[j] != NULL; j++)
        score += match_score (provider, mx_hosts[j]);
      if (score == 0 || score < best_score)
        continue;
      if (score > best_score)
        {
          best_score = score;
          n_best = 0;
          with_targets = FALSE;
        }
      n_best++;
      with_targets |= provider->has_autodiscover && provider->autodiscover_targets[0] != NULL;
    }

  return n_best > 1 && with_targets;
}

MdProvider *
md_provider_detect (const char * const *mx_hosts)
{
  return md_provider_detect_full (mx_hosts, NULL);
}

#define GETTER(name) \
  const char * \
  md_provider_get_##name (MdProvider *self) \
  { \
    g_return_val_if_fail (MD_IS_PROVIDER (self), NULL); \
    return self->name; \
  }

GETTER (id)
GETTER (name)
GETTER (webmail_url)
GETTER (control_panel_url)
GETTER (password_reset_url)
GETTER (status_page_url)
GETTER (status_api_url)
GETTER (spf_include)

GPtrArray *
md_provider_dup_expected_mx (MdProvider *self,
                             const char *domain)
{
  GPtrArray *expected = g_ptr_array_new_with_free_func ((GDestroyNotify) md_provider_mx_free);
  g_autofree char *dashed = NULL;

  g_return_val_if_fail (MD_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  dashed = g_strdelimit (g_ascii_strdown (domain, -1), ".", '-');
  for (guint i = 0; i < self->mx->len; i++)
    {
      const MxTemplate *tmpl = &g_array_index (self->mx, MxTemplate, i);
      MdProviderMx *mx = g_new0 (MdProviderMx, 1);
      g_auto(GStrv) parts = g_strsplit (tmpl->host, "{domain-dashed}", -1);

      mx->priority = tmpl->priority;
      mx->host = g_strjoinv (dashed, parts);
      g_ptr_array_add (expected, mx);
    }

  return expected;
}


gboolean
md_provider_is_legacy_mx (MdProvider *self,
                          const char *host)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), FALSE);
  return strv_has_host (self->mx_legacy, host);
}

gboolean
md_provider_is_alternative_mx (MdProvider *self,
                               const char *host)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), FALSE);
  return strv_has_host (self->mx_alternatives, host);
}

gboolean
md_provider_has_autodiscover (MdProvider *self)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), FALSE);
  return self->has_autodiscover;
}

guint16
md_provider_get_autodiscover_port (MdProvider *self)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), 0);
  return self->autodiscover_port;
}

const char * const *
md_provider_get_autodiscover_targets (MdProvider *self)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), NULL);
  return (const char * const *) self->autodiscover_targets;
}

const MdProviderServer *
md_provider_get_servers (MdProvider *self,
                         guint      *n_servers)
{
  g_return_val_if_fail (MD_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (n_servers != NULL, NULL);

  *n_servers = self->servers->len;
  return (const MdProviderServer *) (gpointer) self->servers->data;
}
