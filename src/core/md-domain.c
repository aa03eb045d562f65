/* md-domain.c — turn what people type into a domain to diagnose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "md-domain.h"

G_DEFINE_QUARK (md-domain-error-quark, md_domain_error)

/* "https://www.example.fr/contact" → "www.example.fr" */
static char *
strip_url (const char *text)
{
  const char *start = strstr (text, "://");
  gsize len;

  if (start == NULL)
    return g_strdup (text);
  start += 3;
  len = strcspn (start, "/?#");

  return g_strndup (start, len);
}

char *
md_domain_normalize (const char  *input,
                     char       **out_unicode,
                     char       **out_local_part,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *local_part = NULL;
  g_auto(GStrv) labels = NULL;
  const char *at;
  gsize len;

  g_return_val_if_fail (input != NULL, NULL);

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_INVALID_CHARACTER,
                           _("This text contains characters that cannot be part of an address."));
      return NULL;
    }

  text = g_strstrip (g_strdup (input));
  if (*text == '\0')
    {
      g_set_error_literal (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_EMPTY,
                           _("Type an e-mail address or a domain name, such as example.fr."));
      return NULL;
    }

  if (g_str_has_prefix (text, "mailto:"))
    memmove (text, text + 7, strlen (text + 7) + 1);

  host = strip_url (text);
  /* A web address names the site; the mail domain is the one behind "www.". */
  if (strstr (text, "://") != NULL && g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);
  if (strpbrk (host, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_SPACES,
                           _("An address or a domain name cannot contain spaces."));
      return NULL;
    }

  at = strrchr (host, '@');
  if (at != NULL)
    {
      local_part = g_strndup (host, at - host);
      memmove (host, at + 1, strlen (at + 1) + 1);
    }

  /* "[2001:db8::1]" or "[192.0.2.1]:25": an address literal, perhaps with a port. */
  if (host[0] == '[' && strchr (host, ']') != NULL)
    {
      g_autofree char *inner = g_strndup (host + 1, strchr (host, ']') - host - 1);

      if (g_hostname_is_ip_address (inner))
        {
          g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_IP_ADDRESS,
                       _("“%s” is an IP address: type the domain name of the e-mail address instead."), inner);
          return NULL;
        }
    }

  /* A colon is a port ("example.fr:443") or an IPv6 address. */
  if (strchr (host, ':') != NULL && !g_hostname_is_ip_address (host))
    host[strcspn (host, ":")] = '\0';

  if (g_hostname_is_ip_address (host))
    {
      g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_IP_ADDRESS,
                   _("“%s” is an IP address: type the domain name of the e-mail address instead."), host);
      return NULL;
    }

  len = strlen (host);
  while (len > 0 && host[len - 1] == '.')
    host[--len] = '\0';
  if (len == 0)
    {
      g_set_error_literal (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_EMPTY,
                           local_part != NULL ? _("There is no domain name after the “@”.")
                                              : _("There is no domain name: only dots."));
      return NULL;
    }

  /* Plain ASCII is judged as typed, so that the message can name what is
   * wrong; anything else is an international name, turned into punycode. */
  if (g_str_is_ascii (host))
    ascii = g_ascii_strdown (host, -1);
  else
    {
      g_autofree char *punycode = g_hostname_to_ascii (host);

      if (punycode == NULL)
        {
          g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_INVALID_CHARACTER,
                       _("“%s” is not a valid domain name."), host);
          return NULL;
        }
      ascii = g_ascii_strdown (punycode, -1);
    }

  if (strlen (ascii) > 253)
    {
      g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_NAME_TOO_LONG,
                   _("This domain name is %u characters long; a domain name has at most 253."),
                   (guint) strlen (ascii));
      return NULL;
    }

  labels = g_strsplit (ascii, ".", -1);
  if (g_strv_length (labels) < 2)
    {
      g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_NO_DOT,
                   _("“%s” has no extension: type the whole domain, such as %s.fr."), host, host);
      return NULL;
    }
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize label_len = strlen (labels[i]);

      if (label_len == 0)
        {
          g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_EMPTY_LABEL,
                       _("“%s” has two dots in a row."), host);
          return NULL;
        }
      if (label_len > 63)
        {
          g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_LABEL_TOO_LONG,
                       _("The part “%.20s…” is %u characters long; each part of a domain name has at most 63."),
                       labels[i], (guint) label_len);
          return NULL;
        }
      for (const char *p = labels[i]; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          {
            g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_INVALID_CHARACTER,
                         _("A domain name cannot contain “%c”."), *p);
            return NULL;
          }
      if (labels[i][0] == '-' || labels[i][label_len - 1] == '-')
        {
          g_set_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_INVALID_CHARACTER,
                       _("A part of a domain name cannot begin or end with a dash."));
          return NULL;
        }
    }

  if (out_unicode != NULL)
    *out_unicode = g_hostname_to_unicode (ascii);
  if (out_local_part != NULL)
    *out_local_part = g_steal_pointer (&local_part);

  return g_steal_pointer (&ascii);
}

/**
 * md_domain_organizational:
 * @domain: an ASCII domain, as md_domain_normalize() gives it
 *
 * The domain its owner registered, one label below a public suffix
 * ("shop.example.co.uk" → "example.co.uk"), as DMARC reads it (RFC 7489
 * §3.2). A top-level domain missing from the Public Suffix List counts as
 * one, as the list's own default rule says.
 *
 * Returns: (transfer full) (nullable): the organisational domain, or %NULL
 *   for a public suffix or an address
 */
char *
md_domain_organizational (const char *domain)
{
  g_autoptr(GError) error = NULL;
  const char *base;
  const char *dot;

  g_return_val_if_fail (domain != NULL, NULL);

  base = soup_tld_get_base_domain (domain, &error);
  if (base != NULL)
    return g_strdup (base);
  if (!g_error_matches (error, SOUP_TLD_ERROR, SOUP_TLD_ERROR_NO_BASE_DOMAIN))
    return NULL;

  /* Unknown top-level domain: the last two labels. */
  dot = strrchr (domain, '.');
  if (dot == NULL || dot == domain)
    return NULL;
  for (dot--; dot > domain && dot[-1] != '.'; dot--)
    ;

  return g_strdup (dot);
}
