/* md-diagnosis.h — every check of a domain, run at once, ordered by need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "md-check.h"
#include "md-provider.h"

G_BEGIN_DECLS

#define MD_TYPE_DIAGNOSIS (md_diagnosis_get_type ())

G_DECLARE_FINAL_TYPE (MdDiagnosis, md_diagnosis, MD, DIAGNOSIS, GObject)

/* Validates @input (see md_domain_normalize()); NULL and a translated
 * message when it is not a domain or an e-mail address. */
MdDiagnosis   *md_diagnosis_new                  (const char           *input,
                                                  GError              **error);
const char    *md_diagnosis_get_domain           (MdDiagnosis          *self);   /* ASCII */
const char    *md_diagnosis_get_display_domain   (MdDiagnosis          *self);   /* Unicode */
void           md_diagnosis_set_provider         (MdDiagnosis          *self,
                                                  MdProvider           *provider);
MdProvider    *md_diagnosis_get_provider         (MdDiagnosis          *self);
void           md_diagnosis_set_sending_ip       (MdDiagnosis          *self,
                                                  const char           *ip);
void           md_diagnosis_set_dnsbl_zones      (MdDiagnosis          *self,
                                                  const char * const   *zones);
void           md_diagnosis_set_timeout          (MdDiagnosis          *self,
                                                  guint                 timeout_ms);

/* The nine checks, in the order of the providers' guides: domain, rdap,
 * webmail, maintenance, mx, autodiscover, spf, dmarc, dnsbl. */
GListModel    *md_diagnosis_get_checks           (MdDiagnosis          *self);
MdCheck       *md_diagnosis_get_check            (MdDiagnosis          *self,
                                                  const char           *id);
gboolean       md_diagnosis_get_running          (MdDiagnosis          *self);

void           md_diagnosis_run_async            (MdDiagnosis          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       md_diagnosis_run_finish           (MdDiagnosis          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Most serious first: error, could not check, warning, ok. */
GPtrArray     *md_diagnosis_dup_sorted_checks    (MdDiagnosis          *self);
MdCheckStatus  md_diagnosis_get_overall_status   (MdDiagnosis          *self);
char          *md_diagnosis_to_text              (MdDiagnosis          *self);
JsonNode      *md_diagnosis_to_json              (MdDiagnosis          *self);

G_END_DECLS
