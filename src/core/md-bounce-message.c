/* md-bounce-message.c — a bounce parsed: MIME, RFC 3464 delivery-status fields, or the MTA's own text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes go in: a whole .eml, a DSN fragment, a plain-text NDR or a single
 * pasted line. Line ends are made LF first (CRLF and bare CR give the same
 * result), MIME parts are decoded (base64, quoted-printable, any charset to
 * UTF-8, bad bytes replaced by U+FFFD) and walked. Recipients come from the
 * message/delivery-status part when there is one, otherwise from the MTA's
 * own text: each MTA lays out "address, then what went wrong" a little
 * differently, so the text is read by the shape of its lines rather than by
 * one rule per MTA.
 */

/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "md-bounce-message.h"
#include "md-bounce-scanner.h"

#define MAX_DEPTH        16
#define MAX_PARTS        512
#define MAX_DELIVERIES   2000
#define MAX_DIAGNOSTIC   4000
#define MAX_REGION_LINES 40
#define MAX_MENTIONS     64
#define REPLACEMENT      "\xEF\xBF\xBD"

G_DEFINE_BOXED_TYPE (MdBounceDelivery, md_bounce_delivery, md_bounce_delivery_copy, md_bounce_delivery_free)

/**
 * md_bounce_delivery_copy:
 * @delivery: a #MdBounceDelivery
 *
 * Returns: (transfer full): a deep copy of @delivery
 */
MdBounceDelivery *
md_bounce_delivery_copy (const MdBounceDelivery *delivery)
{
  MdBounceDelivery *copy;

  g_return_val_if_fail (delivery != NULL, NULL);

  copy = g_new0 (MdBounceDelivery, 1);
  copy->recipient = g_strdup (delivery->recipient);
  copy->original_recipient = g_strdup (delivery->original_recipient);
  copy->action = g_strdup (delivery->action);
  copy->status = g_strdup (delivery->status);
  copy->reply_code = delivery->reply_code;
  copy->remote_mta = g_strdup (delivery->remote_mta);
  copy->diagnostic_type = g_strdup (delivery->diagnostic_type);
  copy->diagnostic = g_strdup (delivery->diagnostic);
  copy->last_attempt_date = g_strdup (delivery->last_attempt_date);
  copy->will_retry_until = g_strdup (delivery->will_retry_until);
  copy->command = g_strdup (delivery->command);

  return copy;
}

void
md_bounce_delivery_free (MdBounceDelivery *delivery)
{
  if (delivery == NULL)
    return;

  g_free (delivery->recipient);
  g_free (delivery->original_recipient);
  g_free (delivery->action);
  g_free (delivery->status);
  g_free (delivery->remote_mta);
  g_free (delivery->diagnostic_type);
  g_free (delivery->diagnostic);
  g_free (delivery->last_attempt_date);
  g_free (delivery->will_retry_until);
  g_free (delivery->command);
  g_free (delivery);
}

typedef struct {
  char *name;
  char *value;   /* unfolded, raw bytes */
} Header;

static void
header_free (gpointer data)
{
  Header *header = data;

  g_free (header->name);
  g_free (header->value);
  g_free (header);
}

struct _MdBounceMessage
{
  GObject     parent_instance;

  GPtrArray  *headers;            /* Header*, the bounce's own */
  GPtrArray  *original_headers;   /* Header*, the returned message's */
  GHashTable *decoded;            /* lower-case name → UTF-8 value, both header sets */
  GPtrArray  *deliveries;         /* MdBounceDelivery* */
  GString    *text;               /* the human-readable parts, UTF-8 */
  char       *lowered;            /* the same in lower case, while parsing */
  char       *reporting_mta;
  char       *received_from_mta;
  char       *arrival_date;
  const char *agent;
  guint       n_parts;
  guint       is_dsn : 1;
  guint       is_report : 1;
  guint       is_feedback : 1;   /* an ARF complaint report */
  guint       looks_like_bounce : 1;
};

G_DEFINE_FINAL_TYPE (MdBounceMessage, md_bounce_message, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                         */

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline char lower (char c);

static gboolean
has_prefix_ci (const char *s,
               const char *prefix)
{
  while (*prefix && lower (*s) == lower (*prefix))
    s++, prefix++;

  return *prefix == '\0';
}

static inline char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* @needle, in lower case, in [s, s + length) which is in lower case too. */
static inline const char *
find_lower (const char *s,
            gsize       length,
            const char *needle)
{
  return memmem (s, length, needle, strlen (needle));
}

/* Case-insensitive substring search in [s, s + length), for short texts. */
static const char *
find_ci (const char *s,
         gsize       length,
         const char *needle)
{
  gsize n = strlen (needle);
  char first;

  if (n == 0 || length < n)
    return NULL;

  first = lower (needle[0]);
  for (gsize i = 0; i + n <= length; i++)
    if (lower (s[i]) == first && g_ascii_strncasecmp (s + i, needle, n) == 0)
      return s + i;

  return NULL;
}

static char *
lower_dup (const char *s,
           gsize       length)
{
  char *out = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    out[i] = lower (s[i]);
  out[length] = '\0';

  return out;
}

static char *
strip_dup (const char *s,
           gsize       length)
{
  while (length > 0 && g_ascii_isspace (*s))
    s++, length--;
  while (length > 0 && g_ascii_isspace (s[length - 1]))
    length--;

  return g_strndup (s, length);
}

/* Any line end to LF; NUL to a space so the rest can use C strings. */
static char *
normalize (const char *data,
           gsize       length,
           gsize      *out_length)
{
  char *out = g_malloc (length + 1);
  gsize o = 0;

  if (memchr (data, '\r', length) == NULL && memchr (data, '\0', length) == NULL)
    {
      memcpy (out, data, length);
      out[length] = '\0';
      *out_length = length;
      return out;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\r')
        {
          out[o++] = '\n';
          if (i + 1 < length && data[i + 1] == '\n')
            i++;
        }
      else
        out[o++] = c == '\0' ? ' ' : c;
    }

  out[o] = '\0';
  *out_length = o;

  return out;
}

static void
replace_nul (GString *s)
{
  for (gsize i = 0; i < s->len; i++)
    if (s->str[i] == '\0')
      s->str[i] = ' ';
}

/* ------------------------------------------------------------------------ */
/* Charsets and transfer encodings                                            */

/* glibc unloads a converter's module when its last user closes it, and
 * loads it again for the next message: that took a fifth of the time of a
 * corpus of bounces. One converter per charset stays open, unused, so that
 * its module stays loaded; a bounce naming many charsets pins a few only. */
#define MAX_KEPT_CONVERTERS 32

static void
keep_converter_loaded (const char *charset)
{
  static GMutex lock;
  static GHashTable *kept;  /* lowercase charset → GIConv */
  g_autofree char *key = g_ascii_strdown (charset, -1);

  g_mutex_lock (&lock);
  if (kept == NULL)
    kept = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_size (kept) < MAX_KEPT_CONVERTERS && !g_hash_table_contains (kept, key))
    {
      GIConv cd = g_iconv_open ("UTF-8", charset);

      if (cd != (GIConv) -1)
        g_hash_table_insert (kept, g_steal_pointer (&key), cd);
    }
  g_mutex_unlock (&lock);
}

static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset)
{
  GIConv cd;
  GString *out;
  gchar *in = (gchar *) data;
  gsize in_left = length;
  char buffer[4096];
  gchar *o;
  gsize o_left;

  cd = g_iconv_open ("UTF-8", charset);
  if (cd == (GIConv) -1)
    return NULL;
  keep_converter_loaded (charset);

  out = g_string_sized_new (length + length / 2 + 16);
  while (in_left > 0)
    {
      gsize r;

      o = buffer;
      o_left = sizeof buffer;
      r = g_iconv (cd, &in, &in_left, &o, &o_left);
      g_string_append_len (out, buffer, o - buffer);

      if (r == (gsize) -1 && errno != E2BIG)
        {
          /* An invalid or truncated sequence: one replacement character for
           * its first byte, then go on. */
          g_string_append (out, REPLACEMENT);
          in++;
          in_left--;
        }
    }

  o = buffer;
  o_left = sizeof buffer;
  g_iconv (cd, NULL, NULL, &o, &o_left);
  g_string_append_len (out, buffer, o - buffer);
  g_iconv_close (cd);

  replace_nul (out);
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, out->len);

      g_string_free (out, TRUE);
      return valid;
    }

  return g_string_free (out, FALSE);
}

/* ISO-8859-1 and Windows-1252 are most of the 8-bit mail: converted here,
 * without loading a converter module for every message. */
static char *
convert_western (const char *data,
                 gsize       length,
                 gboolean    windows)
{
  static const gunichar cp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
  };
  /* Written byte by byte: a returned attachment can be megabytes. A byte
   * takes two bytes at most in UTF-8, three for Windows-1252's own. */
  char *out = g_malloc ((windows ? 3 : 2) * length + 1);
  char *o = out;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == '\0')
        *o++ = ' ';
      else if (c < 0x80)
        *o++ = c;
      else if (windows && c < 0xA0)
        o += g_unichar_to_utf8 (cp1252[c - 0x80], o);
      else
        {
          *o++ = 0xC0 | (c >> 6);
          *o++ = 0x80 | (c & 0x3F);
        }
    }
  *o = '\0';

  return g_realloc (out, o - out + 1);
}

static gboolean
charset_is_utf8_or_ascii (const char *charset)
{
  return g_ascii_strcasecmp (charset, "utf-8") == 0 ||
         g_ascii_strcasecmp (charset, "utf8") == 0 ||
         g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
         g_ascii_strcasecmp (charset, "ascii") == 0 ||
         g_ascii_strcasecmp (charset, "unknown-8bit") == 0 ||
         g_ascii_strcasecmp (charset, "x-unknown") == 0;
}

/* Always UTF-8 out, never a failure: unknown charsets fall back to UTF-8
 * when the bytes are valid, to Windows-1252 (every byte maps) when not. */
static char *
to_utf8 (const char *data,
         gsize       length,
         const char *charset)
{
  char *result = NULL;

  if (charset != NULL && (g_ascii_strcasecmp (charset, "iso-8859-1") == 0 ||
                          g_ascii_strcasecmp (charset, "latin1") == 0 ||
                          g_ascii_strcasecmp (charset, "iso_8859-1") == 0))
    return convert_western (data, length, FALSE);
  if (charset != NULL && (g_ascii_strcasecmp (charset, "windows-1252") == 0 ||
                          g_ascii_strcasecmp (charset, "cp1252") == 0))
    return convert_western (data, length, TRUE);

  if (charset != NULL && *charset && !charset_is_utf8_or_ascii (charset))
    result = convert_lossy (data, length, charset);

  if (result == NULL)
    {
      /* Valid means without NUL too: the bytes copy as they are. */
      if (g_utf8_validate_len (data, length, NULL))
        {
          result = g_malloc (length + 1);
          memcpy (result, data, length);
          result[length] = '\0';
        }
      else if (charset == NULL || !*charset)
        result = convert_western (data, length, TRUE);
      if (result == NULL)
        result = g_utf8_make_valid (data, length);
    }

  /* Validated text has no NUL, and g_utf8_make_valid() replaces it: no NUL in results. */
  return result;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static GString *
decode_quoted_printable (const char *p,
                         gsize       length,
                         gboolean    underscore_is_space)
{
  GString *out = g_string_sized_new (length);
  const char *end = p + length;

  while (p < end)
    {
      if (*p == '=')
        {
          if (end - p >= 3 && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
            {
              g_string_append_c (out, (char) (hex_value (p[1]) * 16 + hex_value (p[2])));
              p += 3;
              continue;
            }

          /* A soft line break: "=" then blanks then the line end. */
          {
            const char *q = p + 1;

            while (q < end && is_blank (*q))
              q++;
            if (q == end)
              {
                p = end;
                continue;
              }
            if (*q == '\n')
              {
                p = q + 1;
                continue;
              }
          }

          g_string_append_c (out, '=');
          p++;
          continue;
        }

      if (underscore_is_space && *p == '_')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
      p++;
    }

  return out;
}

static GString *
decode_base64 (const char *p,
               gsize       length)
{
  GString *out = g_string_sized_new (length / 4 * 3 + 4);
  gint state = 0;
  guint save = 0;
  gsize n;

  /* g_base64_decode_step() skips what is not in the alphabet. */
  n = g_base64_decode_step (p, length, (guchar *) out->str, &state, &save);
  g_string_set_size (out, n);

  return out;
}

typedef enum {
  TRANSFER_AS_IS,             /* 7bit, 8bit, binary or none */
  TRANSFER_BASE64,
  TRANSFER_QUOTED_PRINTABLE,
} Transfer;

static Transfer
transfer_of (const char *encoding)
{
  g_autofree char *e = NULL;

  if (encoding == NULL)
    return TRANSFER_AS_IS;

  e = strip_dup (encoding, strlen (encoding));
  if (g_ascii_strcasecmp (e, "base64") == 0)
    return TRANSFER_BASE64;
  if (g_ascii_strcasecmp (e, "quoted-printable") == 0)
    return TRANSFER_QUOTED_PRINTABLE;

  return TRANSFER_AS_IS;
}

static GString *
decode_transfer (const char *p,
                 gsize       length,
                 const char *encoding)
{
  switch (transfer_of (encoding))
    {
    case TRANSFER_BASE64:
      return decode_base64 (p, length);
    case TRANSFER_QUOTED_PRINTABLE:
      return decode_quoted_printable (p, length, FALSE);
    case TRANSFER_AS_IS:
    default:
      return g_string_new_len (p, length);
    }
}

/* RFC 2047 encoded words ("=?iso-8859-1?Q?caf=E9?="), then UTF-8. */
static char *
decode_header_text (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean last_was_word = FALSE;

  while (*p)
    {
      if (p[0] == '=' && p[1] == '?')
        {
          const char *charset = p + 2;
          const char *q1 = strchr (charset, '?');

          if (q1 != NULL && q1[1] != '\0' && q1[2] == '?')
            {
              const char *encoded = q1 + 3;
              const char *q2 = strstr (encoded, "?=");

              if (q2 != NULL)
                {
                  g_autofree char *cs = g_strndup (charset, q1 - charset);
                  g_autoptr(GString) raw = NULL;
                  g_autofree char *text = NULL;
                  char *star = strchr (cs, '*');

                  if (star != NULL)
                    *star = '\0';
                  if (q1[1] == 'B' || q1[1] == 'b')
                    raw = decode_base64 (encoded, q2 - encoded);
                  else
                    raw = decode_quoted_printable (encoded, q2 - encoded, TRUE);
                  text = to_utf8 (raw->str, raw->len, cs);
                  g_string_append (out, text);
                  last_was_word = TRUE;
                  p = q2 + 2;
                  continue;
                }
            }
        }

      if (is_blank (*p) || *p == '\n')
        {
          const char *q = p;

          while (is_blank (*q) || *q == '\n')
            q++;
          /* Blanks between two encoded words vanish. */
          if (!(last_was_word && q[0] == '=' && q[1] == '?'))
            g_string_append_c (out, ' ');
          p = q;
          continue;
        }

      g_string_append_c (out, *p);
      last_was_word = FALSE;
      p++;
    }

  {
    char *raw = g_string_free (out, FALSE);
    char *text = to_utf8 (raw, strlen (raw), NULL);

    g_free (raw);
    return g_strstrip (text);
  }
}

static char *
html_to_text (const char *html,
              gsize       length)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "lt", "<" }, { "gt", ">" }, { "amp", "&" }, { "quot", "\"" },
    { "apos", "'" }, { "nbsp", " " },
  };
  GString *out = g_string_sized_new (length);
  const char *p = html;
  const char *end = html + length;

  while (p < end)
    {
      if (*p == '<')
        {
          const char *close = memchr (p, '>', end - p);
          const char *tag = p + 1;

          if (close == NULL)
            break;
          if (*tag == '/')
            tag++;
          if (has_prefix_ci (tag, "br") || has_prefix_ci (tag, "p") || has_prefix_ci (tag, "div") ||
              has_prefix_ci (tag, "tr") || has_prefix_ci (tag, "li") || has_prefix_ci (tag, "h"))
            g_string_append_c (out, '\n');
          if (tag[-1] != '/' && (has_prefix_ci (tag, "style") || has_prefix_ci (tag, "script")))
            {
              /* Their content is no text: skip to the closing tag, or drop
               * the rest when there is none. */
              const char *stop = memchr (close, '<', end - close);

              while (stop != NULL && stop + 1 < end && stop[1] != '/')
                stop = memchr (stop + 1, '<', end - stop - 1);
              if (stop == NULL || stop + 1 >= end)
                break;
              close = memchr (stop, '>', end - stop);
              if (close == NULL)
                break;
            }
          p = close + 1;
          continue;
        }

      if (*p == '&')
        {
          const char *semi = memchr (p, ';', MIN (end - p, 10));
          gboolean done = FALSE;

          if (semi != NULL && p[1] == '#')
            {
              gunichar c = p[2] == 'x' || p[2] == 'X'
                           ? (gunichar) g_ascii_strtoull (p + 3, NULL, 16)
                           : (gunichar) g_ascii_strtoull (p + 2, NULL, 10);

              if (g_unichar_validate (c) && c != 0)
                g_string_append_unichar (out, c);
              done = TRUE;
            }
          else if (semi != NULL)
            {
              for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
                if ((gsize) (semi - p - 1) == strlen (entities[i].name) &&
                    strncmp (p + 1, entities[i].name, semi - p - 1) == 0)
                  {
                    g_string_append (out, entities[i].text);
                    done = TRUE;
                  }
            }

          if (done)
            {
              p = semi + 1;
              continue;
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Headers                                                                    */

static gboolean
is_header_line (const char *p,
                const char *end)
{
  const char *q = p;

  while (q < end && *q != ':' && *q > ' ' && *q < 127)
    q++;

  return q > p && q < end && *q == ':';
}

static gboolean
is_blank_line (const char *p,
               const char *eol)
{
  while (p < eol && is_blank (*p))
    p++;

  return p == eol;
}

typedef enum {
  KEEP_ALL,
  KEEP_USEFUL,     /* not the trace and signature fields nobody reads here */
  KEEP_RETURNED,   /* the few fields of a returned message that are shown */
} Keep;

static gboolean
keep_header (const char *name,
             gsize       length,
             Keep        keep)
{
  static const char * const returned[] = {
    "from", "to", "cc", "subject", "date", "message-id", "reply-to", "list-id", "return-path", NULL
  };
  static const char * const useless[] = {
    "received", "dkim-signature", "domainkey-signature", "authentication-results",
    "received-spf", "references", "arc-seal", "arc-message-signature",
    "arc-authentication-results", NULL
  };

  switch (keep)
    {
    case KEEP_RETURNED:
      for (guint i = 0; returned[i] != NULL; i++)
        if (lower (name[0]) == returned[i][0] && strlen (returned[i]) == length &&
            g_ascii_strncasecmp (name, returned[i], length) == 0)
          return TRUE;
      return FALSE;

    case KEEP_USEFUL:
      for (guint i = 0; useless[i] != NULL; i++)
        if (lower (name[0]) == useless[i][0] && strlen (useless[i]) == length &&
            g_ascii_strncasecmp (name, useless[i], length) == 0)
          return FALSE;
      return TRUE;

    case KEEP_ALL:
    default:
      return TRUE;
    }
}

/* Reads a header block; *out_body is where the body starts (after the
 * blank line, or at the first line that is no header). */
static GPtrArray *
parse_headers (const char  *p,
               const char  *end,
               const char **out_body,
               Keep         keep)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (header_free);
  Header *current = NULL;
  GString *value = NULL;
  gboolean skipping = FALSE;

  if (end - p > 5 && strncmp (p, "From ", 5) == 0)
    {
      const char *eol = memchr (p, '\n', end - p);

      p = eol != NULL ? eol + 1 : end;
    }

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;

      if (is_blank_line (p, eol))
        {
          p = next;
          break;
        }

      if (is_blank (*p) && (current != NULL || skipping))
        {
          const char *s = p;

          if (skipping)
            {
              p = next;
              continue;
            }
          while (s < eol && is_blank (*s))
            s++;
          while (value->len > 0 && is_blank (value->str[value->len - 1]))
            g_string_truncate (value, value->len - 1);
          g_string_append_c (value, ' ');
          g_string_append_len (value, s, eol - s);
        }
      else if (is_header_line (p, eol))
        {
          const char *colon = memchr (p, ':', eol - p);
          const char *v = colon + 1;

          if (current != NULL)
            current->value = g_string_free (value, FALSE);
          current = NULL;
          skipping = !keep_header (p, colon - p, keep);
          if (!skipping)
            {
              current = g_new0 (Header, 1);
              current->name = g_strndup (p, colon - p);
              while (v < eol && is_blank (*v))
                v++;
              value = g_string_new_len (v, eol - v);
              g_ptr_array_add (headers, current);
            }
        }
      else
        break;

      p = next;
    }

  if (current != NULL)
    {
      while (value->len > 0 && is_blank (value->str[value->len - 1]))
        g_string_truncate (value, value->len - 1);
      current->value = g_string_free (value, FALSE);
    }

  *out_body = p;

  return headers;
}

static const char *
header_get (GPtrArray  *headers,
            const char *name)
{
  if (headers == NULL)
    return NULL;

  for (guint i = 0; i < headers->len; i++)
    {
      Header *header = g_ptr_array_index (headers, i);

      if (g_ascii_strcasecmp (header->name, name) == 0)
        return header->value;
    }

  return NULL;
}

static char *
header_param (const char *value,
              const char *param)
{
  gsize n = strlen (param);
  const char *p = value;

  while (p != NULL && (p = strchr (p, ';')) != NULL)
    {
      const char *q;

      p++;
      while (g_ascii_isspace (*p))
        p++;
      if (g_ascii_strncasecmp (p, param, n) != 0)
        continue;

      q = p + n;
      while (is_blank (*q))
        q++;
      if (*q != '=')
        continue;
      q++;
      while (is_blank (*q))
        q++;

      if (*q == '"')
        {
          GString *s = g_string_new (NULL);

          for (q++; *q && *q != '"'; q++)
            {
              if (*q == '\\' && q[1] != '\0')
                q++;
              g_string_append_c (s, *q);
            }
          return g_string_free (s, FALSE);
        }
      else
        {
          const char *e = q;

          while (*e && *e != ';' && !g_ascii_isspace (*e))
            e++;
          return g_strndup (q, e - q);
        }
    }

  return NULL;
}

static char *
media_type (const char *value)
{
  g_autofree char *type = NULL;
  const char *semi;

  if (value == NULL)
    return g_strdup ("text/plain");

  semi = strchr (value, ';');
  type = strip_dup (value, semi != NULL ? (gsize) (semi - value) : strlen (value));

  return g_ascii_strdown (type, -1);
}

/* ------------------------------------------------------------------------ */
/* Addresses                                                                  */

static inline gboolean
is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+/=?^_`{|}~.-", c) != NULL);
}

static inline gboolean
is_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_';
}

/* Whether [s, e) can end a domain: two letters or more, or an IDN's
 * "xn--" form. Random bytes hold things like "#GS@Y.s". */
static gboolean
is_top_level_domain (const char *s,
                     const char *e)
{
  if (e - s > 4 && g_ascii_strncasecmp (s, "xn--", 4) == 0)
    return TRUE;
  if (e - s < 2)
    return FALSE;
  for (; s < e; s++)
    if (!g_ascii_isalpha (*s))
      return FALSE;

  return TRUE;
}

/* Finds the next address in [p, end): local@domain.tld. */
static gboolean
find_address (const char  *p,
              const char  *end,
              const char **out_start,
              const char **out_end)
{
  const char *at = p;

  while ((at = memchr (at, '@', end - at)) != NULL)
    {
      const char *s = at;
      const char *e = at + 1;
      gboolean dot = FALSE;

      while (s > p && is_local_char (s[-1]))
        s--;
      /* Quotes and dots at the edges belong to the sentence. */
      while (s < at && (*s == '\'' || *s == '.' || *s == '`'))
        s++;
      while (e < end && is_domain_char (*e))
        {
          if (*e == '.')
            dot = TRUE;
          e++;
        }
      while (e > at + 1 && (e[-1] == '.' || e[-1] == '-'))
        e--;

      if (s < at && e > at + 1 && dot && memchr (at + 1, '.', e - at - 1) != NULL &&
          is_top_level_domain (g_strrstr_len (at + 1, e - at - 1, ".") + 1, e))
        {
          *out_start = s;
          *out_end = e;
          return TRUE;
        }
      at++;
    }

  return FALSE;
}

/* "rfc822; <Someone@Example.ORG>" → "Someone@Example.ORG" */
static char *
typed_address (const char *value)
{
  const char *semi = strchr (value, ';');
  const char *v = semi != NULL ? semi + 1 : value;
  const char *s, *e;

  if (find_address (v, v + strlen (v), &s, &e))
    return g_strndup (s, e - s);

  return NULL;
}

/* "dns; mx.example.org" → "mx.example.org" */
static char *
typed_value (const char *value)
{
  const char *semi = strchr (value, ';');
  const char *v = semi != NULL ? semi + 1 : value;
  g_autofree char *s = strip_dup (v, strlen (v));

  return *s ? g_steal_pointer (&s) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Deliveries                                                                 */

static MdBounceDelivery *
add_delivery (MdBounceMessage *self)
{
  MdBounceDelivery *delivery;

  if (self->deliveries->len >= MAX_DELIVERIES)
    return g_ptr_array_index (self->deliveries, self->deliveries->len - 1);

  delivery = g_new0 (MdBounceDelivery, 1);
  g_ptr_array_add (self->deliveries, delivery);

  return delivery;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value ? g_strdup (value) : NULL;
}

static gboolean
is_status_code (const char *s)
{
  guint detail = 0;

  if (s == NULL || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
    return FALSE;
  s += 2;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  if (*s != '.')
    return FALSE;
  for (s++; g_ascii_isdigit (*s); s++)
    detail++;

  return detail >= 1 && detail <= 3 && *s == '\0';
}

typedef struct {
  MdBounceMessage  *self;
  MdBounceDelivery *current;
  guint             n_fields;
} DsnState;

static void
dsn_field (DsnState   *state,
           const char *name,
           const char *raw_value)
{
  MdBounceMessage *self = state->self;
  g_autofree char *value = to_utf8 (raw_value, strlen (raw_value), NULL);
  MdBounceDelivery *d = state->current;

  g_strstrip (value);

  if (g_ascii_strcasecmp (name, "Reporting-MTA") == 0)
    {
      if (self->reporting_mta == NULL)
        self->reporting_mta = typed_value (value);
    }
  else if (g_ascii_strcasecmp (name, "Received-From-MTA") == 0)
    {
      if (self->received_from_mta == NULL)
        self->received_from_mta = typed_value (value);
    }
  else if (g_ascii_strcasecmp (name, "Arrival-Date") == 0)
    {
      if (self->arrival_date == NULL && *value)
        self->arrival_date = g_strdup (value);
    }
  else if (g_ascii_strcasecmp (name, "Final-Recipient") == 0)
    {
      if (d == NULL || d->recipient != NULL)
        d = add_delivery (self);
      g_free (d->recipient);
      d->recipient = typed_address (value);
      if (d->recipient == NULL)
        d->recipient = typed_value (value);
    }
  else if (g_ascii_strcasecmp (name, "Original-Recipient") == 0)
    {
      /* Postfix writes Final- before Original-Recipient, RFC 3464 after. */
      if (d == NULL || d->original_recipient != NULL)
        d = add_delivery (self);
      g_free (d->original_recipient);
      d->original_recipient = typed_address (value);
    }
  else if (g_ascii_strcasecmp (name, "X-Actual-Recipient") == 0)
    {
      if (d != NULL && d->original_recipient == NULL)
        d->original_recipient = typed_address (value);
    }
  else if (g_ascii_strcasecmp (name, "Action") == 0)
    {
      g_autofree char *action = g_ascii_strdown (value, -1);
      char *space = strpbrk (action, " \t(;");

      if (space != NULL)
        *space = '\0';
      if (d == NULL || d->action != NULL)
        d = add_delivery (self);
      set_string (&d->action, action);
    }
  else if (g_ascii_strcasecmp (name, "Status") == 0)
    {
      char *space = strpbrk (value, " \t(;");

      if (space != NULL)
        *space = '\0';
      if (!is_status_code (value))
        return;
      if (d == NULL || d->status != NULL)
        d = add_delivery (self);
      set_string (&d->status, value);
    }
  else if (g_ascii_strcasecmp (name, "Remote-MTA") == 0)
    {
      if (d == NULL)
        d = add_delivery (self);
      g_free (d->remote_mta);
      d->remote_mta = typed_value (value);
    }
  else if (g_ascii_strcasecmp (name, "Diagnostic-Code") == 0)
    {
      const char *semi = strchr (value, ';');

      if (d == NULL)
        d = add_delivery (self);
      if (semi != NULL && semi - value < 20 && memchr (value, ' ', semi - value) == NULL)
        {
          g_free (d->diagnostic_type);
          d->diagnostic_type = g_ascii_strdown (value, semi - value);
          g_free (d->diagnostic);
          d->diagnostic = strip_dup (semi + 1, strlen (semi + 1));
        }
      else
        set_string (&d->diagnostic, value);
    }
  else if (g_ascii_strcasecmp (name, "Last-Attempt-Date") == 0)
    {
      if (d == NULL)
        d = add_delivery (self);
      set_string (&d->last_attempt_date, value);
    }
  else if (g_ascii_strcasecmp (name, "Will-Retry-Until") == 0)
    {
      if (d == NULL)
        d = add_delivery (self);
      set_string (&d->will_retry_until, value);
    }
  else
    return;

  state->current = d;
  state->n_fields++;
}

/* Reads RFC 3464 fields from @text: groups separated by blank lines, the
 * per-recipient ones started by Final-/Original-Recipient. Lines that are
 * not fields are skipped, so it also reads DSN fields pasted inside a text. */
static guint
parse_dsn (MdBounceMessage *self,
           const char      *text,
           gsize            length)
{
  DsnState state = { self, NULL, 0 };
  const char *p = text;
  const char *end = text + length;
  g_autofree char *name = NULL;
  g_autoptr(GString) value = g_string_new (NULL);

  while (p <= end)
    {
      const char *eol = p < end ? memchr (p, '\n', end - p) : NULL;
      const char *next;

      if (eol == NULL)
        eol = end;
      /* A part's last line has no newline of its own (it belongs to the
       * boundary): stop on the end, so that its field is still read. */
      next = eol < end ? eol + 1 : end;

      if (name != NULL && p < end && is_blank (*p) && !is_blank_line (p, eol))
        {
          const char *s = p;

          while (s < eol && is_blank (*s))
            s++;
          g_string_append_c (value, ' ');
          g_string_append_len (value, s, eol - s);
          p = next;
          continue;
        }

      if (name != NULL)
        {
          dsn_field (&state, name, value->str);
          g_clear_pointer (&name, g_free);
        }

      if (p >= end)
        break;

      if (is_blank_line (p, eol))
        state.current = NULL;
      else if (is_header_line (p, eol))
        {
          const char *colon = memchr (p, ':', eol - p);
          const char *v = colon + 1;

          name = g_strndup (p, colon - p);
          while (v < eol && is_blank (*v))
            v++;
          g_string_assign (value, "");
          g_string_append_len (value, v, eol - v);
        }

      p = next;
    }

  return state.n_fields;
}

/* ------------------------------------------------------------------------ */
/* Amazon SES notifications: JSON instead of a DSN                            */

static void
parse_ses_recipient (MdBounceMessage *self,
                     JsonObject      *recipient,
                     const char      *default_action)
{
  MdBounceDelivery *d = add_delivery (self);
  const char *address = json_object_get_string_member_with_default (recipient, "emailAddress", NULL);
  const char *action = json_object_get_string_member_with_default (recipient, "action", default_action);
  const char *status = json_object_get_string_member_with_default (recipient, "status", NULL);
  const char *diagnostic = json_object_get_string_member_with_default (recipient, "diagnosticCode", NULL);

  set_string (&d->recipient, address);
  set_string (&d->action, action);
  if (is_status_code (status))
    set_string (&d->status, status);
  if (diagnostic != NULL)
    {
      const char *semi = strchr (diagnostic, ';');

      if (semi != NULL && semi - diagnostic < 20)
        {
          d->diagnostic_type = g_ascii_strdown (diagnostic, semi - diagnostic);
          d->diagnostic = strip_dup (semi + 1, strlen (semi + 1));
        }
      else
        set_string (&d->diagnostic, diagnostic);
    }
}

static gboolean
parse_ses_object (MdBounceMessage *self,
                  JsonObject      *root,
                  guint            depth)
{
  const char *type = json_object_get_string_member_with_default (root, "notificationType", NULL);
  JsonObject *object;

  if (type == NULL)
    type = json_object_get_string_member_with_default (root, "eventType", NULL);

  if (type == NULL && depth == 0 && json_object_has_member (root, "Message"))
    {
      /* An SNS envelope: the notification is a JSON string inside. */
      const char *message = json_object_get_string_member_with_default (root, "Message", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (message != NULL && json_parser_load_from_data (parser, message, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return parse_ses_object (self, json_node_get_object (json_parser_get_root (parser)), 1);
      return FALSE;
    }

  if (type == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (type, "Bounce") == 0 &&
      (object = json_object_get_object_member (root, "bounce")) != NULL &&
      json_object_has_member (object, "bouncedRecipients"))
    {
      JsonArray *recipients = json_object_get_array_member (object, "bouncedRecipients");
      const char *mta = json_object_get_string_member_with_default (object, "reportingMTA", NULL);

      for (guint i = 0; recipients != NULL && i < json_array_get_length (recipients); i++)
        {
          JsonNode *node = json_array_get_element (recipients, i);

          if (JSON_NODE_HOLDS_OBJECT (node))
            parse_ses_recipient (self, json_node_get_object (node), "failed");
        }
      if (mta != NULL && self->reporting_mta == NULL)
        self->reporting_mta = typed_value (mta);
      return self->deliveries->len > 0;
    }

  if (g_ascii_strcasecmp (type, "Delivery") == 0 &&
      (object = json_object_get_object_member (root, "delivery")) != NULL &&
      json_object_has_member (object, "recipients"))
    {
      JsonArray *recipients = json_object_get_array_member (object, "recipients");
      const char *response = json_object_get_string_member_with_default (object, "smtpResponse", NULL);
      const char *mta = json_object_get_string_member_with_default (object, "reportingMTA", NULL);

      for (guint i = 0; recipients != NULL && i < json_array_get_length (recipients); i++)
        {
          MdBounceDelivery *d;
          const char *address = json_array_get_string_element (recipients, i);

          if (address == NULL)
            continue;
          d = add_delivery (self);
          set_string (&d->recipient, address);
          set_string (&d->action, "delivered");
          set_string (&d->diagnostic, response);
          d->diagnostic_type = g_strdup ("smtp");
        }
      if (mta != NULL && self->reporting_mta == NULL)
        self->reporting_mta = typed_value (mta);
      return self->deliveries->len > 0;
    }

  return FALSE;
}

static gboolean
parse_ses_json (MdBounceMessage *self,
                const char      *text)
{
  const char *start = strchr (text, '{');
  const char *end = strrchr (text, '}');
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (start == NULL || end == NULL || end < start || strstr (text, "\"notificationType\"") == NULL)
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, start, end - start + 1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  return parse_ses_object (self, json_node_get_object (root), 0);
}

/* ------------------------------------------------------------------------ */
/* MIME                                                                       */

static void
add_text (MdBounceMessage *self,
          const char      *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (self->text->len > 0 && self->text->str[self->text->len - 1] != '\n')
    g_string_append_c (self->text, '\n');
  g_string_append (self->text, text);
}

static gboolean
is_dsn_type (const char *type)
{
  return g_str_equal (type, "message/delivery-status") ||
         g_str_equal (type, "message/global-delivery-status") ||
         g_str_equal (type, "text/delivery-status") ||
         g_str_equal (type, "message/x-delivery-status");
}

static gboolean
is_returned_type (const char *type)
{
  return g_str_equal (type, "message/rfc822") ||
         g_str_equal (type, "message/global") ||
         g_str_equal (type, "message/partial") ||
         g_str_equal (type, "text/rfc822-headers") ||
         g_str_equal (type, "message/rfc822-headers") ||
         g_str_equal (type, "message/global-headers") ||
         g_str_equal (type, "text/rfc822");
}

static void walk_entity (MdBounceMessage *self,
                         GPtrArray       *headers,
                         const char      *body,
                         const char      *end,
                         guint            depth);

static void
keep_original_headers (MdBounceMessage *self,
                       const char      *data,
                       gsize            length)
{
  const char *body;
  GPtrArray *headers;

  if (self->original_headers != NULL)
    return;

  while (length > 0 && (*data == '\n' || is_blank (*data)))
    data++, length--;
  headers = parse_headers (data, data + length, &body, KEEP_RETURNED);
  if (headers->len == 0)
    {
      g_ptr_array_unref (headers);
      return;
    }
  self->original_headers = headers;
}

static void
walk_multipart (MdBounceMessage *self,
                const char      *type,
                const char      *boundary,
                const char      *body,
                const char      *end,
                guint            depth)
{
  gsize blen = strlen (boundary);
  const char *p = body;
  const char *part = NULL;
  gboolean alternative = g_str_equal (type, "multipart/alternative");
  gboolean found = FALSE;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();   /* start, end pairs */

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;

      if (eol - p >= (gssize) blen + 2 && p[0] == '-' && p[1] == '-' &&
          memcmp (p + 2, boundary, blen) == 0)
        {
          const char *rest = p + 2 + blen;
          gboolean closing = eol - rest >= 2 && rest[0] == '-' && rest[1] == '-';

          if (closing || is_blank_line (rest, eol))
            {
              found = TRUE;
              if (part != NULL)
                {
                  /* The line end before the boundary belongs to it. */
                  const char *part_end = p > part && p[-1] == '\n' ? p - 1 : p;

                  g_ptr_array_add (parts, (gpointer) part);
                  g_ptr_array_add (parts, (gpointer) MAX (part, part_end));
                }
              part = closing ? NULL : next;
              if (closing)
                break;
            }
        }
      p = next;
    }

  if (part != NULL && part < end)
    {
      g_ptr_array_add (parts, (gpointer) part);
      g_ptr_array_add (parts, (gpointer) end);
    }

  if (!found)
    {
      g_autofree char *text = to_utf8 (body, end - body, NULL);

      add_text (self, text);
      return;
    }

  if (g_str_equal (type, "multipart/report"))
    self->is_report = TRUE;

  {
    gboolean has_plain = FALSE;
    GPtrArray *all_headers[MAX_PARTS];
    const char *bodies[MAX_PARTS];
    guint n = 0;

    for (guint i = 0; i + 1 < parts->len && n < MAX_PARTS; i += 2)
      {
        const char *start = g_ptr_array_index (parts, i);
        const char *stop = g_ptr_array_index (parts, i + 1);
        const char *part_body;
        GPtrArray *part_headers;

        part_headers = parse_headers (start, stop, &part_body, KEEP_ALL);
        if (part_headers->len == 0)
          part_body = start;
        all_headers[n] = part_headers;
        bodies[n] = part_body;
        n++;

        if (alternative)
          {
            g_autofree char *part_type = media_type (header_get (part_headers, "content-type"));

            if (g_str_equal (part_type, "text/plain"))
              has_plain = TRUE;
          }
      }

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *part_type = media_type (header_get (all_headers[i], "content-type"));
        const char *stop = g_ptr_array_index (parts, 2 * i + 1);

        if (!(alternative && has_plain && !g_str_equal (part_type, "text/plain")))
          walk_entity (self, all_headers[i], bodies[i], MAX (bodies[i], stop), depth + 1);
        g_ptr_array_unref (all_headers[i]);
      }
  }
}

static void
walk_entity (MdBounceMessage *self,
             GPtrArray       *headers,
             const char      *body,
             const char      *end,
             guint            depth)
{
  const char *content_type = header_get (headers, "content-type");
  const char *encoding = header_get (headers, "content-transfer-encoding");
  g_autofree char *type = media_type (content_type);
  g_autofree char *charset = content_type != NULL ? header_param (content_type, "charset") : NULL;

  if (depth > MAX_DEPTH || ++self->n_parts > MAX_PARTS)
    return;

  if (g_str_has_prefix (type, "multipart/"))
    {
      g_autofree char *boundary = header_param (content_type, "boundary");

      if (g_str_equal (type, "multipart/report"))
        {
          g_autofree char *report_type = header_param (content_type, "report-type");

          if (report_type != NULL && g_ascii_strcasecmp (report_type, "feedback-report") == 0)
            self->is_feedback = TRUE;
        }

      if (boundary != NULL && *boundary)
        {
          walk_multipart (self, type, boundary, body, end, depth);
          return;
        }
    }
  else if (is_dsn_type (type))
    {
      g_autoptr(GString) decoded = decode_transfer (body, end - body, encoding);

      replace_nul (decoded);
      if (parse_dsn (self, decoded->str, decoded->len) > 0)
        self->is_dsn = TRUE;
      return;
    }
  else if (is_returned_type (type))
    {
      g_autoptr(GString) decoded = decode_transfer (body, end - body, encoding);

      replace_nul (decoded);
      keep_original_headers (self, decoded->str, decoded->len);
      return;
    }
  else if (!g_str_has_prefix (type, "text/") && !g_str_equal (type, "message/feedback-report") &&
           !g_str_equal (type, "application/json"))
    return;

  {
    /* Not copied when it is already the text: it can be megabytes. */
    g_autoptr(GString) decoded = transfer_of (encoding) == TRANSFER_AS_IS ? NULL : decode_transfer (body, end - body, encoding);
    g_autofree char *text = decoded != NULL ? to_utf8 (decoded->str, decoded->len, charset)
                                            : to_utf8 (body, end - body, charset);

    if (g_str_equal (type, "text/html"))
      {
        g_autofree char *plain = html_to_text (text, strlen (text));

        add_text (self, plain);
      }
    else
      add_text (self, text);
  }
}

/* ------------------------------------------------------------------------ */
/* The MTA's own text                                                         */

/* Lines after which the returned message starts. */
static const char * const cut_markers[] = {
  "copy of the message",
  "copy of the original message",
  "original message follows",
  "original message headers",
  "message headers follow",
  "header of the original message",
  "headers of the original message",
  "----- original message -----",
  "returned message follows",
  "unsent message below",
  "undelivered message follows",
  "original mail follows",
  "content-type: message/rfc822",
  "--- the original message",
  "your message reads",
  NULL
};

/* The returned headers themselves when no marker announced them, or an
 * mbox "From sender date" line. */
static gboolean
is_returned_header_line (const char *p,
                         const char *eol)
{
  return has_prefix_ci (p, "Return-Path:") || has_prefix_ci (p, "Received:") ||
         (strncmp (p, "From ", 5) == 0 && memchr (p, '@', eol - p) != NULL &&
          memchr (p, ':', eol - p) != NULL);
}

static gsize
find_cut (const char *text,
          const char *lowered,
          gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  gboolean seen_text = FALSE;
  gsize cut = length;

  for (guint i = 0; cut_markers[i] != NULL; i++)
    {
      const char *hit = find_lower (lowered, cut, cut_markers[i]);

      if (hit != NULL)
        {
          const char *line = hit;

          while (line > lowered && line[-1] != '\n')
            line--;
          cut = line - lowered;
        }
    }

  while (p < text + cut)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      if (seen_text && is_returned_header_line (p, eol))
        return p - text;
      if (!is_blank_line (p, eol))
        seen_text = TRUE;
      p = eol < end ? eol + 1 : end;
    }

  return cut;
}

static gboolean
is_separator_line (const char *p,
                   const char *eol)
{
  while (p < eol && is_blank (*p))
    p++;

  return eol - p >= 5 && (strncmp (p, "-----", 5) == 0 || strncmp (p, "_____", 5) == 0 ||
                          strncmp (p, "=====", 5) == 0 || strncmp (p, "*****", 5) == 0 ||
                          strncmp (p, "#####", 5) == 0);
}

typedef struct {
  char    *address;
  GString *diagnostic;
} Anchor;

static void
anchor_free (gpointer data)
{
  Anchor *anchor = data;

  g_free (anchor->address);
  g_string_free (anchor->diagnostic, TRUE);
  g_free (anchor);
}

static const char * const anchor_prefixes[] = {
  "recipient", "recipients", "recipient address", "address", "failed recipient",
  "failed address", "original recipient", "destinataire", "adresse",
  "unknown recipient", "invalid recipient", "to", NULL
};

/* "550 <", "550 5.1.1 <": a reply naming the address, as Sendmail writes. */
static gboolean
is_reply_prefix (const char *p,
                 const char *end)
{
  const char *q = p;

  if (end - p < 4 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) ||
      (p[0] != '4' && p[0] != '5') || !is_blank (p[3]))
    return FALSE;

  for (q = p + 3; q < end; q++)
    if (!is_blank (*q) && !g_ascii_isdigit (*q) && *q != '.' && *q != '<' && *q != '"')
      return FALSE;

  return TRUE;
}

/* Does the line name a recipient the way NDRs list them? "addr", "<addr>:",
 * "addr: 550 …", "<addr>... User unknown", "addr on <date>". *out_rest gets
 * the text that follows the address on the same line, if it is part of the
 * diagnostic. */
static gboolean
anchor_line (const char  *p,
             const char  *eol,
             const char **out_start,
             const char **out_end,
             const char **out_rest)
{
  const char *s, *e, *pre, *post;

  if (!find_address (p, eol, &s, &e))
    return FALSE;

  pre = p;
  while (pre < s && (is_blank (*pre) || *pre == '<' || *pre == '"' || *pre == '\'' || *pre == '>'))
    pre++;

  if (pre < s && is_reply_prefix (pre, s))
    {
      pre = s;
      /* The reply code is part of what the server said. */
      if (!anchor_line (s, eol, out_start, out_end, out_rest))
        return FALSE;
      *out_rest = p;
      return TRUE;
    }

  if (pre < s)
    {
      /* "Recipient: <addr>", "Recipient address: addr" */
      const char *word_end = s;
      g_autofree char *word = NULL;
      gboolean allowed = FALSE;

      while (word_end > pre && (is_blank (word_end[-1]) || word_end[-1] == '<' || word_end[-1] == '"'))
        word_end--;
      if (word_end == pre || word_end[-1] != ':')
        return FALSE;
      word = g_ascii_strdown (pre, word_end - 1 - pre);
      g_strstrip (word);
      for (guint i = 0; anchor_prefixes[i] != NULL; i++)
        if (g_str_equal (word, anchor_prefixes[i]))
          allowed = TRUE;
      if (!allowed || g_str_equal (word, "to"))
        return FALSE;
    }

  post = e;
  while (post < eol && (*post == '>' || *post == '"' || *post == '\''))
    post++;
  while (post < eol && is_blank (*post))
    post++;

  *out_start = s;
  *out_end = e;
  *out_rest = NULL;

  if (post == eol || ((*post == ':' || *post == ',' || *post == ';' || *post == '.') && is_blank_line (post + 1, eol)))
    return TRUE;
  if (*post == ':')
    {
      *out_rest = post + 1;
      return TRUE;
    }
  if (eol - post >= 3 && strncmp (post, "...", 3) == 0)
    {
      *out_rest = post;
      return TRUE;
    }
  if (*post == '(')
    {
      *out_rest = post;
      return TRUE;
    }
  if (has_prefix_ci (post, "on ") || has_prefix_ci (post, "<mailto:") || has_prefix_ci (post, "[mailto:"))
    return TRUE;

  /* "addr Invalid Address, ERROR_CODE :550 …": the address, then its error. */
  if (pre == s && (memchr (post, '4', eol - post) != NULL || memchr (post, '5', eol - post) != NULL))
    {
      g_autoptr(GArray) codes = md_bounce_scan (post, eol - post, NULL);

      for (guint i = 0; i < codes->len; i++)
        if (g_array_index (codes, MdCodeSpan, i).klass >= MD_CODE_CLASS_TEMPORARY)
          {
            *out_rest = post;
            return TRUE;
          }
    }

  return FALSE;
}

static guint
indent_of (const char *p,
           const char *eol)
{
  guint n = 0;

  while (p < eol && is_blank (*p))
    {
      n += *p == '\t' ? 8 : 1;
      p++;
    }

  return n;
}

/* The anchor of @address, made on first sight; NULL once there are too many. */
static Anchor *
anchor_for (GPtrArray  *anchors,
            GHashTable *index,
            const char *address,
            gsize       length)
{
  g_autofree char *key = lower_dup (address, length);
  Anchor *anchor = g_hash_table_lookup (index, key);

  if (anchor != NULL)
    return anchor;
  if (anchors->len >= MAX_DELIVERIES)
    return NULL;

  anchor = g_new0 (Anchor, 1);
  anchor->address = g_strndup (address, length);
  anchor->diagnostic = g_string_new (NULL);
  g_ptr_array_add (anchors, anchor);
  g_hash_table_insert (index, g_steal_pointer (&key), anchor);

  return anchor;
}

static void
append_diagnostic (GString    *diagnostic,
                   const char *p,
                   const char *eol)
{
  while (p < eol && is_blank (*p))
    p++;
  while (eol > p && is_blank (eol[-1]))
    eol--;
  if (p == eol || diagnostic->len >= MAX_DIAGNOSTIC)
    return;
  if (diagnostic->len > 0)
    g_string_append_c (diagnostic, '\n');
  g_string_append_len (diagnostic, p, MIN ((gsize) (eol - p), MAX_DIAGNOSTIC));
}

/* Addresses that are never the failed recipient: the daemon itself. */
static gboolean
is_daemon_address (const char *address,
                   gsize       length)
{
  return (length > 14 && g_ascii_strncasecmp (address, "mailer-daemon@", 14) == 0) ||
         (length > 12 && g_ascii_strncasecmp (address, "mail-daemon@", 12) == 0);
}

static GPtrArray *
find_anchors (const char *text,
              gsize       length)
{
  GPtrArray *anchors = g_ptr_array_new_with_free_func (anchor_free);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text;
  const char *end = text + length;
  Anchor *current = NULL;
  guint current_indent = 0;
  guint region_lines = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next;
      const char *s, *e, *rest;
      guint indent;

      if (eol == NULL)
        eol = end;
      next = eol < end ? eol + 1 : end;
      indent = indent_of (p, eol);

      if ((current == NULL || indent <= current_indent) &&
          anchor_line (p, eol, &s, &e, &rest) && !is_daemon_address (s, e - s))
        {
          current = anchor_for (anchors, index, s, e - s);
          current_indent = indent;
          region_lines = 0;
          if (current != NULL && rest != NULL)
            append_diagnostic (current->diagnostic, rest, eol);
        }
      else if (current != NULL)
        {
          if (is_separator_line (p, eol) || ++region_lines > MAX_REGION_LINES)
            current = NULL;
          else
            append_diagnostic (current->diagnostic, p, eol);
        }

      p = next;
    }

  return anchors;
}

static gboolean has_failure_code (const char *text,
                                  gsize       length);

/* The lines of @text that mention @address and carry a code, with the
 * replies right after them ("RCPT To:<addr>" then "<<< 550 …"). */
static char *
mention_diagnostic (MdBounceMessage *self,
                    const char      *text,
                    gsize            length,
                    const char      *address)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *needle = lower_dup (address, strlen (address));
  const char *lowered = self->lowered;
  const char *end = text + length;
  const char *done = text;
  const char *hit = lowered;

  while (out->len < MAX_DIAGNOSTIC &&
         (hit = find_lower (hit, length - (hit - lowered), needle)) != NULL)
    {
      const char *p = text + (hit - lowered);

      while (p > text && p[-1] != '\n')
        p--;

      /* The mentioning line, then up to three lines to the reply, then the
       * reply's lines as long as they carry codes (a multi-line reply). */
      for (guint line = 0, gap = 0; p < end && gap < 4 && out->len < MAX_DIAGNOSTIC; line++)
        {
          const char *eol = memchr (p, '\n', end - p);
          const char *line_start = p;

          if (eol == NULL)
            eol = end;
          gap++;
          if (p >= done && has_failure_code (p, eol - p))
            {
              append_diagnostic (out, p, eol);
              gap = 0;
            }
          else if (gap == 1 && line > 0)
            break;
          p = eol < end ? eol + 1 : end;
          if (line > 0 && (is_blank_line (line_start, eol) || has_prefix_ci (line_start, ">>>")))
            break;
        }

      done = MAX (done, p);
      hit = lowered + (MAX (done, text + (hit - lowered) + 1) - text);
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
capped_text (const char *text,
             gsize       length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;

  while (p < end && out->len < MAX_DIAGNOSTIC)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      append_diagnostic (out, p, eol);
      p = eol < end ? eol + 1 : end;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The lines of @text that carry a failure code: the server's own words,
 * without the prose the MTA wraps around them. NULL when there are none. */
static char *
failure_lines (const char *text,
               gsize       length)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;

  while (p < end && out->len < MAX_DIAGNOSTIC)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      if (has_failure_code (p, eol - p))
        append_diagnostic (out, p, eol);
      p = eol < end ? eol + 1 : end;
    }

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static gboolean
first_address (const char *value,
               char      **out)
{
  const char *s, *e;

  if (value == NULL || !find_address (value, value + strlen (value), &s, &e))
    return FALSE;
  *out = g_strndup (s, e - s);

  return TRUE;
}

/* Bounce words in subjects and texts, in a few languages. */
static const char * const bounce_phrases[] = {
  "undeliver", "undelivered", "delivery status notification", "delivery failure",
  "delivery has failed", "delivery failed", "failure notice", "returned mail",
  "mail delivery failed", "mail delivery subsystem", "could not be delivered",
  "couldn't be delivered", "was not delivered", "unable to deliver", "non remis",
  "non-remise", "unzustellbar", "nicht zugestellt", "delivery problem",
  "permanent error", "temporary error", "delivery to the following recipient",
  "message not delivered", "delivery notification", "rejected your message",
  "not be delivered", "wasn't delivered", "failed permanently", "delivery delayed",
  "delayed mail", "warning: message", "mailbox unavailable", "user unknown",
  "no such user", "bounce", "delivery report", "mail system error", "error sending",
  "could not deliver", "didn't reach", "did not reach", "message blocked",
  "message rejected", "auto-reply", "autoreply", "out of office", "automatic reply",
  "vacation", "abwesenheit", "absence",
  NULL
};

static gboolean
mentions_bounce (const char *text,
                 gsize       length,
                 gboolean    lowered)
{
  for (guint i = 0; bounce_phrases[i] != NULL; i++)
    if ((lowered ? find_lower (text, length, bounce_phrases[i]) : find_ci (text, length, bounce_phrases[i])) != NULL)
      return TRUE;

  return FALSE;
}

/* Sentences that only a delivery report writes. */
static gboolean
mentions_delivery_failure (const char *lowered,
                           gsize       length)
{
  static const char * const phrases[] = {
    "could not be delivered to", "couldn't be delivered to", "could not deliver to",
    "undeliverable to", "delivery to the following recipient", "following address(es) failed",
    "following addresses had permanent", "was not delivered to", "unable to deliver your message",
    "message could not be delivered", "failed to deliver to", NULL
  };

  for (guint i = 0; phrases[i] != NULL; i++)
    if (find_lower (lowered, length, phrases[i]) != NULL)
      return TRUE;

  return FALSE;
}

static gboolean
has_failure_code (const char *text,
                  gsize       length)
{
  g_autoptr(GArray) codes = md_bounce_scan (text, length, NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (codes, MdCodeSpan, i);

      if (span->klass == MD_CODE_CLASS_TEMPORARY || span->klass == MD_CODE_CLASS_PERMANENT)
        return TRUE;
    }

  return FALSE;
}

static const char *smtp_command (const char *text);

static void
extract_from_text (MdBounceMessage *self,
                   const char      *ndr,
                   gsize            length)
{
  g_autoptr(GPtrArray) anchors = find_anchors (ndr, length);
  g_autofree char *bounce_to = NULL;
  g_autofree char *bounce_from = NULL;

  first_address (md_bounce_message_get_header (self, "to"), &bounce_to);
  first_address (md_bounce_message_get_header (self, "from"), &bounce_from);

  if (self->deliveries->len > 0)
    {
      for (guint i = 0; i < self->deliveries->len; i++)
        {
          MdBounceDelivery *d = g_ptr_array_index (self->deliveries, i);
          Anchor *match = NULL;

          for (guint j = 0; j < anchors->len && d->recipient != NULL; j++)
            {
              Anchor *anchor = g_ptr_array_index (anchors, j);

              if (g_ascii_strcasecmp (anchor->address, d->recipient) == 0 ||
                  (d->original_recipient != NULL && g_ascii_strcasecmp (anchor->address, d->original_recipient) == 0))
                match = anchor;
            }
          if (match == NULL && self->deliveries->len == anchors->len)
            match = g_ptr_array_index (anchors, i);

          if (d->recipient == NULL && match != NULL)
            d->recipient = g_strdup (match->address);
          /* The DSN rarely says which command failed; the text often does. */
          if (d->command == NULL && match != NULL)
            d->command = g_strdup (smtp_command (match->diagnostic->str));
          if ((d->diagnostic == NULL || *d->diagnostic == '\0') && match != NULL && match->diagnostic->len > 0)
            set_string (&d->diagnostic, match->diagnostic->str);
          if ((d->diagnostic == NULL || *d->diagnostic == '\0') && d->recipient != NULL &&
              self->deliveries->len <= MAX_MENTIONS)
            {
              g_free (d->diagnostic);
              d->diagnostic = mention_diagnostic (self, ndr, length, d->recipient);
            }
        }
      return;
    }

  for (guint i = 0; i < anchors->len; i++)
    {
      Anchor *anchor = g_ptr_array_index (anchors, i);
      MdBounceDelivery *d;

      /* The bounce is addressed to the sender: not a recipient. */
      if (anchors->len > 1 && bounce_to != NULL && g_ascii_strcasecmp (anchor->address, bounce_to) == 0)
        continue;

      d = add_delivery (self);
      d->recipient = g_strdup (anchor->address);
      if (anchor->diagnostic->len > 0)
        d->diagnostic = g_strdup (anchor->diagnostic->str);
      else if (anchors->len <= MAX_MENTIONS)
        d->diagnostic = mention_diagnostic (self, ndr, length, anchor->address);
    }

  if (self->deliveries->len == 0)
    {
      const char *p = ndr;
      const char *end = ndr + length;
      const char *s, *e;
      char *recipient = NULL;

      /* An address in a sentence: "error delivering your mail to <addr>". */
      while (find_address (p, end, &s, &e))
        {
          gboolean sender = (bounce_to != NULL && (gsize) (e - s) == strlen (bounce_to) &&
                             g_ascii_strncasecmp (s, bounce_to, e - s) == 0) ||
                            (bounce_from != NULL && (gsize) (e - s) == strlen (bounce_from) &&
                             g_ascii_strncasecmp (s, bounce_from, e - s) == 0) ||
                            is_daemon_address (s, e - s) ||
                            (s - ndr >= 10 && find_ci (s - 10, 10, "FROM:") != NULL);

          if (!sender)
            {
              recipient = g_strndup (s, e - s);
              break;
            }
          p = e;
        }

      if (recipient == NULL)
        first_address (md_bounce_message_get_original_header (self, "to"), &recipient);

      /* A bounce that names nobody still says what went wrong. */
      {
        MdBounceDelivery *d = add_delivery (self);

        d->recipient = recipient;
        if (recipient != NULL)
          d->diagnostic = mention_diagnostic (self, ndr, length, recipient);
        if (d->diagnostic == NULL)
          d->diagnostic = failure_lines (ndr, length);
        if (d->diagnostic == NULL)
          d->diagnostic = capped_text (ndr, length);
      }
    }
}

/* ------------------------------------------------------------------------ */
/* Codes in the diagnostic                                                    */

static const char *
smtp_command (const char *text)
{
  static const struct { const char *phrase; const char *command; } commands[] = {
    { "end of data", "DATA" }, { "after data", "DATA" }, { "final data", "DATA" },
    { "rcpt to", "RCPT" }, { "rcpt command", "RCPT" }, { "mail from", "MAIL" },
    { "data command", "DATA" }, { "helo", "HELO" }, { "ehlo", "EHLO" },
  };
  gsize length = strlen (text);
  g_autofree char *lowered = lower_dup (text, length);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *hit = find_lower (lowered, length, commands[i].phrase);

      /* A whole word: "email from" is no "mail from". */
      while (hit != NULL && hit > lowered && g_ascii_isalpha (hit[-1]))
        hit = find_lower (hit + 1, length - (hit + 1 - lowered), commands[i].phrase);
      if (hit != NULL)
        return commands[i].command;
    }

  return NULL;
}

/* The first failure codes in @text (or success codes, for a delivery). */
static void
first_codes (const char  *text,
             gsize        length,
             gboolean     success,
             const char **out_status,
             char        *status_buffer,
             guint       *out_reply)
{
  g_autoptr(GArray) codes = md_bounce_scan (text, length, NULL);

  *out_status = NULL;
  *out_reply = 0;
  for (guint i = 0; i < codes->len; i++)
    {
      const MdCodeSpan *span = &g_array_index (codes, MdCodeSpan, i);
      gboolean wanted = span->klass == MD_CODE_CLASS_TEMPORARY || span->klass == MD_CODE_CLASS_PERMANENT ||
                        (success && span->klass == MD_CODE_CLASS_SUCCESS);

      if (!wanted)
        continue;
      if (span->kind == MD_CODE_KIND_ENHANCED && *out_status == NULL)
        {
          g_strlcpy (status_buffer, span->code, 12);
          *out_status = status_buffer;
        }
      else if (span->kind == MD_CODE_KIND_REPLY && *out_reply == 0)
        *out_reply = (guint) g_ascii_strtoull (span->code, NULL, 10);
    }
}

/* "5.1.1" but not "5.0.0" nor "5.1.10": a code precise enough to prefer
 * over a DSN's Status field. */
static gboolean
is_precise_status (const char *status)
{
  return strlen (status) == 5 && (status[0] == '4' || status[0] == '5') &&
         status[2] >= '1' && status[2] <= '9' && status[4] >= '1' && status[4] <= '9';
}

/* "5.0.0", "4.0.0": a class and nothing more. */
static gboolean
is_generic_status (const char *status)
{
  return g_str_equal (status + 1, ".0.0");
}

static void
fill_codes (MdBounceMessage *self,
            const char      *ndr,
            gsize            ndr_length)
{
  const char *text_status;
  char text_status_buffer[12];
  guint text_reply;

  first_codes (ndr, ndr_length, FALSE, &text_status, text_status_buffer, &text_reply);

  for (guint i = 0; i < self->deliveries->len; i++)
    {
      MdBounceDelivery *d = g_ptr_array_index (self->deliveries, i);
      gboolean success = d->action != NULL &&
                         (g_str_equal (d->action, "delivered") || g_str_equal (d->action, "relayed") ||
                          g_str_equal (d->action, "expanded"));
      const char *status = NULL;
      char status_buffer[12];
      guint reply = 0;

      if (d->diagnostic != NULL)
        {
          first_codes (d->diagnostic, strlen (d->diagnostic), success, &status, status_buffer, &reply);
          if (d->command == NULL)
            d->command = g_strdup (smtp_command (d->diagnostic));
        }

      if (status != NULL && (d->status == NULL || is_precise_status (status) ||
                             is_generic_status (d->status) || status[0] != d->status[0]))
        set_string (&d->status, status);
      if (d->reply_code == 0)
        d->reply_code = reply;

      /* A transcript may say more than the summary: "<<< 550 5.1.2 …"; not
       * worth a search of the whole text for each of thousands of lines. */
      if ((d->status == NULL || is_generic_status (d->status)) && d->recipient != NULL && !success &&
          self->deliveries->len <= MAX_MENTIONS)
        {
          g_autofree char *mentions = mention_diagnostic (self, ndr, ndr_length, d->recipient);

          if (mentions != NULL)
            {
              first_codes (mentions, strlen (mentions), FALSE, &status, status_buffer, &reply);
              if (status != NULL && (d->status == NULL || !is_generic_status (status)))
                set_string (&d->status, status);
              if (d->reply_code == 0)
                d->reply_code = reply;
            }
        }

      /* Still nothing precise: the codes of the whole text, when they can
       * only be about this recipient, or when there is nothing else. */
      if (!success && (self->deliveries->len == 1 || (d->status == NULL && d->reply_code == 0)))
        {
          if (text_status != NULL && (d->status == NULL || (is_generic_status (d->status) &&
                                                            !is_generic_status (text_status))))
            set_string (&d->status, text_status);
          if (d->reply_code == 0)
            d->reply_code = text_reply;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Who wrote the bounce                                                       */

static const struct {
  const char *phrase;
  const char *agent;
} agent_phrases[] = {   /* in lower case */
  { "this is the mail system at host", "postfix" },
  { "x-postfix;", "postfix" },
  { "this message was created automatically by mail delivery software", "exim" },
  { "this is the qmail-send program", "qmail" },
  { "i'm afraid i wasn't able to deliver your message", "qmail" },
  { "----- transcript of session follows -----", "sendmail" },
  { "the original message was received at", "sendmail" },
  { "did not reach the following recipient", "exchange" },
  { "delivery has failed to these recipients", "exchange" },
  { "diagnostic information for administrators", "exchange" },
  { "remote server returned", "exchange" },
  { "protection.outlook.com", "office365" },
  { "outlook.com", "outlook" },
  { "delivery to the following recipient failed", "gmail" },
  { "google tried to deliver your message", "gmail" },
  { "googlemail.com", "gmail" },
  { "sorry, we were unable to deliver your message", "yahoo" },
  { "yahoo.com", "yahoo" },
  { "this is the mailer-daemon, please do not reply", "opensmtpd" },
  { "dragonfly mail agent", "dragonfly" },
  { "courier mail server", "courier" },
  { "amazonses.com", "amazonses" },
  { "notificationtype", "amazonses" },
  { "lotus domino", "domino" },
  { "lotus notes", "notes" },
  { "mail.ru", "mailru" },
  { "yandex", "yandex" },
  { "gmx.", "gmx" },
  { "zoho", "zoho" },
  { "mimecast", "mimecast" },
  { "barracuda", "barracuda" },
  { "mailfoundry", "mailfoundry" },
  { "mcafee", "mcafee" },
  { "mxlogic", "mxlogic" },
  { "powermta", "powermta" },
  { "messaging server", "messagingserver" },
  { "imail server", "imailserver" },
  { "ipswitch", "imailserver" },
  { "surfcontrol", "surfcontrol" },
  { "active!hunter", "activehunter" },
  { "googlegroups", "googlegroups" },
  { "google groups", "googlegroups" },
};

static const char *
detect_agent (MdBounceMessage *self,
              gsize            length)
{
  const char *sources[] = {
    md_bounce_message_get_header (self, "from"),
    md_bounce_message_get_header (self, "subject"),
    md_bounce_message_get_header (self, "x-mailer"),
    self->reporting_mta,
  };
  gsize head = MIN (length, 2048);

  for (guint i = 0; i < G_N_ELEMENTS (agent_phrases); i++)
    {
      if (find_lower (self->lowered, head, agent_phrases[i].phrase) != NULL)
        return agent_phrases[i].agent;
      for (guint j = 0; j < G_N_ELEMENTS (sources); j++)
        if (sources[j] != NULL && find_ci (sources[j], strlen (sources[j]), agent_phrases[i].phrase) != NULL)
          return agent_phrases[i].agent;
    }

  for (guint i = 0; i < self->deliveries->len; i++)
    {
      MdBounceDelivery *d = g_ptr_array_index (self->deliveries, i);

      if (d->diagnostic_type != NULL && g_str_equal (d->diagnostic_type, "x-postfix"))
        return "postfix";
    }

  return NULL;
}

/* ------------------------------------------------------------------------ */
/* The object                                                                 */

static void
md_bounce_message_finalize (GObject *object)
{
  MdBounceMessage *self = MD_BOUNCE_MESSAGE (object);

  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->original_headers, g_ptr_array_unref);
  g_clear_pointer (&self->decoded, g_hash_table_unref);
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);
  g_string_free (self->text, TRUE);
  g_free (self->lowered);
  g_free (self->reporting_mta);
  g_free (self->received_from_mta);
  g_free (self->arrival_date);

  G_OBJECT_CLASS (md_bounce_message_parent_class)->finalize (object);
}

static void
md_bounce_message_class_init (MdBounceMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = md_bounce_message_finalize;
}

static void
md_bounce_message_init (MdBounceMessage *self)
{
  self->deliveries = g_ptr_array_new_with_free_func ((GDestroyNotify) md_bounce_delivery_free);
  self->decoded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->text = g_string_new (NULL);
}

/* Does the paste start with a real header block, not with DSN fields or a
 * "Diagnostic-Code:" line on their own? */
static gboolean
starts_with_headers (const char *p,
                     const char *end)
{
  static const char * const known[] = {
    "from", "to", "subject", "date", "received", "return-path", "content-type",
    "message-id", "mime-version", "delivered-to", "x-failed-recipients",
    "auto-submitted", "reply-to", "sender", "x-original-to", NULL
  };

  if (end - p > 5 && strncmp (p, "From ", 5) == 0)
    return TRUE;

  /* Walk the would-be header block: fields and folds up to a blank line. */
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *colon;

      if (eol == NULL)
        eol = end;
      if (is_blank_line (p, eol))
        return FALSE;
      if (!is_blank (*p))
        {
          if (!is_header_line (p, eol))
            return FALSE;
          colon = memchr (p, ':', eol - p);
          for (guint j = 0; known[j] != NULL; j++)
            if ((gsize) (colon - p) == strlen (known[j]) && g_ascii_strncasecmp (p, known[j], colon - p) == 0)
              return TRUE;
        }
      p = eol < end ? eol + 1 : end;
    }

  return FALSE;
}

static gboolean
text_has_dsn_fields (const char *text,
                     gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      if (has_prefix_ci (p, "Final-Recipient:") || has_prefix_ci (p, "Original-Recipient:") ||
          has_prefix_ci (p, "Diagnostic-Code:"))
        return TRUE;
      p = eol < end ? eol + 1 : end;
    }

  return FALSE;
}

/* RFC 3834 auto-replies and the usual "out of office" subjects. */
static gboolean
is_auto_reply (MdBounceMessage *self)
{
  static const char * const subjects[] = {
    "auto:", "auto reply", "auto-reply", "autoreply", "automatic reply", "out of office",
    "out of the office", "away", "vacation", "on leave", "abwesenheit", "absence",
    "réponse automatique", "reponse automatique", "respuesta automática", NULL
  };
  const char *auto_submitted = header_get (self->headers, "auto-submitted");
  const char *precedence = header_get (self->headers, "precedence");
  const char *subject = md_bounce_message_get_header (self, "subject");
  const char *from = md_bounce_message_get_header (self, "from");

  if (from == NULL || find_ci (from, strlen (from), "mailer-daemon") != NULL ||
      find_ci (from, strlen (from), "postmaster") != NULL)
    return FALSE;

  if ((auto_submitted != NULL && has_prefix_ci (auto_submitted, "auto-replied")) ||
      header_get (self->headers, "x-autoreply") != NULL ||
      header_get (self->headers, "x-autorespond") != NULL ||
      (precedence != NULL && find_ci (precedence, strlen (precedence), "auto_reply") != NULL))
    return TRUE;

  for (guint i = 0; subject != NULL && subjects[i] != NULL; i++)
    if (has_prefix_ci (subject, subjects[i]))
      return TRUE;

  return FALSE;
}

static void
judge_bounce (MdBounceMessage *self,
              const char      *ndr,
              gsize            length)
{
  const char *from = md_bounce_message_get_header (self, "from");
  const char *subject = md_bounce_message_get_header (self, "subject");

  if (self->is_dsn || self->is_report)
    self->looks_like_bounce = TRUE;
  else if (from != NULL && (find_ci (from, strlen (from), "mailer-daemon") != NULL ||
                            find_ci (from, strlen (from), "postmaster") != NULL ||
                            find_ci (from, strlen (from), "mail delivery") != NULL))
    self->looks_like_bounce = TRUE;
  else if (subject != NULL && mentions_bounce (subject, strlen (subject), FALSE))
    self->looks_like_bounce = TRUE;
  else if (header_get (self->headers, "x-failed-recipients") != NULL)
    self->looks_like_bounce = TRUE;
  else
    self->looks_like_bounce = has_failure_code (ndr, length) ||
                              mentions_delivery_failure (self->lowered, MIN (length, 8192)) ||
                              (self->headers->len == 0 && mentions_bounce (self->lowered, MIN (length, 8192), TRUE));
}

/**
 * md_bounce_message_new:
 * @data: the bounce, any bytes
 * @length: their length
 *
 * Parses @data, which may be a whole message, a DSN, a plain-text NDR or a
 * single line. Never fails: bad bytes are replaced, not rejected.
 *
 * Returns: (transfer full): the parsed bounce
 */
MdBounceMessage *
md_bounce_message_new (const char *data,
                       gsize       length)
{
  MdBounceMessage *self;
  g_autofree char *norm = NULL;
  const char *end;
  const char *body;
  gsize norm_length;
  gsize cut;
  const char *ndr;
  gsize ndr_length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_object_new (MD_TYPE_BOUNCE_MESSAGE, NULL);
  norm = normalize (data != NULL ? data : "", length, &norm_length);
  end = norm + norm_length;

  if (starts_with_headers (norm, end))
    self->headers = parse_headers (norm, end, &body, KEEP_USEFUL);
  else
    {
      self->headers = g_ptr_array_new_with_free_func (header_free);
      body = norm;
    }

  walk_entity (self, self->headers, body, end, 0);

  /* The human-readable part stops where the returned message starts. */
  self->lowered = lower_dup (self->text->str, self->text->len);
  cut = find_cut (self->text->str, self->lowered, self->text->len);
  self->lowered[cut] = '\0';
  if (cut < self->text->len)
    {
      const char *rest = self->text->str + cut;
      const char *eol = strchr (rest, '\n');

      if (self->original_headers == NULL && eol != NULL)
        keep_original_headers (self, eol + 1, strlen (eol + 1));
      g_string_truncate (self->text, cut);
    }

  /* The text is complete from here on. */
  ndr = self->text->str;
  ndr_length = self->text->len;

  if (!self->is_dsn && parse_ses_json (self, ndr))
    self->is_dsn = TRUE;

  if (!self->is_dsn && text_has_dsn_fields (norm, norm_length) && parse_dsn (self, norm, norm_length) > 0 &&
      self->deliveries->len > 0)
    self->is_dsn = TRUE;

  judge_bounce (self, ndr, ndr_length);

  if (!self->is_dsn && !self->is_report && is_auto_reply (self) && !has_failure_code (ndr, ndr_length))
    {
      MdBounceDelivery *d = add_delivery (self);

      /* Whoever answered is the recipient who is away. */
      first_address (md_bounce_message_get_header (self, "from"), &d->recipient);
      d->diagnostic = capped_text (ndr, ndr_length);
      self->looks_like_bounce = TRUE;
      self->agent = "rfc3834";
      g_clear_pointer (&self->lowered, g_free);
      return self;
    }

  if (self->looks_like_bounce)
    {
      extract_from_text (self, ndr, ndr_length);
      fill_codes (self, ndr, ndr_length);
    }

  self->agent = self->is_feedback ? "arf" : detect_agent (self, ndr_length);
  g_clear_pointer (&self->lowered, g_free);

  return self;
}

gboolean
md_bounce_message_is_dsn (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), FALSE);

  return self->is_dsn;
}

/**
 * md_bounce_message_looks_like_bounce:
 * @self: a #MdBounceMessage
 *
 * Returns: whether the message reads as a bounce at all: a DSN, a message
 *   from a mailer daemon, a bounce subject, or a failure code in its text
 */
gboolean
md_bounce_message_looks_like_bounce (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), FALSE);

  return self->looks_like_bounce;
}

static const char *
decoded_header (MdBounceMessage *self,
                GPtrArray       *headers,
                const char      *prefix,
                const char      *name)
{
  char key[80];
  const char *cached;
  const char *raw;
  char *text;
  gsize n;

  n = g_strlcpy (key, prefix, sizeof key);
  g_strlcpy (key + n, name, sizeof key - n);
  for (char *k = key; *k; k++)
    *k = lower (*k);

  cached = g_hash_table_lookup (self->decoded, key);
  if (cached != NULL)
    return cached;

  raw = header_get (headers, name);
  if (raw == NULL)
    return NULL;

  text = decode_header_text (raw);
  g_hash_table_insert (self->decoded, g_strdup (key), text);

  return text;
}

/**
 * md_bounce_message_get_header:
 * @self: a #MdBounceMessage
 * @name: a header name, any case
 *
 * Returns: (nullable): the bounce's own header, unfolded and decoded to UTF-8
 */
const char *
md_bounce_message_get_header (MdBounceMessage *self,
                              const char      *name)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return decoded_header (self, self->headers, "", name);
}

/**
 * md_bounce_message_get_original_header:
 * @self: a #MdBounceMessage
 * @name: a header name, any case ("From", "To", "Subject", "Date", "Message-ID")
 *
 * Returns: (nullable): the header of the returned message, decoded to UTF-8
 */
const char *
md_bounce_message_get_original_header (MdBounceMessage *self,
                                       const char      *name)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->original_headers == NULL)
    return NULL;

  return decoded_header (self, self->original_headers, "\n", name);
}

const char *
md_bounce_message_get_reporting_mta (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);

  return self->reporting_mta;
}

const char *
md_bounce_message_get_received_from_mta (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);

  return self->received_from_mta;
}

const char *
md_bounce_message_get_arrival_date (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);

  return self->arrival_date;
}

/**
 * md_bounce_message_get_agent:
 * @self: a #MdBounceMessage
 *
 * Returns: (nullable): a short name of the software that wrote the bounce,
 *   from its wording: "postfix", "exim", "qmail", "sendmail", "exchange",
 *   "office365", "gmail", "yahoo"…
 */
const char *
md_bounce_message_get_agent (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);

  return self->agent;
}

/**
 * md_bounce_message_get_text:
 * @self: a #MdBounceMessage
 *
 * Returns: the human-readable part of the bounce in UTF-8, without the
 *   returned message
 */
const char *
md_bounce_message_get_text (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);

  return self->text->str;
}

guint
md_bounce_message_get_n_deliveries (MdBounceMessage *self)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), 0);

  return self->deliveries->len;
}

/**
 * md_bounce_message_get_delivery:
 * @self: a #MdBounceMessage
 * @index: from 0
 *
 * Returns: (transfer none): what the bounce says about one recipient
 */
const MdBounceDelivery *
md_bounce_message_get_delivery (MdBounceMessage *self,
                                guint            index)
{
  g_return_val_if_fail (MD_IS_BOUNCE_MESSAGE (self), NULL);
  g_return_val_if_fail (index < self->deliveries->len, NULL);

  return g_ptr_array_index (self->deliveries, index);
}
