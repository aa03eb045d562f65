/* test-wizard.c — the "Diagnose" assistant driven through the real window,
 * against a real DNS server (run under tests/dns/run-with-dns.sh with
 * tests/dns/wizard.conf) and real HTTPS servers on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "md-check-group.h"
#include "md-check-row.h"
#include "md-domain.h"
#include "md-test-ui.h"
#include "md-window.h"
#include "md-wizard.h"
#include "md-wizard-page-start.h"
#include "md-wizard-page-summary.h"

#define CHECKS_TIMEOUT_MS 20000

static char *work_dir;
static SoupServer *server;

/* --- Loopback HTTPS: the registry, the webmail, the status feed ------------ */

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
serve (SoupServer        *soup_server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  if (g_str_has_prefix (path, "/rdap/domain/"))
    {
      const char *name = path + strlen ("/rdap/domain/");
      g_autofree char *expiry = date_in_days (300);

      respond (msg, 200, "application/rdap+json",
               g_strdup_printf ("{\"objectClassName\":\"domain\",\"ldhName\":\"%s\","
                                "\"status\":[\"active\"],"
                                "\"events\":[{\"eventAction\":\"registration\",\"eventDate\":\"2015-03-02T10:00:00Z\"},"
                                "{\"eventAction\":\"expiration\",\"eventDate\":\"%s\"}],"
                                "\"rdapConformance\":[\"rdap_level_0\"]}",
                                name, expiry));
    }
  else if (g_str_equal (path, "/webmail/"))
    respond (msg, 200, "text/html", g_strdup ("<h1>Webmail</h1>"));
  else if (g_str_equal (path, "/api/v2/summary.json"))
    respond (msg, 200, "application/json",
             g_strdup ("{\"page\":{\"id\":\"p\",\"name\":\"Mail\",\"url\":\"https://status.example.test\"},"
                       "\"components\":[{\"id\":\"c\",\"name\":\"Webmail\",\"status\":\"operational\"}],"
                       "\"incidents\":[],\"scheduled_maintenances\":[],"
                       "\"status\":{\"indicator\":\"none\",\"description\":\"All Systems Operational\"}}"));
  else
    respond (msg, 404, "text/html", g_strdup ("<h1>Not Found</h1>"));
}

static void
start_servers (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "http", "make-certs.sh", NULL);
  g_autofree char *pem = g_build_filename (work_dir, "good.pem", NULL);
  g_autofree char *key = g_build_filename (work_dir, "good.key", NULL);
  g_autofree char *ca = g_build_filename (work_dir, "ca.pem", NULL);
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  const char *argv[] = { "sh", script, work_dir, NULL };
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  certificate = g_tls_certificate_new_from_files (pem, key, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));

  /* The engine's documented test redirections; certificates stay verified. */
  g_setenv ("MD_TLS_CA_FILE", ca, TRUE);
  url = g_strconcat (base, "/rdap/", NULL);
  g_setenv ("MD_RDAP_BASE_URL", url, TRUE);
  g_free (url);
  url = g_strconcat (base, "/webmail/", NULL);
  g_setenv ("MD_WEBMAIL_URL", url, TRUE);
  g_free (url);
  url = g_strconcat (base, "/api/v2/summary.json", NULL);
  g_setenv ("MD_STATUS_API_URL", url, TRUE);
}

/* --- Driving the window ------------------------------------------------------ */

static MdWindow *
open_window (int width,
             int height)
{
  GtkApplication *app = md_test_ui_get_app ();
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (app);
  g_assert_true (MD_IS_WINDOW (window));
  gtk_window_set_default_size (window, width, height);
  md_test_ui_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return MD_WINDOW (window);
}

static void
close_window (MdWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  md_test_ui_iterate (200);
  g_assert_null (window);
}

static MdWizard *
get_wizard (MdWindow *window)
{
  GtkWidget *wizard = md_test_ui_find_by_type (GTK_WIDGET (window), MD_TYPE_WIZARD);

  g_assert_nonnull (wizard);
  return MD_WIZARD (wizard);
}

/* The header bar button bound to @action, e.g. "win.wizard-next". */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_PREFERENCES_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static MdCheckRow *
find_check_row (GtkWidget  *root,
                const char *id)
{
  if (MD_IS_CHECK_ROW (root) && md_check_row_get_check (MD_CHECK_ROW (root)) != NULL &&
      g_strcmp0 (md_check_get_id (md_check_row_get_check (MD_CHECK_ROW (root))), id) == 0)
    return MD_CHECK_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      MdCheckRow *found = find_check_row (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Answers a question the way a user does: activating the row of the answer
 * (translated through gettext, as the page shows it). */
static void
answer (MdWizard   *wizard,
        const char *page,
        const char *title)
{
  AdwPreferencesRow *row = find_row (md_wizard_get_page (wizard, page), _(title));
  GtkWidget *check_button;

  g_assert_nonnull (row);
  check_button = md_test_ui_find_by_type (GTK_WIDGET (row), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check_button);
  gtk_widget_activate (check_button);
  md_test_ui_iterate (50);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check_button)));
}

static void
choose_provider (MdWizard   *wizard,
                 const char *id)
{
  GtkWidget *start = md_wizard_get_page (wizard, "start");
  AdwComboRow *combo = ADW_COMBO_ROW (md_test_ui_find_by_type (start, ADW_TYPE_COMBO_ROW));
  GListModel *names = adw_combo_row_get_model (combo);
  MdProvider *provider = md_provider_lookup (id);

  g_assert_nonnull (provider);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      GtkStringObject *item = g_list_model_get_item (names, i);
      gboolean match = g_str_equal (gtk_string_object_get_string (item), md_provider_get_name (provider));

      g_object_unref (item);
      if (match)
        {
          adw_combo_row_set_selected (combo, i);
          g_assert_true (md_wizard_get_chosen_provider (wizard) == provider);
          return;
        }
    }

  g_assert_not_reached ();
}

static gboolean
checks_done (gpointer data)
{
  MdWizard *wizard = data;
  GListModel *checks = md_wizard_get_checks (wizard);

  if (checks == NULL || md_wizard_get_running (wizard))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MdCheck) check = g_list_model_get_item (checks, i);

      if (md_check_status_severity (md_check_get_status (check)) == 0)
        return FALSE;
    }

  return TRUE;
}

static void
wait_for_checks (MdWizard *wizard)
{
  g_assert_true (md_test_ui_wait_for (checks_done, wizard, CHECKS_TIMEOUT_MS));
  /* The summary refreshes from an idle. */
  md_test_ui_iterate (100);
}

static void
go_next (MdWindow   *window,
         const char *expected_page)
{
  MdWizard *wizard = get_wizard (window);

  g_assert_true (md_wizard_get_can_go_next (wizard));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-next", NULL));
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, expected_page);
}

/* Whether a GtkStack under WIDGET is still sliding from one page to the next. */
static gboolean
stack_transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (stack_transition_running (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
transitions_done (gpointer widget)
{
  return !stack_transition_running (GTK_WIDGET (widget));
}

static void
screenshot (MdWindow   *window,
            const char *prefix,
            const char *name)
{
  g_autofree char *shot_name = g_strdup_printf ("wizard-%s-%s", prefix, name);
  g_autofree char *path = NULL;

  /* A page still sliding in shows half of the previous one. */
  g_assert_true (md_test_ui_wait_for (transitions_done, window, 5000));
  path = md_test_ui_screenshot (GTK_WIDGET (window), shot_name);

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The lower part of a long page, for a second screenshot. */
static void
scroll_to_end (GtkWidget *page)
{
  GtkWidget *scrolled = md_test_ui_find_by_type (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
assert_row (GtkWidget     *page,
            const char    *id,
            MdCheckStatus  status,
            const char    *icon)
{
  MdCheckRow *row = find_check_row (page, id);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_cmpint (md_check_get_status (md_check_row_get_check (row)), ==, status);
  g_assert_false (md_check_row_get_busy (row));
  g_assert_cmpstr (md_check_row_get_status_icon (row), ==, icon);
  /* Said in words too: never colour alone. */
  g_assert_cmpstr (md_check_row_get_status_label (row), ==, md_check_status_get_label (status));
}

static char *
read_clipboard (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  gdk_content_provider_get_value (content, &value, &error);
  g_assert_no_error (error);

  return g_value_dup_string (&value);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* --- The scenarios ------------------------------------------------------------ */

/* The scenario: a domain moved to OVHcloud whose MX records still
 * name the former host. Someone who cannot receive mail says so, chooses
 * OVHcloud, answers the questions, and must land on the MX error with the
 * exact records to set. Every step is photographed. */
static void
walk_former_host (const char *language,
                  int         width,
                  int         height)
{
  g_autofree char *report = NULL;
  g_autofree char *json_path = g_build_filename (work_dir, "report.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s%s", language, width < 500 ? "-narrow" : "");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) findings = NULL;
  MdWindow *window;
  MdWizard *wizard;
  GtkWidget *page;
  MdCheckRow *mx_row;
  MdCheck *mx;
  JsonObject *root;
  GtkWidget *next_button, *back_button;

  if (!md_test_ui_set_language (language))
    return;
  window = open_window (width, height);
  wizard = get_wizard (window);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "start");

  /* Back has nowhere to go on the first step; Next waits for an address. */
  back_button = find_action_button (GTK_WIDGET (window), "win.wizard-back");
  next_button = find_action_button (GTK_WIDGET (window), "win.wizard-next");
  g_assert_nonnull (back_button);
  g_assert_nonnull (next_button);
  g_assert_false (gtk_widget_get_visible (back_button));
  g_assert_true (gtk_widget_get_visible (next_button));

  page = md_wizard_get_page (wizard, "start");
  md_wizard_page_start_set_text (MD_WIZARD_PAGE_START (page), "  Contact@OVH-Former.test ");
  g_assert_true (gtk_widget_get_sensitive (next_button));
  g_assert_nonnull (strstr (md_wizard_page_start_get_message (MD_WIZARD_PAGE_START (page)), "ovh-former.test"));
  answer (wizard, "start", "I cannot _receive messages");
  g_assert_cmpint (md_wizard_get_symptom (wizard), ==, MD_SYMPTOM_CANNOT_RECEIVE);
  choose_provider (wizard, "ovh-mxplan");
  wait_for_checks (wizard);
  g_assert_cmpstr (md_wizard_get_domain (wizard), ==, "ovh-former.test");
  screenshot (window, prefix, "1-start");

  go_next (window, "domain");
  g_assert_true (gtk_widget_get_visible (back_button));
  page = md_wizard_get_page (wizard, "domain");
  assert_row (page, "domain", MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  assert_row (page, "rdap", MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  answer (wizard, "domain", "_Yes, it is active");
  g_assert_cmpint (md_wizard_get_answer (wizard, MD_QUESTION_OFFER_ACTIVE), ==, MD_ANSWER_YES);
  screenshot (window, prefix, "2-domain");

  go_next (window, "webmail");
  page = md_wizard_get_page (wizard, "webmail");
  assert_row (page, "webmail", MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  answer (wizard, "webmail", "_No, not even in webmail");
  answer (wizard, "webmail", "Y_es, I can log in");
  g_assert_cmpint (md_wizard_get_answer (wizard, MD_QUESTION_WEBMAIL_LOGIN), ==, MD_ANSWER_YES);
  screenshot (window, prefix, "3-webmail");
  answer (wizard, "webmail", "N_o, my password is refused");
  scroll_to_end (page);
  screenshot (window, prefix, "3-webmail-password");
  answer (wizard, "webmail", "_Yes, both work in webmail");
  screenshot (window, prefix, "3-webmail-works");
  answer (wizard, "webmail", "_No, not even in webmail");
  answer (wizard, "webmail", "Y_es, I can log in");

  go_next (window, "maintenance");
  assert_row (md_wizard_get_page (wizard, "maintenance"), "maintenance", MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  screenshot (window, prefix, "4-maintenance");

  go_next (window, "dns");
  page = md_wizard_get_page (wizard, "dns");
  assert_row (page, "mx", MD_CHECK_STATUS_ERROR, "dialog-error-symbolic");
  assert_row (page, "spf", MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  mx_row = find_check_row (page, "mx");
  /* The fix: OVHcloud's five MX records, each with its copy button. */
  g_assert_cmpuint (md_check_row_get_n_records (mx_row), ==, 5);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (mx_row), TRUE);
  screenshot (window, prefix, "5-dns");

  go_next (window, "summary");
  page = md_wizard_get_page (wizard, "summary");
  mx = md_wizard_get_check (wizard, "mx");
  g_assert_cmpstr (md_wizard_page_summary_get_headline_id (MD_WIZARD_PAGE_SUMMARY (page)), ==, "mx");
  g_assert_cmpstr (md_wizard_page_summary_get_headline_title (MD_WIZARD_PAGE_SUMMARY (page)), ==,
                   md_check_get_summary (mx));
  findings = md_wizard_page_summary_dup_findings (MD_WIZARD_PAGE_SUMMARY (page));
  g_assert_cmpstr (md_check_get_id (g_ptr_array_index (findings, 0)), ==, "mx");
  /* The headline's fix is open, with its records. */
  mx_row = find_check_row (page, "mx");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (mx_row)));
  g_assert_cmpuint (md_check_row_get_n_records (mx_row), ==, 5);
  g_assert_false (gtk_widget_get_visible (next_button));
  /* The headline answers what the user said, in the user's language. */
  g_assert_nonnull (md_test_ui_find_label (page, g_str_equal (language, "fr")
                                                 ? "Pourquoi les messages n’arrivent pas"
                                                 : "Why Messages Do Not Arrive"));
  g_assert_cmpstr (md_wizard_page_get_title (MD_WIZARD_PAGE (md_wizard_get_page (wizard, "domain"))), ==,
                   g_str_equal (language, "fr") ? "Abonnement et domaine" : "Subscription and Domain");
  screenshot (window, prefix, "6-summary");
  scroll_to_end (page);
  screenshot (window, prefix, "6-summary-end");

  /* Copy Report puts the whole report, records included, in the clipboard. */
  g_assert_true (gtk_widget_activate_action (page, "summary.copy-report", NULL));
  report = read_clipboard (page);
  g_assert_nonnull (strstr (report, "ovh-former.test"));
  g_assert_nonnull (strstr (report, "IN MX 1 mx0.mail.ovh.net."));
  g_assert_nonnull (strstr (report, md_check_get_summary (mx)));

  /* Save Report… asks where, proposing a name. */
  if (width >= 500 && g_str_equal (language, "en"))
    {
      GtkFileChooser *chooser = NULL;
      g_autoptr(GList) toplevels = NULL;
      g_autofree char *proposed = NULL;

      g_assert_true (gtk_widget_activate_action (page, "summary.save-report", NULL));
      md_test_ui_iterate (300);
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
          chooser = l->data;
      g_assert_nonnull (chooser);
      proposed = gtk_file_chooser_get_current_name (chooser);
      g_assert_cmpstr (proposed, ==, "mail-doctor-ovh-former.test.txt");
      g_free (md_test_ui_screenshot (GTK_WIDGET (chooser), "wizard-en-6-save-report"));
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
      md_test_ui_iterate (100);
    }

  /* Save Report… writes what the file chooser was given; JSON here. */
  g_remove (json_path);
  {
    g_autoptr(GFile) file = g_file_new_for_path (json_path);

    md_wizard_page_summary_save_report (MD_WIZARD_PAGE_SUMMARY (page), file, MD_REPORT_FORMAT_JSON);
  }
  g_assert_true (md_test_ui_wait_for (file_exists, json_path, 5000));
  md_test_ui_iterate (100);
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "ovh-former.test");
  g_assert_cmpstr (json_object_get_string_member (root, "provider"), ==, "ovh-mxplan");
  g_assert_cmpstr (json_object_get_string_member (root, "symptom"), ==, "cannot-receive");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "headline"), "id"), ==, "mx");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "answers"), "offer-active"), ==, "yes");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "checks")), ==, 9);

  /* Back is always possible, and goes one step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-back", NULL));
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "dns");

  /* Every step fits a phone: the stack is as wide as its widest page. */
  if (width < 500)
    {
      int minimum;

      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_assert_cmpint (minimum, <=, 360);
    }

  close_window (window);
  md_test_ui_set_language ("en");
}

static void
test_former_host_english (void)
{
  walk_former_host ("en", 900, 1000);
}

static void
test_former_host_french (void)
{
  walk_former_host ("fr", 900, 1000);
}

static void
test_former_host_narrow (void)
{
  walk_former_host ("en", 360, 720);
}

static void
test_former_host_narrow_french (void)
{
  walk_former_host ("fr", 360, 720);
}

/* A domain set up as OVHcloud's guide says: detected from its MX records,
 * every check green, and a summary that says so — in light and in dark. */
static void
test_all_green (void)
{
  MdWindow *window = open_window (900, 1000);
  MdWizard *wizard = get_wizard (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GPtrArray) findings = NULL;
  GtkWidget *page = md_wizard_get_page (wizard, "start");
  AdwComboRow *combo = ADW_COMBO_ROW (md_test_ui_find_by_type (page, ADW_TYPE_COMBO_ROW));
  const char *pages[] = { "domain", "webmail", "maintenance", "dns", "summary" };

  md_wizard_page_start_set_text (MD_WIZARD_PAGE_START (page), "ovh-good.test");
  wait_for_checks (wizard);
  g_assert_null (md_wizard_get_chosen_provider (wizard));
  g_assert_nonnull (md_wizard_get_detected_provider (wizard));
  g_assert_cmpstr (md_provider_get_id (md_wizard_get_detected_provider (wizard)), ==, "ovh-mxplan");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo)),
                            md_provider_get_name (md_wizard_get_detected_provider (wizard))));
  screenshot (window, "en", "green-1-start");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    go_next (window, pages[i]);

  page = md_wizard_get_page (wizard, "summary");
  g_assert_cmpstr (md_wizard_page_summary_get_headline_id (MD_WIZARD_PAGE_SUMMARY (page)), ==, "ok");
  findings = md_wizard_page_summary_dup_findings (MD_WIZARD_PAGE_SUMMARY (page));
  g_assert_cmpuint (findings->len, ==, 9);
  for (guint i = 0; i < findings->len; i++)
    assert_row (page, md_check_get_id (g_ptr_array_index (findings, i)),
                MD_CHECK_STATUS_OK, "md-status-ok-symbolic");
  screenshot (window, "en", "green-6-summary");

  /* As large as the screen: the content stays a readable column. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1000);
  md_test_ui_iterate (200);
  screenshot (window, "en", "green-6-summary-large");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  md_test_ui_iterate (200);
  g_assert_true (adw_style_manager_get_dark (style));
  screenshot (window, "en", "green-6-summary-dark");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-back", NULL);
  screenshot (window, "en", "green-5-dns-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  close_window (window);
}

/* The blocklists asked are a setting: the DNS page shows what that one says. */
static void
test_blocklist_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char * const zones[] = { "bl.wizard.test", NULL };
  g_auto(GStrv) evidence = NULL;
  MdWindow *window;
  MdWizard *wizard;
  MdCheckRow *row;

  g_settings_set_strv (settings, "dnsbl-zones", zones);
  window = open_window (900, 1000);
  wizard = get_wizard (window);
  md_wizard_page_start_set_text (MD_WIZARD_PAGE_START (md_wizard_get_page (wizard, "start")), "ovh-good.test");
  wait_for_checks (wizard);

  row = find_check_row (md_wizard_get_page (wizard, "dns"), "dnsbl");
  g_assert_cmpint (md_check_get_status (md_check_row_get_check (row)), ==, MD_CHECK_STATUS_ERROR);
  evidence = md_check_dup_evidence (md_check_row_get_check (row));
  g_assert_true (g_strv_contains ((const char * const *) evidence, "192.0.2.10 @ bl.wizard.test: LISTED (127.0.0.2)"));
  /* No other list was asked. */
  for (guint i = 0; evidence[i] != NULL; i++)
    g_assert_null (strstr (evidence[i], "spamhaus"));

  close_window (window);
  g_settings_reset (settings, "dnsbl-zones");
}

static gboolean
summary_shows_busy_mx (gpointer page)
{
  MdCheckRow *row = find_check_row (page, "mx");

  return row != NULL && md_check_row_get_busy (row);
}

/* A DNS server that never answers: every DNS row says "could not check",
 * never "missing", with a way to try again. */
static void
test_timeout (void)
{
  MdWindow *window = open_window (900, 1000);
  MdWizard *wizard = get_wizard (window);
  GtkWidget *page = md_wizard_get_page (wizard, "start");
  const char *dns_checks[] = { "mx", "autodiscover", "spf", "dmarc" };
  const char *pages[] = { "domain", "webmail", "maintenance", "dns" };
  MdCheckRow *row;

  md_wizard_page_start_set_text (MD_WIZARD_PAGE_START (page), "slow.test");
  md_wizard_start_now (wizard);
  /* While the look-ups wait, the rows spin and Next is not blocked. */
  md_test_ui_iterate (200);
  g_assert_true (md_wizard_get_running (wizard));
  go_next (window, "domain");
  row = find_check_row (md_wizard_get_page (wizard, "domain"), "domain");
  g_assert_true (md_check_row_get_busy (row));
  g_assert_null (md_check_row_get_status_icon (row));

  wait_for_checks (wizard);
  for (guint i = 1; i < G_N_ELEMENTS (pages); i++)
    go_next (window, pages[i]);

  page = md_wizard_get_page (wizard, "dns");
  for (guint i = 0; i < G_N_ELEMENTS (dns_checks); i++)
    {
      assert_row (page, dns_checks[i], MD_CHECK_STATUS_UNKNOWN, "dialog-question-symbolic");
      row = find_check_row (page, dns_checks[i]);
      g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                                       md_check_status_get_label (MD_CHECK_STATUS_UNKNOWN)));
    }
  /* One notice for the page, worded for an offline machine when it is one. */
  g_assert_true (md_check_group_get_has_unknown (MD_CHECK_GROUP (md_test_ui_find_by_type (page, MD_TYPE_CHECK_GROUP))));
  g_assert_false (md_check_group_get_has_notice (MD_CHECK_GROUP (md_test_ui_find_by_type (page, MD_TYPE_CHECK_GROUP))));
  md_test_ui_iterate (100);
  g_assert_nonnull (md_test_ui_find_label (page, g_network_monitor_get_network_available (g_network_monitor_get_default ())
                                                 ? "Some checks could not be done: their rows say why. This does not mean that anything is missing."
                                                 : "There is no network connection, so some checks could not be done. Connect, then retry."));
  screenshot (window, "en", "timeout-5-dns");

  go_next (window, "summary");
  page = md_wizard_get_page (wizard, "summary");
  g_assert_cmpstr (md_wizard_page_summary_get_headline_id (MD_WIZARD_PAGE_SUMMARY (page)), ==, "unknown");
  screenshot (window, "en", "timeout-6-summary");

  /* Retry runs every check again. */
  g_assert_true (gtk_widget_activate_action (page, "wizard.retry", NULL));
  g_assert_true (md_wizard_get_running (wizard));
  g_assert_true (md_test_ui_wait_for (summary_shows_busy_mx, page, 2000));

  close_window (window);
}

/* Two errors: the headline is the one that explains what the user said is
 * wrong, and follows when the user changes it. */
static void
test_headline_follows_symptom (void)
{
  MdWindow *window = open_window (900, 1000);
  MdWizard *wizard = get_wizard (window);
  GtkWidget *start = md_wizard_get_page (wizard, "start");
  GtkWidget *summary = md_wizard_get_page (wizard, "summary");
  const char *pages[] = { "domain", "webmail", "maintenance", "dns", "summary" };
  g_autoptr(GPtrArray) findings = NULL;
  /* Held, so that a new diagnosis cannot take its address. */
  g_autoptr(MdDiagnosis) diagnosis = NULL;

  md_wizard_page_start_set_text (MD_WIZARD_PAGE_START (start), "ovh-broken.test");
  answer (wizard, "start", "I cannot _send messages");
  choose_provider (wizard, "ovh-mxplan");
  wait_for_checks (wizard);
  diagnosis = g_object_ref (md_wizard_get_diagnosis (wizard));
  g_assert_cmpint (md_check_get_status (md_wizard_get_check (wizard, "mx")), ==, MD_CHECK_STATUS_ERROR);
  g_assert_cmpint (md_check_get_status (md_wizard_get_check (wizard, "spf")), ==, MD_CHECK_STATUS_ERROR);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    go_next (window, pages[i]);
  g_assert_cmpstr (md_wizard_page_summary_get_headline_id (MD_WIZARD_PAGE_SUMMARY (summary)), ==, "spf");
  g_assert_nonnull (md_test_ui_find_label (summary, "Why Messages Cannot Be Sent"));
  findings = md_wizard_page_summary_dup_findings (MD_WIZARD_PAGE_SUMMARY (summary));
  g_assert_cmpstr (md_check_get_id (g_ptr_array_index (findings, 0)), ==, "spf");
  g_assert_cmpstr (md_check_get_id (g_ptr_array_index (findings, 1)), ==, "mx");
  screenshot (window, "en", "broken-6-summary-send");

  /* Back to the start: the user meant mail that does not arrive. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-back", NULL));
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "start");
  answer (wizard, "start", "I cannot _receive messages");
  /* What the user says is wrong changes the order, not the checks. */
  g_assert_true (md_wizard_get_diagnosis (wizard) == diagnosis);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    go_next (window, pages[i]);
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_page_summary_get_headline_id (MD_WIZARD_PAGE_SUMMARY (summary)), ==, "mx");
  g_assert_nonnull (md_test_ui_find_label (summary, "Why Messages Do Not Arrive"));

  /* Start Over: back to the first step, the same address, checked anew. */
  g_assert_true (gtk_widget_activate_action (summary, "wizard.start-over", NULL));
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "start");
  g_assert_true (md_wizard_get_diagnosis (wizard) != diagnosis);
  g_assert_cmpstr (md_wizard_get_domain (wizard), ==, "ovh-broken.test");
  wait_for_checks (wizard);

  close_window (window);
}

/* Cancelled look-ups end at once, far sooner than their 5 s timeout. */
static gboolean
diagnosis_stopped (gpointer diagnosis)
{
  return !md_diagnosis_get_running (diagnosis);
}

/* Typing: the engine's message for what is not a domain, Next only when
 * valid; a new domain cancels the checks of the old one; closing the
 * window cancels everything. */
static void
test_typing_and_cancelling (void)
{
  MdWindow *window = open_window (900, 720);
  MdWizard *wizard = get_wizard (window);
  MdWizardPageStart *start = MD_WIZARD_PAGE_START (md_wizard_get_page (wizard, "start"));
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = md_domain_normalize ("192.0.2.1", NULL, NULL, &error);
  g_autoptr(MdDiagnosis) first = NULL;
  g_autoptr(MdDiagnosis) second = NULL;
  GtkWidget *next_button = find_action_button (GTK_WIDGET (window), "win.wizard-next");

  g_assert_null (normalized);
  g_assert_nonnull (error);

  md_wizard_page_start_set_text (start, "example");
  g_assert_null (md_wizard_page_start_get_message (start));
  /* Enter does not wait for the pause: it says at once what is wrong. */
  g_signal_emit_by_name (md_test_ui_find_by_type (GTK_WIDGET (start), ADW_TYPE_ENTRY_ROW), "entry-activated");
  g_assert_nonnull (md_wizard_page_start_get_message (start));
  g_assert_nonnull (strstr (md_wizard_page_start_get_message (start), "example"));
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "start");

  md_wizard_page_start_set_text (start, "192.0.2.1");
  g_assert_false (md_wizard_get_can_go_next (wizard));
  g_assert_false (gtk_widget_get_sensitive (next_button));
  /* The message waits for a pause in the typing. */
  g_assert_null (md_wizard_page_start_get_message (start));
  md_test_ui_iterate (1000);
  g_assert_cmpstr (md_wizard_page_start_get_message (start), ==, error->message);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-next", NULL);
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "start");
  g_assert_null (md_wizard_get_diagnosis (wizard));
  screenshot (window, "en", "invalid-1-start");

  /* A valid domain starts the checks by itself, after a short pause. */
  md_wizard_page_start_set_text (start, "slow.test");
  g_assert_true (md_wizard_get_can_go_next (wizard));
  md_test_ui_iterate (1000);
  g_assert_nonnull (md_wizard_get_diagnosis (wizard));
  first = g_object_ref (md_wizard_get_diagnosis (wizard));
  g_assert_true (md_diagnosis_get_running (first));

  md_wizard_page_start_set_text (start, "ovh-good.test");
  g_assert_true (md_test_ui_wait_for (diagnosis_stopped, first, 2000));
  g_assert_cmpint (md_check_get_status (md_diagnosis_get_check (first, "mx")), ==, MD_CHECK_STATUS_UNKNOWN);
  wait_for_checks (wizard);
  g_assert_cmpstr (md_diagnosis_get_domain (md_wizard_get_diagnosis (wizard)), ==, "ovh-good.test");

  /* Enter in the address field is Next. */
  g_signal_emit_by_name (md_test_ui_find_by_type (GTK_WIDGET (start), ADW_TYPE_ENTRY_ROW), "entry-activated");
  md_test_ui_iterate (50);
  g_assert_cmpstr (md_wizard_get_page_name (wizard), ==, "domain");
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autofree char *last = g_settings_get_string (settings, "last-domain");

    g_assert_cmpstr (last, ==, "ovh-good.test");
  }

  /* Back and Next belong to the Diagnose view only. */
  md_window_set_view (window, "bounce");
  md_test_ui_iterate (50);
  g_assert_false (gtk_widget_get_visible (next_button));
  g_assert_false (gtk_widget_get_visible (find_action_button (GTK_WIDGET (window), "win.wizard-back")));
  md_window_set_view (window, "diagnose");
  md_test_ui_iterate (50);
  g_assert_true (gtk_widget_get_visible (next_button));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.wizard-back", NULL);
  md_test_ui_iterate (50);
  md_wizard_page_start_set_text (start, "slow.test");
  md_wizard_start_now (wizard);
  second = g_object_ref (md_wizard_get_diagnosis (wizard));
  md_test_ui_iterate (100);
  g_assert_true (md_diagnosis_get_running (second));

  close_window (window);
  g_assert_true (md_test_ui_wait_for (diagnosis_stopped, second, 2000));
  g_assert_cmpint (md_check_get_status (md_diagnosis_get_check (second, "mx")), ==, MD_CHECK_STATUS_UNKNOWN);
}

/* Enter, Alt+Left: the window's own shortcuts, listed in the help overlay. */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *shortcut_action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (shortcut_action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (shortcut_action)), action))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
overlay_lists (GtkWidget  *root,
               const char *title)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "title", &text, NULL);
      if (g_strcmp0 (text, title) == 0)
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (overlay_lists (child, title))
      return TRUE;

  return FALSE;
}

static void
test_keyboard (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  MdWindow *window;
  MdWizard *wizard;
  AdwEntryRow *entry;
  GtkWidget *overlay;

  /* The last address comes back in the field, not checked until asked. */
  g_settings_set_string (settings, "last-domain", "Jean@OVH-Good.test");
  window = open_window (900, 720);
  wizard = get_wizard (window);
  entry = ADW_ENTRY_ROW (md_test_ui_find_by_type (md_wizard_get_page (wizard, "start"), ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Jean@OVH-Good.test");
  g_assert_true (md_wizard_get_can_go_next (wizard));
  md_test_ui_iterate (800);
  g_assert_null (md_wizard_get_diagnosis (wizard));
  go_next (window, "domain");
  g_assert_nonnull (md_wizard_get_diagnosis (wizard));
  g_assert_cmpstr (md_wizard_get_domain (wizard), ==, "ovh-good.test");

  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Alt>Left", "win.wizard-back"));
  g_assert_true (has_shortcut (GTK_WIDGET (window), "Return", "win.wizard-next"));
  g_assert_true (has_shortcut (GTK_WIDGET (window), "KP_Enter", "win.wizard-next"));

  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (overlay_lists (overlay, "Next Step"));
  g_assert_true (overlay_lists (overlay, "Previous Step"));
  g_assert_true (overlay_lists (overlay, "Close a Pop-up"));

  close_window (window);
}

static void
test_needs_display (void)
{
  g_test_skip ("no display: run the UI tests under xvfb-run");
}

static void
test_needs_dns (void)
{
  g_test_skip ("needs the test DNS server: run under tests/dns/run-with-dns.sh tests/dns/wizard.conf");
}

int
main (int   argc,
      char *argv[])
{
  static const char * const proxy_variables[] = {
    "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
  };
  g_autoptr(GError) error = NULL;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (proxy_variables); i++)
    g_unsetenv (proxy_variables[i]);

  if (!md_test_ui_init (&argc, &argv))
    {
      g_test_add_func ("/md/wizard/needs-display", test_needs_display);
      return g_test_run ();
    }

  /* Only inside the runner does the resolver ask the test zones. */
  if (g_strcmp0 (g_getenv ("MD_DNS_NAMESPACE"), "inside") != 0)
    {
      g_test_add_func ("/md/wizard/needs-dns", test_needs_dns);
      return g_test_run ();
    }

  work_dir = g_dir_make_tmp ("md-test-wizard-XXXXXX", &error);
  g_assert_no_error (error);
  /* The RDAP bootstrap cache must not be the user's. */
  g_setenv ("XDG_CACHE_HOME", work_dir, TRUE);
  start_servers ();

  g_test_add_func ("/md/wizard/former-host/english", test_former_host_english);
  g_test_add_func ("/md/wizard/former-host/french", test_former_host_french);
  g_test_add_func ("/md/wizard/former-host/narrow", test_former_host_narrow);
  g_test_add_func ("/md/wizard/former-host/narrow-french", test_former_host_narrow_french);
  g_test_add_func ("/md/wizard/all-green", test_all_green);
  g_test_add_func ("/md/wizard/timeout", test_timeout);
  g_test_add_func ("/md/wizard/blocklist-setting", test_blocklist_setting);
  g_test_add_func ("/md/wizard/headline-follows-symptom", test_headline_follows_symptom);
  g_test_add_func ("/md/wizard/typing-and-cancelling", test_typing_and_cancelling);
  g_test_add_func ("/md/wizard/keyboard", test_keyboard);

  status = g_test_run ();

  g_clear_object (&server);
  {
    const char *rm[] = { "rm", "-rf", work_dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (work_dir);

  return status;
}
