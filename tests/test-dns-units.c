/* test-dns-units.c — what the DNS checks are built on, without a DNS server:
 * reading what people type, the SPF and DMARC parsers, the provider data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "md-domain.h"
#include "md-provider.h"
#include "md-spf.h"

/* ---- md_domain_normalize ----------------------------------------------- */

typedef struct {
  const char *input;
  const char *ascii;        /* NULL when an error is expected */
  const char *unicode;
  const char *local_part;
  int         error;        /* MdDomainError when ascii is NULL */
  const char *message_part; /* in the error message */
} DomainCase;

static const DomainCase domain_cases[] = {
  { "User@Example.FR", "example.fr", "example.fr", "User", 0, NULL },
  { "example.fr.", "example.fr", "example.fr", NULL, 0, NULL },
  { "  example.fr ", "example.fr", "example.fr", NULL, 0, NULL },
  { "\texample.fr\n", "example.fr", "example.fr", NULL, 0, NULL },
  { "müller.de", "xn--mller-kva.de", "müller.de", NULL, 0, NULL },
  { "Jean@Müller.DE", "xn--mller-kva.de", "müller.de", "Jean", 0, NULL },
  { "https://www.example.fr/", "example.fr", "example.fr", NULL, 0, NULL },
  { "https://www.example.fr/contact?x=1#top", "example.fr", "example.fr", NULL, 0, NULL },
  { "http://mail.example.fr:8080/owa", "mail.example.fr", "mail.example.fr", NULL, 0, NULL },
  { "mailto:jean@example.fr", "example.fr", "example.fr", "jean", 0, NULL },
  { "example.fr:443", "example.fr", "example.fr", NULL, 0, NULL },
  { "_dmarc.example.fr", "_dmarc.example.fr", "_dmarc.example.fr", NULL, 0, NULL },
  { "exa mple.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_SPACES, "spaces" },
  { "jean dupont@example.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_SPACES, "spaces" },
  { "", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY, "Type" },
  { "   ", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY, "Type" },
  { "jean@", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY, "after the “@”" },
  { "...", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY, "only dots" },
  { "192.0.2.1", NULL, NULL, NULL, MD_DOMAIN_ERROR_IP_ADDRESS, "IP address" },
  { "2001:db8::1", NULL, NULL, NULL, MD_DOMAIN_ERROR_IP_ADDRESS, "IP address" },
  { "[2001:db8::1]", NULL, NULL, NULL, MD_DOMAIN_ERROR_IP_ADDRESS, "IP address" },
  { "jean@[192.0.2.1]", NULL, NULL, NULL, MD_DOMAIN_ERROR_IP_ADDRESS, "IP address" },
  { "https://192.0.2.1/", NULL, NULL, NULL, MD_DOMAIN_ERROR_IP_ADDRESS, "IP address" },
  { "localhost", NULL, NULL, NULL, MD_DOMAIN_ERROR_NO_DOT, "extension" },
  { "example..fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY_LABEL, "two dots" },
  { ".example.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_EMPTY_LABEL, "two dots" },
  { "-example.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_INVALID_CHARACTER, "dash" },
  { "exa!mple.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_INVALID_CHARACTER, "“!”" },
  { "exa\xff" "mple.fr", NULL, NULL, NULL, MD_DOMAIN_ERROR_INVALID_CHARACTER, "characters" },
};

static void
test_domain_case (gconstpointer data)
{
  const DomainCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *unicode = NULL;
  g_autofree char *local_part = NULL;
  g_autofree char *ascii = md_domain_normalize (c->input, &unicode, &local_part, &error);
  /* Escaped: some inputs are invalid UTF-8, which TAP readers refuse. */
  g_autofree char *shown = g_strescape (c->input, NULL);

  g_test_message ("input: “%s”", shown);
  if (c->ascii != NULL)
    {
      g_assert_no_error (error);
      g_assert_cmpstr (ascii, ==, c->ascii);
      g_assert_cmpstr (unicode, ==, c->unicode);
      g_assert_cmpstr (local_part, ==, c->local_part);
    }
  else
    {
      g_assert_null (ascii);
      g_assert_error (error, MD_DOMAIN_ERROR, c->error);
      g_assert_nonnull (strstr (error->message, c->message_part));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* "aaa…a.bbb…b.…fr", exactly @len bytes. */
static char *
name_of_length (gsize len)
{
  GString *name = g_string_new (NULL);
  char letter = 'a';

  while (name->len + 3 + 64 < len)
    {
      g_string_append_len (name, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 63);
      memset (name->str + name->len - 63, letter++, 63);
      g_string_append_c (name, '.');
    }
  while (name->len + 3 < len)
    g_string_append_c (name, 'z');
  g_string_append (name, ".fr");
  g_assert_cmpuint (name->len, ==, len);

  return g_string_free (name, FALSE);
}

static void
test_domain_lengths (void)
{
  g_autofree char *label63 = g_strnfill (63, 'a');
  g_autofree char *label64 = g_strnfill (64, 'a');
  g_autofree char *ok63 = g_strconcat (label63, ".fr", NULL);
  g_autofree char *bad64 = g_strconcat ("jean@", label64, ".fr", NULL);
  g_autofree char *name253 = name_of_length (253);
  g_autofree char *name254 = name_of_length (254);
  g_autofree char *name254_dot = g_strconcat (name253, ".", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  result = md_domain_normalize (ok63, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, ok63);
  g_clear_pointer (&result, g_free);

  result = md_domain_normalize (bad64, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_LABEL_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "64"));
  g_assert_nonnull (strstr (error->message, "63"));
  g_clear_error (&error);

  result = md_domain_normalize (name253, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (result), ==, 253);
  g_clear_pointer (&result, g_free);

  /* The final dot of a fully qualified name is not part of its length. */
  result = md_domain_normalize (name254_dot, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (result), ==, 253);
  g_clear_pointer (&result, g_free);

  result = md_domain_normalize (name254, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, MD_DOMAIN_ERROR, MD_DOMAIN_ERROR_NAME_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "254"));
  g_assert_nonnull (strstr (error->message, "253"));
}

/* Whatever the bytes, an answer or a message, and never a crash. */
static void
test_domain_junk (void)
{
  guint8 bytes[300];
  GRand *rand = g_rand_new_with_seed (4);

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, sizeof bytes);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *ascii = NULL;

      for (gsize i = 0; i < len; i++)
        bytes[i] = round % 2 ? g_rand_int_range (rand, 1, 256) : "aZ.-@ :/[]9é"[g_rand_int_range (rand, 0, 13)];
      text = g_strndup ((char *) bytes, len);
      ascii = md_domain_normalize (text, NULL, NULL, &error);
      g_assert_true ((ascii == NULL) != (error == NULL));
      if (ascii != NULL)
        {
          g_assert_cmpuint (strlen (ascii), <=, 253);
          g_assert_nonnull (strchr (ascii, '.'));
        }
    }
  g_rand_free (rand);
}

/* ---- SPF ---------------------------------------------------------------- */

static void
test_spf_is_spf (void)
{
  g_assert_true (md_spf_is_spf ("v=spf1"));
  g_assert_true (md_spf_is_spf ("v=spf1 -all"));
  g_assert_true (md_spf_is_spf ("V=SPF1 mx"));
  g_assert_false (md_spf_is_spf ("v=spf10 -all"));
  g_assert_false (md_spf_is_spf ("v=spf2.0/pra"));
  g_assert_false (md_spf_is_spf (" v=spf1"));
  g_assert_false (md_spf_is_spf ("google-site-verification=x"));
  g_assert_false (md_spf_is_spf (""));
  g_assert_false (md_spf_is_spf (NULL));
}

static void
test_spf_terms (void)
{
  g_autoptr(MdSpfRecord) record = md_spf_parse ("v=spf1 include:_spf.Google.com ip4:192.0.2.0/24 ip6:2001:db8::/32 "
                                                "a mx:mail.example.fr/24 ?ptr exists:%{i}.x.example.fr "
                                                "redirect=_spf.example.fr exp=why.example.fr foo=bar -all");
  static const struct { char qualifier; MdSpfKind kind; const char *value; gboolean costs; } expected[] = {
    { '+', MD_SPF_INCLUDE, "_spf.google.com", TRUE },
    { '+', MD_SPF_IP4, "192.0.2.0/24", FALSE },
    { '+', MD_SPF_IP6, "2001:db8::/32", FALSE },
    { '+', MD_SPF_A, NULL, TRUE },
    { '+', MD_SPF_MX, "mail.example.fr/24", TRUE },
    { '?', MD_SPF_PTR, NULL, TRUE },
    { '+', MD_SPF_EXISTS, "%{i}.x.example.fr", TRUE },
    { '+', MD_SPF_REDIRECT, "_spf.example.fr", TRUE },
    { '+', MD_SPF_EXP, "why.example.fr", FALSE },
    { '-', MD_SPF_ALL, NULL, FALSE },
  };

  g_assert_cmpuint (record->errors->len, ==, 0);
  g_assert_cmpuint (record->terms->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MdSpfTerm *term = g_ptr_array_index (record->terms, i);

      g_assert_cmpint (term->qualifier, ==, expected[i].qualifier);
      g_assert_cmpint (term->kind, ==, expected[i].kind);
      g_assert_cmpstr (term->value, ==, expected[i].value);
      g_assert_cmpint (md_spf_kind_costs_lookup (term->kind), ==, expected[i].costs);
      g_assert_nonnull (term->text);
    }
}

typedef struct {
  const char *record;
  guint       n_errors;
  const char *message_part;
} SpfErrorCase;

static const SpfErrorCase spf_error_cases[] = {
  { "v=spf1", 0, NULL },
  { "v=spf1    mx    -all   ", 0, NULL },
  { "v=spf1 foo", 1, "not an SPF mechanism" },
  { "v=spf1 allx", 1, "not an SPF mechanism" },
  { "v=spf1 include:", 1, "needs a value" },
  { "v=spf1 include", 1, "needs a value" },
  { "v=spf1 ip4", 1, "needs a value" },
  { "v=spf1 all:example.fr", 1, "takes no value" },
  { "v=spf1 ip4:192.0.2.300", 1, "IPv4" },
  { "v=spf1 ip4:192.0.2.0/33", 1, "IPv4" },
  { "v=spf1 ip4:2001:db8::1", 1, "IPv4" },
  { "v=spf1 ip6:192.0.2.1", 1, "IPv6" },
  { "v=spf1 ip6:2001:db8::/129", 1, "IPv6" },
  { "v=spf1 redirect=a.example.fr redirect=b.example.fr", 1, "more than once" },
  { "v=spf1 *mx", 1, "not an SPF mechanism" },
  { "v=spf1 include:a.fr include:b.fr foo bar", 2, "not an SPF mechanism" },
  { "spf1 mx", 1, "v=spf1" },
};

static void
test_spf_error_case (gconstpointer data)
{
  const SpfErrorCase *c = data;
  g_autoptr(MdSpfRecord) record = md_spf_parse (c->record);

  g_assert_cmpuint (record->errors->len, ==, c->n_errors);
  for (guint i = 0; i < record->errors->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (record->errors, i), -1, NULL));
  if (c->message_part != NULL)
    g_assert_nonnull (strstr (g_ptr_array_index (record->errors, 0), c->message_part));
}

static void
test_spf_untrusted (void)
{
  g_autoptr(MdSpfRecord) null_record = md_spf_parse (NULL);
  g_autoptr(GString) huge = g_string_new ("v=spf1");
  g_autoptr(MdSpfRecord) huge_record = NULL;
  g_autoptr(MdSpfRecord) binary_record = NULL;

  g_assert_cmpuint (null_record->errors->len, ==, 1);
  g_assert_cmpuint (null_record->terms->len, ==, 0);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (huge, " include:i%u.example.fr", i);
  huge_record = md_spf_parse (huge->str);
  g_assert_cmpuint (huge_record->terms->len, ==, 20000);

  /* Not UTF-8: made valid, then judged. */
  binary_record = md_spf_parse ("v=spf1 \xff\xfe include:\xc3.fr");
  g_assert_cmpuint (binary_record->errors->len, ==, 1);
  for (guint i = 0; i < binary_record->terms->len; i++)
    g_assert_true (g_utf8_validate (((MdSpfTerm *) g_ptr_array_index (binary_record->terms, i))->text, -1, NULL));
}

/* The domain whose DMARC record covers a subdomain without one, by the
 * Public Suffix List (Debian's publicsuffix), an unknown top-level domain
 * counting as a public suffix. */
static void
test_domain_organizational (void)
{
  static const struct {
    const char *domain;
    const char *expected;
  } cases[] = {
    { "shop.example.fr", "example.fr" },
    { "example.fr", "example.fr" },
    { "a.b.example.co.uk", "example.co.uk" },
    { "co.uk", NULL },
    { "fr", NULL },
    { "shop.orgdmarc.test", "orgdmarc.test" },
    { "orgdmarc.test", "orgdmarc.test" },
    { "test", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *organizational = md_domain_organizational (cases[i].domain);

      g_assert_cmpstr (organizational, ==, cases[i].expected);
    }
}

/* ---- DMARC -------------------------------------------------------------- */

static void
test_dmarc_is_dmarc (void)
{
  g_assert_true (md_dmarc_is_dmarc ("v=DMARC1; p=none"));
  g_assert_true (md_dmarc_is_dmarc ("v=DMARC1;p=none"));
  g_assert_true (md_dmarc_is_dmarc ("  v = DMARC1 ; p=none"));
  g_assert_true (md_dmarc_is_dmarc ("v=DMARC1"));
  g_assert_false (md_dmarc_is_dmarc ("v=DMARC10; p=none"));
  g_assert_false (md_dmarc_is_dmarc ("v=dmarc1; p=none"));
  g_assert_false (md_dmarc_is_dmarc ("p=none; v=DMARC1"));
  g_assert_false (md_dmarc_is_dmarc ("v=spf1 -all"));
  g_assert_false (md_dmarc_is_dmarc (""));
  g_assert_false (md_dmarc_is_dmarc (NULL));
}

static void
test_dmarc_full (void)
{
  g_autoptr(MdDmarcRecord) record = md_dmarc_parse ("v=DMARC1; p=Reject; sp=none; pct=50; adkim=s; aspf=r; "
                                                    "rua=mailto:a@example.fr, mailto:b@example.fr; "
                                                    "ruf=mailto:f@example.fr; fo=1; ri=86400;");

  g_assert_cmpuint (record->errors->len, ==, 0);
  g_assert_cmpstr (record->policy, ==, "reject");
  g_assert_cmpstr (record->subdomain_policy, ==, "none");
  g_assert_cmpint (record->percent, ==, 50);
  g_assert_cmpuint (record->aggregate_reports->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (record->aggregate_reports, 1), ==, "mailto:b@example.fr");
  g_assert_cmpuint (record->failure_reports->len, ==, 1);
}

typedef struct {
  const char *record;
  const char *policy;
  guint       n_errors;
  const char *message_part;
} DmarcCase;

static const DmarcCase dmarc_cases[] = {
  { "v=DMARC1; p=none", "none", 0, NULL },
  { "v=DMARC1", NULL, 1, "no policy" },
  { "v=DMARC1; rua=mailto:a@example.fr", NULL, 1, "no policy" },
  { "v=DMARC1; p=maybe", NULL, 2, "not none, quarantine or reject" },
  { "v=DMARC1; p=none; p=reject", "none", 1, "more than once" },
  { "v=DMARC1; p=none; v=DMARC1", "none", 1, "more than once" },
  { "v=DMARC1; p=none; rua=dmarc@example.fr", "none", 1, "mailto:" },
  { "v=DMARC1; p=none; pct=150", "none", 1, "0 to 100" },
  { "v=DMARC1; p=none; pct=-1", "none", 1, "0 to 100" },
  { "v=DMARC1; p=none; adkim=x", "none", 1, "relaxed" },
  { "v=DMARC1; p=none; junk", "none", 1, "tag=value" },
  { "v=DMARC1; ; p=quarantine;;", "quarantine", 0, NULL },
  { "p=none", NULL, 1, "v=DMARC1" },
};

static void
test_dmarc_case (gconstpointer data)
{
  const DmarcCase *c = data;
  g_autoptr(MdDmarcRecord) record = md_dmarc_parse (c->record);

  g_assert_cmpstr (record->policy, ==, c->policy);
  g_assert_cmpuint (record->errors->len, ==, c->n_errors);
  if (c->message_part != NULL)
    g_assert_nonnull (strstr (g_ptr_array_index (record->errors, 0), c->message_part));
}

/* ---- providers ------------------------------------------------------------ */

static void
test_provider_data (void)
{
  GPtrArray *all = md_provider_get_all ();
  const char *required[] = { "ovh-mxplan", "ovh-exchange", "ovh-exchange-private", "google", "microsoft365",
                             "fastmail", "proton", "zoho", "infomaniak", "gandi", "ionos" };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_nonnull (md_provider_lookup (required[i]));
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (required));

  for (guint i = 0; i < all->len; i++)
    {
      MdProvider *provider = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) expected = md_provider_dup_expected_mx (provider, "example.fr");
      const char *urls[] = { md_provider_get_webmail_url (provider), md_provider_get_control_panel_url (provider),
                             md_provider_get_password_reset_url (provider), md_provider_get_status_page_url (provider) };

      g_assert_nonnull (md_provider_get_name (provider));
      g_assert_nonnull (md_provider_get_spf_include (provider));
      g_assert_cmpuint (expected->len, >, 0);
      for (guint j = 0; j < expected->len; j++)
        g_assert_true (md_provider_matches_host (provider, ((MdProviderMx *) g_ptr_array_index (expected, j))->host));
      for (guint j = 0; j < G_N_ELEMENTS (urls); j++)
        g_assert_true (urls[j] == NULL || g_str_has_prefix (urls[j], "https://") || g_str_has_prefix (urls[j], "http://"));
    }
}

static void
test_provider_ovh (void)
{
  MdProvider *mxplan = md_provider_lookup ("ovh-mxplan");
  MdProvider *exchange = md_provider_lookup ("OVH-Exchange");
  MdProvider *private = md_provider_lookup ("ovh-exchange-private");
  g_autoptr(GPtrArray) expected = md_provider_dup_expected_mx (mxplan, "example.fr");
  const guint16 priorities[] = { 1, 5, 50, 100, 200 };
  const char * const *targets;

  g_assert_cmpuint (expected->len, ==, 5);
  for (guint i = 0; i < expected->len; i++)
    {
      MdProviderMx *mx = g_ptr_array_index (expected, i);
      g_autofree char *host = g_strdup_printf ("mx%u.mail.ovh.net", i);

      g_assert_cmpstr (mx->host, ==, host);
      g_assert_cmpuint (mx->priority, ==, priorities[i]);
    }
  g_assert_cmpstr (md_provider_get_spf_include (mxplan), ==, "mx.ovh.com");
  g_assert_true (md_provider_is_legacy_mx (mxplan, "MX1.OVH.NET."));
  g_assert_false (md_provider_is_legacy_mx (mxplan, "mx1.mail.ovh.net"));
  g_assert_false (md_provider_has_autodiscover (mxplan));

  /* Guide 001: priority 0, weight 0, port 443, ex or ex2.mail.ovh.net. */
  g_assert_true (md_provider_has_autodiscover (exchange));
  g_assert_cmpuint (md_provider_get_autodiscover_port (exchange), ==, 443);
  targets = md_provider_get_autodiscover_targets (exchange);
  g_assert_cmpstr (targets[0], ==, "ex.mail.ovh.net");
  g_assert_cmpstr (targets[1], ==, "ex2.mail.ovh.net");
  g_assert_true (md_provider_is_alternative_mx (exchange, "mx1.mail.ovh.net"));
  g_assert_true (md_provider_is_alternative_mx (exchange, "ex2.mail.ovh.net."));
  g_assert_false (md_provider_is_alternative_mx (exchange, "mx2.mail.ovh.net"));

  /* Private Exchange: the target is the customer's own server. */
  g_assert_true (md_provider_has_autodiscover (private));
  g_assert_null (md_provider_get_autodiscover_targets (private)[0]);
}

static void
test_provider_microsoft (void)
{
  g_autoptr(GPtrArray) expected = md_provider_dup_expected_mx (md_provider_lookup ("microsoft365"), "Mon-Site.example.fr");
  MdProviderMx *mx = g_ptr_array_index (expected, 0);

  g_assert_cmpstr (mx->host, ==, "mon-site-example-fr.mail.protection.outlook.com");
  g_assert_cmpuint (mx->priority, ==, 0);
}

typedef struct {
  const char *hosts[6];
  const char *targets[3];
  const char *provider;       /* NULL: none */
  gboolean    needs_autodiscover;
} DetectCase;

static const DetectCase detect_cases[] = {
  { { "mx0.mail.ovh.net", "mx1.mail.ovh.net", "mx2.mail.ovh.net", "mx3.mail.ovh.net", "mx4.mail.ovh.net" }, { NULL }, "ovh-mxplan", TRUE },
  { { "mx0.mail.ovh.net", "mx1.mail.ovh.net", "mx2.mail.ovh.net", "mx3.mail.ovh.net" }, { "ex.mail.ovh.net" }, "ovh-exchange", TRUE },
  { { "MX1.MAIL.OVH.NET." }, { "EX2.mail.ovh.net." }, "ovh-exchange", TRUE },
  { { "mx1.mail.ovh.net" }, { "autodiscover.example.fr" }, "ovh-mxplan", TRUE },
  { { "ex.mail.ovh.net" }, { NULL }, "ovh-exchange", FALSE },
  { { "mx1.ovh.net", "mxb.ovh.net" }, { NULL }, "ovh-mxplan", FALSE },
  { { "smtp.google.com" }, { NULL }, "google", FALSE },
  { { "aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com" }, { NULL }, "google", FALSE },
  { { "example-fr.mail.protection.outlook.com" }, { NULL }, "microsoft365", FALSE },
  { { "in1-smtp.messagingengine.com", "in2-smtp.messagingengine.com" }, { NULL }, "fastmail", FALSE },
  { { "mail.protonmail.ch", "mailsec.protonmail.ch" }, { NULL }, "proton", FALSE },
  { { "mx.zoho.eu", "mx2.zoho.eu" }, { NULL }, "zoho", FALSE },
  { { "mta-gw.infomaniak.ch" }, { NULL }, "infomaniak", FALSE },
  { { "spool.mail.gandi.net", "fb.mail.gandi.net" }, { NULL }, "gandi", FALSE },
  { { "mx00.ionos.fr", "mx01.ionos.fr" }, { NULL }, "ionos", FALSE },
  /* Most of the hosts win; a provider's name inside another domain does not count. */
  { { "smtp.google.com", "mx0.mail.ovh.net", "alt1.aspmx.l.google.com" }, { NULL }, "google", FALSE },
  { { "mail.ovh.net.example.fr", "google.com.example.fr" }, { NULL }, NULL, FALSE },
  { { "mx.oldhost.test" }, { "ex.mail.ovh.net" }, NULL, FALSE },
  { { NULL }, { NULL }, NULL, FALSE },
};

static void
test_provider_detect_case (gconstpointer data)
{
  const DetectCase *c = data;
  MdProvider *provider = md_provider_detect_full (c->hosts, c->targets);

  g_assert_cmpstr (provider ? md_provider_get_id (provider) : NULL, ==, c->provider);
  g_assert_cmpint (md_provider_detect_needs_autodiscover (c->hosts), ==, c->needs_autodiscover);
  if (c->targets[0] == NULL)
    g_assert_true (md_provider_detect (c->hosts) == provider);
}

static void
test_provider_bad_data (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[]",
    "{\"providers\": {}}",
    "{\"providers\": [ { \"name\": \"No id\" } ]}",
    "{\"providers\": [ { \"id\": \"x\" } ]}",
  };
  g_autoptr(GPtrArray) good = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GPtrArray) parsed = md_provider_parse_all (bad[i], -1, &error);

      g_assert_null (parsed);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }

  /* Wrong types inside a provider are skipped, not trusted. */
  good = md_provider_parse_all ("{\"providers\": [ 3, { \"id\": \"X\", \"name\": \"X\", \"mx\": [ 1, { \"host\": 2 }, "
                                "{ \"host\": \"MX.X.example\", \"priority\": 70000 } ], \"autodiscover\": {} } ]}",
                                -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (good->len, ==, 1);
  {
    MdProvider *x = g_ptr_array_index (good, 0);
    g_autoptr(GPtrArray) expected = md_provider_dup_expected_mx (x, "example.fr");

    g_assert_cmpstr (md_provider_get_id (x), ==, "x");
    g_assert_cmpuint (expected->len, ==, 1);
    g_assert_cmpstr (((MdProviderMx *) g_ptr_array_index (expected, 0))->host, ==, "mx.x.example");
    g_assert_cmpuint (((MdProviderMx *) g_ptr_array_index (expected, 0))->priority, ==, 0);
    g_assert_cmpuint (md_provider_get_autodiscover_port (x), ==, 443);
  }
}

/* One test per case of a table: PREFIX/0, PREFIX/1… */
static void
add_case_tests (const char    *prefix,
                gconstpointer  cases,
                gsize          case_size,
                guint          n_cases,
                GTestDataFunc  test)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%u", prefix, i);

      g_test_add_data_func (path, (const char *) cases + i * case_size, test);
    }
}

#define ADD_CASE_TESTS(prefix, cases, test) \
  add_case_tests ((prefix), (cases), sizeof (cases)[0], G_N_ELEMENTS (cases), (test))

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_CASE_TESTS ("/md/domain/normalize", domain_cases, test_domain_case);
  g_test_add_func ("/md/domain/lengths", test_domain_lengths);
  g_test_add_func ("/md/domain/junk", test_domain_junk);
  g_test_add_func ("/md/domain/organizational", test_domain_organizational);

  g_test_add_func ("/md/spf/is-spf", test_spf_is_spf);
  g_test_add_func ("/md/spf/terms", test_spf_terms);
  ADD_CASE_TESTS ("/md/spf/errors", spf_error_cases, test_spf_error_case);
  g_test_add_func ("/md/spf/untrusted", test_spf_untrusted);

  g_test_add_func ("/md/dmarc/is-dmarc", test_dmarc_is_dmarc);
  g_test_add_func ("/md/dmarc/full", test_dmarc_full);
  ADD_CASE_TESTS ("/md/dmarc/cases", dmarc_cases, test_dmarc_case);

  g_test_add_func ("/md/provider/data", test_provider_data);
  g_test_add_func ("/md/provider/ovh", test_provider_ovh);
  g_test_add_func ("/md/provider/microsoft", test_provider_microsoft);
  ADD_CASE_TESTS ("/md/provider/detect", detect_cases, test_provider_detect_case);
  g_test_add_func ("/md/provider/bad-data", test_provider_bad_data);

  return g_test_run ();
}
