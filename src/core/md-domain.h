/* md-domain.h — turn what people type into a domain to diagnose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MD_DOMAIN_ERROR (md_domain_error_quark ())

typedef enum {
  MD_DOMAIN_ERROR_EMPTY,
  MD_DOMAIN_ERROR_SPACES,
  MD_DOMAIN_ERROR_IP_ADDRESS,
  MD_DOMAIN_ERROR_LABEL_TOO_LONG,
  MD_DOMAIN_ERROR_NAME_TOO_LONG,
  MD_DOMAIN_ERROR_INVALID_CHARACTER,
  MD_DOMAIN_ERROR_NO_DOT,
  MD_DOMAIN_ERROR_EMPTY_LABEL,
} MdDomainError;

GQuark  md_domain_error_quark (void);

/* Accepts "User@Example.FR", "example.fr.", "  example.fr ", "müller.de",
 * "https://www.example.fr/path". Returns the ASCII (punycode) domain in lower
 * case, or NULL with a translated, precise message. @out_unicode gets the
 * name as people read it, @out_local_part what stood before the "@". */
char   *md_domain_normalize   (const char  *input,
                               char       **out_unicode,
                               char       **out_local_part,
                               GError     **error);
char   *md_domain_organizational (const char *domain);

G_END_DECLS
