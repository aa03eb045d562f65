/* test-dns-harness.c — GResolver really talks to the test DNS server
 *
 * Run by dns/run-with-dns.sh with dns/harness.conf.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

static void
test_mx (void)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records (resolver, "harness.test", G_RESOLVER_RECORD_MX, NULL, &error);
  const char *host = NULL;
  guint16 preference = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (records), ==, 1);
  g_variant_get (records->data, "(q&s)", &preference, &host);
  g_assert_cmpuint (preference, ==, 10);
  g_assert_cmpstr (host, ==, "mx1.harness.test");
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
}

static void
test_srv (void)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *targets = g_resolver_lookup_service (resolver, "autodiscover", "tcp", "harness.test", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (targets), ==, 1);
  g_assert_cmpstr (g_srv_target_get_hostname (targets->data), ==, "ex.harness.test");
  g_assert_cmpuint (g_srv_target_get_port (targets->data), ==, 443);
  g_assert_cmpuint (g_srv_target_get_priority (targets->data), ==, 0);
  g_assert_cmpuint (g_srv_target_get_weight (targets->data), ==, 0);
  g_resolver_free_targets (targets);
}

static void
test_address (void)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name (resolver, "mx1.harness.test", NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (addresses);
  text = g_inet_address_to_string (addresses->data);
  g_assert_cmpstr (text, ==, "192.0.2.10");
  g_resolver_free_addresses (addresses);
}

static void
test_absent_name (void)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records (resolver, "absent.harness.test", G_RESOLVER_RECORD_MX, NULL, &error);

  g_assert_null (records);
  g_assert_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/md/dns-harness/mx", test_mx);
  g_test_add_func ("/md/dns-harness/srv", test_srv);
  g_test_add_func ("/md/dns-harness/address", test_address);
  g_test_add_func ("/md/dns-harness/absent-name", test_absent_name);

  return g_test_run ();
}
