/* md-rdap.c — RDAP client: the IANA bootstrap (shipped, cached, refreshed)
 * and the domain object of a registry, parsed with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "md-json.h"
#include "md-rdap.h"

#define IANA_BOOTSTRAP_URL     "https://data.iana.org/rdap/dns.json"
#define SHIPPED_BOOTSTRAP_PATH "/io/github/maildoctor/MailDoctor/core/rdap-dns.json"
#define CACHE_FILE_NAME        "rdap-dns.json"
#define CACHE_MAX_AGE_SECONDS  (7 * 24 * 3600)

G_DEFINE_QUARK (md-rdap-error-quark, md_rdap_error)

struct _MdRdapBootstrap {
  GHashTable            *services;  /* lower-case label sequence → base URL */
  char                  *publication;
  MdRdapBootstrapSource  source;
};

MdRdapFlags
md_rdap_status_to_flag (const char *status)
{
  static const struct {
    const char  *name;
    MdRdapFlags  flag;
  } flags[] = {
    { "clienthold", MD_RDAP_FLAG_CLIENT_HOLD },
    { "serverhold", MD_RDAP_FLAG_SERVER_HOLD },
    { "redemptionperiod", MD_RDAP_FLAG_REDEMPTION_PERIOD },
    { "pendingdelete", MD_RDAP_FLAG_PENDING_DELETE },
    { "pendingrestore", MD_RDAP_FLAG_PENDING_RESTORE },
    { "inactive", MD_RDAP_FLAG_INACTIVE },
  };
  g_autoptr(GString) key = NULL;

  g_return_val_if_fail (status != NULL, MD_RDAP_FLAG_NONE);

  /* RDAP writes "client hold" (RFC 8056), some registries keep EPP's
   * "clientHold": compare without case, spaces, dashes or underscores. */
  key = g_string_new (NULL);
  for (const char *p = status; *p != '\0'; p++)
    if (*p != ' ' && *p != '_' && *p != '-')
      g_string_append_c (key, g_ascii_tolower (*p));

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (g_str_equal (key->str, flags[i].name))
      return flags[i].flag;

  return MD_RDAP_FLAG_NONE;
}

void
md_rdap_domain_free (MdRdapDomain *domain)
{
  if (domain == NULL)
    return;

  g_free (domain->ldh_name);
  g_free (domain->handle);
  g_strfreev (domain->status);
  g_clear_pointer (&domain->registration, g_date_time_unref);
  g_clear_pointer (&domain->expiration, g_date_time_unref);
  g_clear_pointer (&domain->last_changed, g_date_time_unref);
  g_clear_pointer (&domain->deletion, g_date_time_unref);
  g_free (domain->registrar);
  g_free (domain->registrar_iana_id);
  g_free (domain->registrar_url);
  g_strfreev (domain->nameservers);
  g_free (domain);
}

static GDateTime *
parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (text == NULL)
    return NULL;

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (text, utc);
}

static void
parse_events (MdRdapDomain *domain,
              JsonArray    *events)
{
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonObject *event = md_json_element_object (events, i);
      const char *action;
      GDateTime **slot = NULL;

      if (event == NULL || (action = md_json_member_string (event, "eventAction")) == NULL)
        continue;

      if (g_ascii_strcasecmp (action, "registration") == 0)
        slot = &domain->registration;
      else if (g_ascii_strcasecmp (action, "expiration") == 0)
        slot = &domain->expiration;
      else if (g_ascii_strcasecmp (action, "last changed") == 0)
        slot = &domain->last_changed;
      else if (g_ascii_strcasecmp (action, "deletion") == 0)
        slot = &domain->deletion;

      /* The first date of each kind wins; a repeated event does not leak. */
      if (slot != NULL && *slot == NULL)
        *slot = parse_date (md_json_member_string (event, "eventDate"));
    }
}

/* jCard (RFC 7095): ["vcard", [["fn", {}, "text", "Name"], …]] */
static const char *
vcard_property (JsonObject *entity,
                const char *property)
{
  JsonArray *vcard = md_json_member_array (entity, "vcardArray");
  JsonArray *properties;

  if (vcard == NULL || json_array_get_length (vcard) < 2
      || (properties = md_json_element_array (vcard, 1)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (properties); i++)
    {
      JsonArray *item = md_json_element_array (properties, i);
      const char *name;

      if (item == NULL || json_array_get_length (item) < 4)
        continue;
      name = md_json_element_string (item, 0);
      if (name != NULL && g_ascii_strcasecmp (name, property) == 0)
        return md_json_element_string (item, 3);
    }

  return NULL;
}

static gboolean
entity_has_role (JsonObject *entity,
                 const char *role)
{
  JsonArray *roles = md_json_member_array (entity, "roles");

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      const char *value = md_json_element_string (roles, i);

      if (value != NULL && g_ascii_strcasecmp (value, role) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
parse_registrar (MdRdapDomain *domain,
                 JsonArray    *entities)
{
  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = md_json_element_object (entities, i);
      JsonArray *ids;
      const char *name;

      if (entity == NULL || !entity_has_role (entity, "registrar"))
        continue;

      name = vcard_property (entity, "fn");
      if (name == NULL || *name == '\0')
        name = md_json_member_string (entity, "handle");
      if (name == NULL || *name == '\0')
        continue;

      domain->registrar = g_strdup (name);
      domain->registrar_url = g_strdup (vcard_property (entity, "url"));

      ids = md_json_member_array (entity, "publicIds");
      for (guint j = 0; ids != NULL && j < json_array_get_length (ids); j++)
        {
          JsonObject *id = md_json_element_object (ids, j);
          const char *type = id != NULL ? md_json_member_string (id, "type") : NULL;

          if (type != NULL && g_ascii_strcasecmp (type, "IANA Registrar ID") == 0)
            {
              domain->registrar_iana_id = g_strdup (md_json_member_string (id, "identifier"));
              break;
            }
        }
      return;
    }
}

MdRdapDomain *
md_rdap_domain_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(MdRdapDomain) domain = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GStrvBuilder) status = NULL;
  g_autoptr(GStrvBuilder) nameservers = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *class_name;

  root = md_json_parse (data, length, &json_error);
  if (root == NULL)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID, json_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID,
                           _("The registry's answer is not an RDAP domain record"));
      return NULL;
    }

  object = json_node_get_object (root);
  class_name = md_json_member_string (object, "objectClassName");
  if ((class_name != NULL && g_ascii_strcasecmp (class_name, "domain") != 0)
      || (class_name == NULL && md_json_member_string (object, "ldhName") == NULL))
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID,
                           _("The registry's answer is not an RDAP domain record"));
      return NULL;
    }

  domain = g_new0 (MdRdapDomain, 1);
  domain->ldh_name = g_ascii_strdown (md_json_member_string (object, "ldhName") != NULL
                                      ? md_json_member_string (object, "ldhName") : "", -1);
  domain->handle = g_strdup (md_json_member_string (object, "handle"));

  status = g_strv_builder_new ();
  array = md_json_member_array (object, "status");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *value = md_json_element_string (array, i);

      if (value == NULL)
        continue;
      g_strv_builder_add (status, value);
      domain->flags |= md_rdap_status_to_flag (value);
    }
  domain->status = g_strv_builder_end (status);

  parse_events (domain, md_json_member_array (object, "events"));
  parse_registrar (domain, md_json_member_array (object, "entities"));

  nameservers = g_strv_builder_new ();
  array = md_json_member_array (object, "nameservers");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *nameserver = md_json_element_object (array, i);
      const char *name = nameserver != NULL ? md_json_member_string (nameserver, "ldhName") : NULL;

      if (name != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (name, -1);

          g_strv_builder_add (nameservers, lower);
        }
    }
  domain->nameservers = g_strv_builder_end (nameservers);

  return g_steal_pointer (&domain);
}

MdRdapDomain *
md_rdap_domain_from_response (const MdHttpResponse  *response,
                              GError               **error)
{
  g_return_val_if_fail (response != NULL, NULL);

  if (response->error != NULL)
    {
      g_propagate_error (error, g_error_copy (response->error));
      return NULL;
    }

  if (response->status == SOUP_STATUS_NOT_FOUND)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_NOT_FOUND,
                           _("The registry has no record of this domain name"));
      return NULL;
    }

  if (response->status == 429 /* Too Many Requests, RFC 6585 */)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_RATE_LIMITED,
                           _("The registry refuses more requests for now"));
      return NULL;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_set_error (error, MD_RDAP_ERROR, MD_RDAP_ERROR_HTTP,
                   _("The registry answered with an error (HTTP %u %s)"),
                   response->status, response->reason != NULL ? response->reason : "");
      return NULL;
    }

  if (response->body == NULL)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID,
                           _("The answer is empty"));
      return NULL;
    }

  return md_rdap_domain_parse (g_bytes_get_data (response->body, NULL),
                               g_bytes_get_size (response->body), error);
}

char *
md_rdap_domain_url (const char *base_url,
                    const char *domain)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  /* RFC 9224: base URLs end with a slash, but not all bootstraps obey. */
  return g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/",
                      "domain/", domain, NULL);
}

char *
md_rdap_registry_url (const char *tld)
{
  static const struct {
    const char *tld;
    const char *url;
  } registries[] = {
    { "at", "https://www.nic.at/" },
    { "be", "https://www.dnsbelgium.be/" },
    { "ca", "https://www.cira.ca/" },
    { "ch", "https://www.nic.ch/" },
    { "de", "https://www.denic.de/" },
    { "dk", "https://punktum.dk/" },
    { "es", "https://www.dominios.es/" },
    { "eu", "https://eurid.eu/" },
    { "ie", "https://www.weare.ie/" },
    { "it", "https://www.nic.it/" },
    { "li", "https://www.nic.li/" },
    { "lu", "https://www.dns.lu/" },
    { "pl", "https://www.dns.pl/" },
    { "pt", "https://www.pt.pt/" },
    { "se", "https://internetstiftelsen.se/" },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (tld != NULL, NULL);

  lower = g_ascii_strdown (tld, -1);
  for (guint i = 0; i < G_N_ELEMENTS (registries); i++)
    if (g_str_equal (lower, registries[i].tld))
      return g_strdup (registries[i].url);

  /* IANA's root zone database names every TLD's registry. */
  return g_strdup_printf ("https://www.iana.org/domains/root/db/%s.html", lower);
}

/* --- The bootstrap ------------------------------------------------------ */

void
md_rdap_bootstrap_free (MdRdapBootstrap *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->services);
  g_free (self->publication);
  g_free (self);
}

static const char *
pick_base_url (JsonArray *urls)
{
  const char *fallback = NULL;

  /* RFC 9224 §3: prefer HTTPS when a service offers both. */
  for (guint i = 0; urls != NULL && i < json_array_get_length (urls); i++)
    {
      const char *url = md_json_element_string (urls, i);

      if (url == NULL)
        continue;
      if (g_ascii_strncasecmp (url, "https://", 8) == 0)
        return url;
      if (fallback == NULL && g_ascii_strncasecmp (url, "http://", 7) == 0)
        fallback = url;
    }

  return fallback;
}

MdRdapBootstrap *
md_rdap_bootstrap_parse (const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(MdRdapBootstrap) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonArray *services;

  root = md_json_parse (data, length, &json_error);
  if (root == NULL)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID, json_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root)
      || (services = md_json_member_array (json_node_get_object (root), "services")) == NULL)
    {
      g_set_error_literal (error, MD_RDAP_ERROR, MD_RDAP_ERROR_INVALID,
                           _("This is not an RDAP bootstrap file"));
      return NULL;
    }

  self = g_new0 (MdRdapBootstrap, 1);
  self->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->publication = g_strdup (md_json_member_string (json_node_get_object (root), "publication"));

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonArray *service = md_json_element_array (services, i);
      JsonArray *entries;
      const char *url;

      if (service == NULL || json_array_get_length (service) < 2
          || (entries = md_json_element_array (service, 0)) == NULL
          || (url = pick_base_url (md_json_element_array (service, 1))) == NULL)
        continue;

      for (guint j = 0; j < json_array_get_length (entries); j++)
        {
          const char *entry = md_json_element_string (entries, j);

          if (entry != NULL && *entry != '\0')
            g_hash_table_insert (self->services, g_ascii_strdown (entry, -1), g_strdup (url));
        }
    }

  return g_steal_pointer (&self);
}

MdRdapBootstrap *
md_rdap_bootstrap_new_shipped (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MdRdapBootstrap *self;

  bytes = g_resources_lookup_data (SHIPPED_BOOTSTRAP_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    self = md_rdap_bootstrap_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  else
    self = NULL;

  /* The snapshot is built in: failing to read it is a packaging bug. */
  if (self == NULL)
    {
      g_critical ("The shipped RDAP bootstrap is unusable: %s", error->message);
      self = g_new0 (MdRdapBootstrap, 1);
      self->services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  self->source = MD_RDAP_BOOTSTRAP_SHIPPED;
  return self;
}

const char *
md_rdap_bootstrap_lookup (MdRdapBootstrap *self,
                          const char      *domain)
{
  g_autofree char *lower = NULL;
  const char *suffix;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  lower = g_ascii_strdown (domain, -1);
  if (g_str_has_suffix (lower, "."))
    lower[strlen (lower) - 1] = '\0';

  /* RFC 9224 §4: the longest matching label sequence wins. */
  for (suffix = lower; suffix != NULL; )
    {
      const char *url = g_hash_table_lookup (self->services, suffix);
      const char *dot;

      if (url != NULL)
        return url;
      dot = strchr (suffix, '.');
      suffix = dot != NULL ? dot + 1 : NULL;
    }

  return NULL;
}

const char *
md_rdap_bootstrap_get_publication (MdRdapBootstrap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->publication;
}

MdRdapBootstrapSource
md_rdap_bootstrap_get_source (MdRdapBootstrap *self)
{
  g_return_val_if_fail (self != NULL, MD_RDAP_BOOTSTRAP_SHIPPED);

  return self->source;
}

typedef struct {
  SoupSession     *session;
  GFile           *cache_file;
  MdRdapBootstrap *local;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->cache_file);
  g_clear_pointer (&data->local, md_rdap_bootstrap_free);
  g_free (data);
}

static GFile *
cache_file_new (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME,
                                            CACHE_FILE_NAME, NULL);

  return g_file_new_for_path (path);
}

static void
on_cache_saved (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The copy in memory is used either way; the cache only saves a download. */
  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_debug ("Could not cache the RDAP bootstrap: %s", error->message);
}

static void
on_bootstrap_fetched (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(MdHttpResponse) response = md_http_fetch_finish (result);
  g_autoptr(MdRdapBootstrap) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_error_matches (response->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&response->error));
      return;
    }

  if (md_http_response_is_success (response) && response->body != NULL)
    fresh = md_rdap_bootstrap_parse (g_bytes_get_data (response->body, NULL),
                                     g_bytes_get_size (response->body), &error);

  if (fresh == NULL)
    {
      g_debug ("RDAP bootstrap not refreshed from %s: %s", response->url,
               response->error != NULL ? response->error->message
               : error != NULL ? error->message : "HTTP error");
      g_task_return_pointer (task, g_steal_pointer (&data->local),
                             (GDestroyNotify) md_rdap_bootstrap_free);
      return;
    }

  fresh->source = MD_RDAP_BOOTSTRAP_DOWNLOADED;

  parent = g_file_get_parent (data->cache_file);
  if (g_file_make_directory_with_parents (parent, NULL, &error)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_file_replace_contents_bytes_async (data->cache_file, response->body, NULL, FALSE,
                                         G_FILE_CREATE_PRIVATE, NULL, on_cache_saved, NULL);

  g_task_return_pointer (task, g_steal_pointer (&fresh), (GDestroyNotify) md_rdap_bootstrap_free);
}

static void
on_cache_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GCancellable *cancellable;
  const char *url;
  gboolean stale = TRUE;
  gsize length = 0;

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      g_autoptr(MdRdapBootstrap) cached = md_rdap_bootstrap_parse (contents, length, NULL);

      /* An older cache than the shipped snapshot (after an update) is ignored. */
      if (cached != NULL
          && g_strcmp0 (cached->publication, data->local->publication) >= 0)
        {
          cached->source = MD_RDAP_BOOTSTRAP_CACHED;
          md_rdap_bootstrap_free (data->local);
          data->local = g_steal_pointer (&cached);
        }

      info = g_file_query_info (data->cache_file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL)
        {
          g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          stale = modified == NULL
            || g_date_time_difference (now, modified) > (GTimeSpan) CACHE_MAX_AGE_SECONDS * G_TIME_SPAN_SECOND;
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!stale)
    {
      g_task_return_pointer (task, g_steal_pointer (&data->local),
                             (GDestroyNotify) md_rdap_bootstrap_free);
      return;
    }

  url = md_http_get_override (MD_HTTP_OVERRIDE_RDAP_BOOTSTRAP_URL);
  cancellable = g_task_get_cancellable (task);
  md_http_fetch_async (data->session, url != NULL ? url : IANA_BOOTSTRAP_URL,
                       "application/json", MD_HTTP_FETCH_DEFAULT,
                       cancellable, on_bootstrap_fetched, g_steal_pointer (&task));
}

void
md_rdap_bootstrap_load_async (SoupSession         *session,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, md_rdap_bootstrap_load_async);

  data = g_new0 (LoadData, 1);
  data->session = g_object_ref (session);
  data->cache_file = cache_file_new ();
  data->local = md_rdap_bootstrap_new_shipped ();
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  g_file_load_contents_async (data->cache_file, cancellable, on_cache_loaded,
                              g_steal_pointer (&task));
}

MdRdapBootstrap *
md_rdap_bootstrap_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == md_rdap_bootstrap_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
