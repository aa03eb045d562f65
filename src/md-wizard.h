/* md-wizard.h — the "Diagnose" assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "md-check.h"
#include "md-diagnosis.h"
#include "md-provider.h"

G_BEGIN_DECLS

/* What the user says is wrong: it decides which finding leads the summary. */
typedef enum {
  MD_SYMPTOM_NOT_SURE = 0,
  MD_SYMPTOM_CANNOT_RECEIVE,
  MD_SYMPTOM_CANNOT_SEND,
  MD_SYMPTOM_BOUNCES,
} MdSymptom;

/* What only the user can tell: the wizard asks, never guesses. */
typedef enum {
  MD_QUESTION_OFFER_ACTIVE = 0,
  MD_QUESTION_WEBMAIL_WORKS,
  MD_QUESTION_WEBMAIL_LOGIN,
  MD_N_QUESTIONS
} MdQuestion;

typedef enum {
  MD_ANSWER_UNSET = 0,
  MD_ANSWER_YES,
  MD_ANSWER_NO,
  MD_ANSWER_UNSURE,
} MdAnswer;

#define MD_TYPE_WIZARD (md_wizard_get_type ())

G_DECLARE_FINAL_TYPE (MdWizard, md_wizard, MD, WIZARD, AdwBin)

void          md_wizard_set_cancellable        (MdWizard     *self,
                                                GCancellable *cancellable);

/* Navigation */
void          md_wizard_go_next                (MdWizard     *self);
void          md_wizard_go_back                (MdWizard     *self);
void          md_wizard_start_over             (MdWizard     *self);
gboolean      md_wizard_get_can_go_back        (MdWizard     *self);
gboolean      md_wizard_get_can_go_next        (MdWizard     *self);
gboolean      md_wizard_get_has_next           (MdWizard     *self);
const char   *md_wizard_get_page_name          (MdWizard     *self);
GtkWidget    *md_wizard_get_page               (MdWizard     *self,
                                                const char   *name);

/* The diagnosis, started shortly after a valid domain is typed */
void          md_wizard_set_address            (MdWizard     *self,
                                                const char   *domain);
void          md_wizard_start_now              (MdWizard     *self);
void          md_wizard_retry                  (MdWizard     *self);
const char   *md_wizard_get_domain             (MdWizard     *self);
MdDiagnosis  *md_wizard_get_diagnosis          (MdWizard     *self);
gboolean      md_wizard_get_running            (MdWizard     *self);
GListModel   *md_wizard_get_checks             (MdWizard     *self);
MdCheck      *md_wizard_get_check              (MdWizard     *self,
                                                const char   *id);

/* The provider: the user's choice, else the one the MX records name */
MdProvider   *md_wizard_get_provider           (MdWizard     *self);
MdProvider   *md_wizard_get_chosen_provider    (MdWizard     *self);
MdProvider   *md_wizard_get_detected_provider  (MdWizard     *self);
void          md_wizard_choose_provider        (MdWizard     *self,
                                                MdProvider   *provider);

/* What the user said */
MdSymptom     md_wizard_get_symptom            (MdWizard     *self);
void          md_wizard_set_symptom            (MdWizard     *self,
                                                MdSymptom     symptom);
MdAnswer      md_wizard_get_answer             (MdWizard     *self,
                                                MdQuestion    question);
void          md_wizard_set_answer             (MdWizard     *self,
                                                MdQuestion    question,
                                                MdAnswer      answer);

G_END_DECLS
