/* md-spf.c — parse SPF (RFC 7208) and DMARC (RFC 7489) records
 *
 * Untrusted text straight from DNS: every input gives a record, with the
 * problems listed in its errors; nothing here fails or reads past the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "md-spf.h"

static const struct {
  const char *name;
  MdSpfKind   kind;
  gboolean    needs_value;
} mechanisms[] = {
  { "all", MD_SPF_ALL, FALSE },
  { "include", MD_SPF_INCLUDE, TRUE },
  { "a", MD_SPF_A, FALSE },
  { "mx", MD_SPF_MX, FALSE },
  { "ptr", MD_SPF_PTR, FALSE },
  { "ip4", MD_SPF_IP4, TRUE },
  { "ip6", MD_SPF_IP6, TRUE },
  { "exists", MD_SPF_EXISTS, TRUE },
};

gboolean
md_spf_is_spf (const char *txt)
{
  return txt != NULL && g_ascii_strncasecmp (txt, "v=spf1", 6) == 0 &&
         (txt[6] == '\0' || txt[6] == ' ');
}

gboolean
md_spf_kind_costs_lookup (MdSpfKind kind)
{
  /* RFC 7208 §4.6.4: these ask the DNS again; ip4, ip6 and all do not. */
  return kind == MD_SPF_INCLUDE || kind == MD_SPF_A || kind == MD_SPF_MX ||
         kind == MD_SPF_PTR || kind == MD_SPF_EXISTS || kind == MD_SPF_REDIRECT;
}

static void
term_free (gpointer data)
{
  MdSpfTerm *term = data;

  g_free (term->value);
  g_free (term->text);
  g_free (term);
}

void
md_spf_record_free (MdSpfRecord *record)
{
  if (record == NULL)
    return;
  g_ptr_array_unref (record->terms);
  g_ptr_array_unref (record->errors);
  g_free (record);
}

static void
add_term (MdSpfRecord *record,
          char         qualifier,
          MdSpfKind    kind,
          const char  *value,
          const char  *text)
{
  MdSpfTerm *term = g_new0 (MdSpfTerm, 1);

  term->qualifier = qualifier;
  term->kind = kind;
  term->value = value != NULL && *value != '\0' ? g_ascii_strdown (value, -1) : NULL;
  term->text = g_strdup (text);
  g_ptr_array_add (record->terms, term);
}

/* "192.0.2.0/24", "2001:db8::/32": an address of @family and an optional prefix length. */
static gboolean
is_network (const char     *value,
            GSocketFamily   family)
{
  g_autofree char *address = g_strdup (value);
  char *slash = strchr (address, '/');
  g_autoptr(GInetAddress) parsed = NULL;
  guint64 prefix;

  if (slash != NULL)
    {
      *slash = '\0';
      if (!g_ascii_string_to_unsigned (slash + 1, 10, 0, family == G_SOCKET_FAMILY_IPV4 ? 32 : 128, &prefix, NULL))
        return FALSE;
    }
  parsed = g_inet_address_new_from_string (address);

  return parsed != NULL && g_inet_address_get_family (parsed) == family;
}

MdSpfRecord *
md_spf_parse (const char *txt)
{
  MdSpfRecord *record = g_new0 (MdSpfRecord, 1);
  g_auto(GStrv) words = NULL;
  g_autofree char *valid = NULL;
  gboolean seen_redirect = FALSE;

  record->terms = g_ptr_array_new_with_free_func (term_free);
  record->errors = g_ptr_array_new_with_free_func (g_free);

  if (txt == NULL || !md_spf_is_spf (txt))
    {
      g_ptr_array_add (record->errors, g_strdup (_("The record does not start with “v=spf1”.")));
      return record;
    }

  valid = g_utf8_make_valid (txt + 6, -1);
  words = g_strsplit_set (valid, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      const char *name = word;
      char qualifier = '+';
      const char *eq, *colon;
      gboolean known = FALSE;

      if (*word == '\0')
        continue;

      eq = strchr (word, '=');
      colon = strchr (word, ':');
      if (eq != NULL && (colon == NULL || eq < colon))
        {
          g_autofree char *modifier = g_ascii_strdown (word, eq - word);

          if (g_str_equal (modifier, "redirect"))
            {
              if (seen_redirect)
                g_ptr_array_add (record->errors, g_strdup (_("“redirect=” appears more than once.")));
              seen_redirect = TRUE;
              add_term (record, '+', MD_SPF_REDIRECT, eq + 1, word);
            }
          else if (g_str_equal (modifier, "exp"))
            add_term (record, '+', MD_SPF_EXP, eq + 1, word);
          /* Unknown modifiers are allowed and ignored (§6). */
          continue;
        }

      if (strchr ("+-~?", *name) != NULL)
        qualifier = *name++;

      for (guint m = 0; m < G_N_ELEMENTS (mechanisms); m++)
        {
          gsize len = strlen (mechanisms[m].name);
          const char *value = NULL;

          if (g_ascii_strncasecmp (name, mechanisms[m].name, len) != 0 ||
              (name[len] != '\0' && name[len] != ':' && name[len] != '/'))
            continue;
          known = TRUE;
          if (name[len] == ':')
            value = name + len + 1;
          if (mechanisms[m].needs_value && (value == NULL || *value == '\0'))
            g_ptr_array_add (record->errors,
                             g_strdup_printf (_("“%s” needs a value after a colon."), word));
          else if (mechanisms[m].kind == MD_SPF_ALL && name[len] != '\0')
            g_ptr_array_add (record->errors, g_strdup_printf (_("“%s” takes no value."), word));
          else if ((mechanisms[m].kind == MD_SPF_IP4 || mechanisms[m].kind == MD_SPF_IP6) &&
                   !is_network (value, mechanisms[m].kind == MD_SPF_IP4 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6))
            g_ptr_array_add (record->errors,
                             g_strdup_printf (mechanisms[m].kind == MD_SPF_IP4
                                              ? _("“%s” is not an IPv4 address or network.")
                                              : _("“%s” is not an IPv6 address or network."), word));
          else
            add_term (record, qualifier, mechanisms[m].kind, value, word);
          break;
        }

      if (!known)
        g_ptr_array_add (record->errors,
                         g_strdup_printf (_("“%s” is not an SPF mechanism."), word));
    }

  return record;
}

gboolean
md_dmarc_is_dmarc (const char *txt)
{
  const char *p = txt;

  if (p == NULL)
    return FALSE;
  while (*p == ' ' || *p == '\t')
    p++;
  if (g_ascii_strncasecmp (p, "v", 1) != 0)
    return FALSE;
  for (p++; *p == ' ' || *p == '\t'; p++)
    ;
  if (*p++ != '=')
    return FALSE;
  while (*p == ' ' || *p == '\t')
    p++;
  if (strncmp (p, "DMARC1", 6) != 0)
    return FALSE;
  for (p += 6; *p == ' ' || *p == '\t'; p++)
    ;

  return *p == ';' || *p == '\0';
}

void
md_dmarc_record_free (MdDmarcRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->policy);
  g_free (record->subdomain_policy);
  g_ptr_array_unref (record->aggregate_reports);
  g_ptr_array_unref (record->failure_reports);
  g_ptr_array_unref (record->errors);
  g_free (record);
}

static gboolean
is_policy (const char *value)
{
  return g_str_equal (value, "none") || g_str_equal (value, "quarantine") || g_str_equal (value, "reject");
}

/* "mailto:dmarc@example.fr" and, rarely, "https:…"; a bare address is a
 * common mistake that receivers ignore. */
static void
add_report_uris (MdDmarcRecord *record,
                 GPtrArray     *uris,
                 const char    *tag,
                 const char    *value)
{
  g_auto(GStrv) list = g_strsplit (value, ",", -1);

  for (guint j = 0; list[j] != NULL; j++)
    {
      const char *uri = g_strstrip (list[j]);

      if (*uri == '\0')
        continue;
      if (strchr (uri, ':') == NULL)
        g_ptr_array_add (record->errors,
                         g_strdup_printf (_("“%s=%s” lacks “mailto:”: receivers ignore an address written without it."),
                                          tag, uri));
      else
        g_ptr_array_add (uris, g_strdup (uri));
    }
}

MdDmarcRecord *
md_dmarc_parse (const char *txt)
{
  MdDmarcRecord *record = g_new0 (MdDmarcRecord, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *valid = NULL;
  g_auto(GStrv) tags = NULL;

  record->percent = 100;
  record->aggregate_reports = g_ptr_array_new_with_free_func (g_free);
  record->failure_reports = g_ptr_array_new_with_free_func (g_free);
  record->errors = g_ptr_array_new_with_free_func (g_free);

  if (!md_dmarc_is_dmarc (txt))
    {
      g_ptr_array_add (record->errors, g_strdup (_("The record does not start with “v=DMARC1”.")));
      return record;
    }

  valid = g_utf8_make_valid (txt, -1);
  tags = g_strsplit (valid, ";", -1);
  g_hash_table_add (seen, g_strdup ("v"));
  for (guint i = 1; tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));
      char *eq = strchr (tag, '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*tag == '\0')
        continue;
      if (eq == NULL)
        {
          g_ptr_array_add (record->errors, g_strdup_printf (_("“%s” is not of the form tag=value."), tag));
          continue;
        }
      name = g_strstrip (g_ascii_strdown (tag, eq - tag));
      value = g_strstrip (g_ascii_strdown (eq + 1, -1));
      if (g_hash_table_contains (seen, name))
        {
          g_ptr_array_add (record->errors, g_strdup_printf (_("The tag “%s” appears more than once."), name));
          continue;
        }
      g_hash_table_add (seen, g_strdup (name));

      if (g_str_equal (name, "p") || g_str_equal (name, "sp"))
        {
          if (!is_policy (value))
            g_ptr_array_add (record->errors,
                             g_strdup_printf (_("The policy “%s” is not none, quarantine or reject."), value));
          else if (g_str_equal (name, "p"))
            record->policy = g_strdup (value);
          else
            record->subdomain_policy = g_strdup (value);
        }
      else if (g_str_equal (name, "pct"))
        {
          guint64 pct;

          if (!g_ascii_string_to_unsigned (value, 10, 0, 100, &pct, NULL))
            g_ptr_array_add (record->errors, g_strdup_printf (_("“pct=%s” is not a number from 0 to 100."), value));
          else
            record->percent = (int) pct;
        }
      else if (g_str_equal (name, "adkim") || g_str_equal (name, "aspf"))
        {
          if (!g_str_equal (value, "r") && !g_str_equal (value, "s"))
            g_ptr_array_add (record->errors,
                             g_strdup_printf (_("“%s=%s” must be “r” (relaxed) or “s” (strict)."), name, value));
        }
      else if (g_str_equal (name, "rua"))
        add_report_uris (record, record->aggregate_reports, name, value);
      else if (g_str_equal (name, "ruf"))
        add_report_uris (record, record->failure_reports, name, value);
    }

  if (record->policy == NULL)
    g_ptr_array_add (record->errors, g_strdup (_("The record has no policy (the “p=” tag).")));

  return record;
}
